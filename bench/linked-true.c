/* The floor for `opsctl version`'s cold start: a program that does nothing but links the same
 * system libraries opsctl links (libcurl, libcrypto, libpq, libyaml), so the dynamic loader
 * does the same work. Each library is referenced so the linker keeps it. */
#include <curl/curl.h>
#include <libpq-fe.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <yaml.h>

int main(int argc, char **argv) {
    if (argc > 1) {
        printf("%s %s %d %s\n", curl_version(), OpenSSL_version(OPENSSL_VERSION), PQlibVersion(), yaml_get_version_string());
    }
    return 0;
}
