/* The floor for `opsctl version`'s cold start: a program that does nothing but link system
 * libraries, so the dynamic loader does the same work. Built twice by bench/run.sh:
 * - as issue 13 defines the anchor, linking the four libraries opsctl uses (libcurl, libcrypto,
 *   libpq, libyaml);
 * - with -DLINKED_AT_START, linking only those opsctl's executable names (libyaml, zlib):
 *   libcurl, libpq and libcrypto are opened at run time by the commands that need them.
 * Each library is referenced so the linker keeps it. */
#ifndef LINKED_AT_START
#include <curl/curl.h>
#include <libpq-fe.h>
#include <openssl/crypto.h>
#endif
#include <stdio.h>
#include <yaml.h>
#include <zlib.h>

int main(int argc, char **argv) {
    if (argc > 1) {
#ifndef LINKED_AT_START
        printf("%s %d %s\n", curl_version(), PQlibVersion(), OpenSSL_version(OPENSSL_VERSION));
#endif
        printf("%s %s\n", yaml_get_version_string(), zlibVersion());
    }
    return 0;
}
