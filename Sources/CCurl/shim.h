#ifndef OPSCTL_CCURL_SHIM_H
#define OPSCTL_CCURL_SHIM_H

#include <curl/curl.h>
#include <dlfcn.h>
#include <stddef.h>

/* libcurl is opened with dlopen when a command first needs HTTP, not by the dynamic loader at
   every start: with the thirty-odd libraries it pulls in, it was a third of the start-up of
   commands that never use it (docs/performance.md). The functions opsctl calls are looked up
   once into this table; each field has the type of curl.h's own prototype, so a mismatch is a
   compile error here rather than a bad call at run time. */
struct opsctl_curl_api {
    __typeof__(&curl_global_init) global_init;
    __typeof__(&curl_easy_init) easy_init;
    __typeof__(&curl_easy_cleanup) easy_cleanup;
    __typeof__(&curl_easy_reset) easy_reset;
    __typeof__(&curl_easy_strerror) easy_strerror;
    __typeof__(&curl_multi_init) multi_init;
    __typeof__(&curl_multi_cleanup) multi_cleanup;
    __typeof__(&curl_multi_add_handle) multi_add_handle;
    __typeof__(&curl_multi_remove_handle) multi_remove_handle;
    __typeof__(&curl_multi_perform) multi_perform;
    __typeof__(&curl_multi_poll) multi_poll;
    __typeof__(&curl_multi_wakeup) multi_wakeup;
    __typeof__(&curl_multi_info_read) multi_info_read;
    __typeof__(&curl_slist_append) slist_append;
    __typeof__(&curl_slist_free_all) slist_free_all;
    /* Variadic, which Swift can neither call nor import: only the helpers below use them. */
    void *easy_setopt;
    void *easy_getinfo;
};

#define OPSCTL_CURL_RESOLVE(field, symbol) \
    if ((*(void **)&api->field = dlsym(library, #symbol)) == NULL) return #symbol;

/* Fills `api` from a handle dlopen returned: NULL when every function was found, else the name
   of the first that was not. */
static inline const char *opsctl_curl_resolve(void *library, struct opsctl_curl_api *api) {
    OPSCTL_CURL_RESOLVE(global_init, curl_global_init)
    OPSCTL_CURL_RESOLVE(easy_init, curl_easy_init)
    OPSCTL_CURL_RESOLVE(easy_cleanup, curl_easy_cleanup)
    OPSCTL_CURL_RESOLVE(easy_reset, curl_easy_reset)
    OPSCTL_CURL_RESOLVE(easy_strerror, curl_easy_strerror)
    OPSCTL_CURL_RESOLVE(multi_init, curl_multi_init)
    OPSCTL_CURL_RESOLVE(multi_cleanup, curl_multi_cleanup)
    OPSCTL_CURL_RESOLVE(multi_add_handle, curl_multi_add_handle)
    OPSCTL_CURL_RESOLVE(multi_remove_handle, curl_multi_remove_handle)
    OPSCTL_CURL_RESOLVE(multi_perform, curl_multi_perform)
    OPSCTL_CURL_RESOLVE(multi_poll, curl_multi_poll)
    OPSCTL_CURL_RESOLVE(multi_wakeup, curl_multi_wakeup)
    OPSCTL_CURL_RESOLVE(multi_info_read, curl_multi_info_read)
    OPSCTL_CURL_RESOLVE(slist_append, curl_slist_append)
    OPSCTL_CURL_RESOLVE(slist_free_all, curl_slist_free_all)
    OPSCTL_CURL_RESOLVE(easy_setopt, curl_easy_setopt)
    OPSCTL_CURL_RESOLVE(easy_getinfo, curl_easy_getinfo)
    return NULL;
}

#undef OPSCTL_CURL_RESOLVE

/* curl_easy_setopt and curl_easy_getinfo are variadic; these fix the argument type per use and
   call them through the table, with their real (variadic) type. */

typedef size_t (*opsctl_curl_data_callback)(char *data, size_t size, size_t count, void *context);
typedef CURLcode (*opsctl_curl_setopt_function)(CURL *, CURLoption, ...);
typedef CURLcode (*opsctl_curl_getinfo_function)(CURL *, CURLINFO, ...);

static inline CURLcode opsctl_curl_set_long(const struct opsctl_curl_api *api, CURL *handle, CURLoption option, long value) {
    return ((opsctl_curl_setopt_function)api->easy_setopt)(handle, option, value);
}

static inline CURLcode opsctl_curl_set_offset(const struct opsctl_curl_api *api, CURL *handle, CURLoption option, curl_off_t value) {
    return ((opsctl_curl_setopt_function)api->easy_setopt)(handle, option, value);
}

static inline CURLcode opsctl_curl_set_pointer(const struct opsctl_curl_api *api, CURL *handle, CURLoption option, const void *value) {
    return ((opsctl_curl_setopt_function)api->easy_setopt)(handle, option, value);
}

static inline CURLcode opsctl_curl_set_string(const struct opsctl_curl_api *api, CURL *handle, CURLoption option, const char *value) {
    return ((opsctl_curl_setopt_function)api->easy_setopt)(handle, option, value);
}

static inline CURLcode opsctl_curl_set_data_callback(
    const struct opsctl_curl_api *api, CURL *handle, CURLoption option, opsctl_curl_data_callback callback) {
    return ((opsctl_curl_setopt_function)api->easy_setopt)(handle, option, callback);
}

static inline CURLcode opsctl_curl_get_long(const struct opsctl_curl_api *api, CURL *handle, CURLINFO info, long *value) {
    return ((opsctl_curl_getinfo_function)api->easy_getinfo)(handle, info, value);
}

#endif
