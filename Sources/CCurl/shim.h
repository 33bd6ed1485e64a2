#ifndef OPSCTL_CCURL_SHIM_H
#define OPSCTL_CCURL_SHIM_H

#include <curl/curl.h>

/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call; these fix
   the argument type per use. */

typedef size_t (*opsctl_curl_data_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode opsctl_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode opsctl_curl_set_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode opsctl_curl_set_pointer(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode opsctl_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode opsctl_curl_set_data_callback(CURL *handle, CURLoption option, opsctl_curl_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode opsctl_curl_get_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
