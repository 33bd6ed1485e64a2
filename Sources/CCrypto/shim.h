#ifndef OPSCTL_CCRYPTO_SHIM_H
#define OPSCTL_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
/* Public-key verification of SSH signatures: keys are built from their parts with
   OSSL_PARAM_BLD and EVP_PKEY_fromdata, ECDSA (r, s) pairs become DER through ECDSA_SIG. */
#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <dlfcn.h>
#include <stddef.h>

/* EVP_PKEY_PUBLIC_KEY is an expression of several macros, which Swift does not import. */
static inline int opsctl_evp_pkey_public_key_selection(void) {
    return EVP_PKEY_PUBLIC_KEY;
}

/* libcrypto is opened with dlopen the first time a command hashes, signs, verifies or draws
   random bytes, not by the dynamic loader at every start: its 21,000 relocations were a fifth
   of the start of commands that never use it (`version`, `validate`; docs/performance.md).
   The functions opsctl calls are looked up once into this table, each field typed by the
   header's own prototype and named as the function is, so a call reads as it did. A function
   the table lacks cannot be called: nothing links libcrypto. */
struct opsctl_crypto_api {
    __typeof__(&EVP_MD_fetch) EVP_MD_fetch;
    __typeof__(&EVP_MD_free) EVP_MD_free;
    __typeof__(&EVP_Digest) EVP_Digest;
    __typeof__(&EVP_MD_CTX_new) EVP_MD_CTX_new;
    __typeof__(&EVP_MD_CTX_free) EVP_MD_CTX_free;
    __typeof__(&EVP_DigestInit_ex2) EVP_DigestInit_ex2;
    __typeof__(&EVP_DigestUpdate) EVP_DigestUpdate;
    __typeof__(&EVP_DigestFinal_ex) EVP_DigestFinal_ex;
    __typeof__(&EVP_MAC_fetch) EVP_MAC_fetch;
    __typeof__(&EVP_MAC_CTX_new) EVP_MAC_CTX_new;
    __typeof__(&EVP_MAC_CTX_free) EVP_MAC_CTX_free;
    __typeof__(&EVP_MAC_init) EVP_MAC_init;
    __typeof__(&EVP_MAC_update) EVP_MAC_update;
    __typeof__(&EVP_MAC_final) EVP_MAC_final;
    __typeof__(&OSSL_PARAM_construct_utf8_string) OSSL_PARAM_construct_utf8_string;
    __typeof__(&OSSL_PARAM_construct_end) OSSL_PARAM_construct_end;
    __typeof__(&OSSL_PARAM_BLD_new) OSSL_PARAM_BLD_new;
    __typeof__(&OSSL_PARAM_BLD_free) OSSL_PARAM_BLD_free;
    __typeof__(&OSSL_PARAM_BLD_push_BN) OSSL_PARAM_BLD_push_BN;
    __typeof__(&OSSL_PARAM_BLD_push_utf8_string) OSSL_PARAM_BLD_push_utf8_string;
    __typeof__(&OSSL_PARAM_BLD_push_octet_string) OSSL_PARAM_BLD_push_octet_string;
    __typeof__(&OSSL_PARAM_BLD_to_param) OSSL_PARAM_BLD_to_param;
    __typeof__(&OSSL_PARAM_free) OSSL_PARAM_free;
    __typeof__(&OPENSSL_cleanse) OPENSSL_cleanse;
    __typeof__(&CRYPTO_memcmp) CRYPTO_memcmp;
    __typeof__(&RAND_bytes) RAND_bytes;
    __typeof__(&BN_bin2bn) BN_bin2bn;
    __typeof__(&BN_free) BN_free;
    __typeof__(&EVP_PKEY_free) EVP_PKEY_free;
    __typeof__(&EVP_PKEY_new_raw_public_key_ex) EVP_PKEY_new_raw_public_key_ex;
    __typeof__(&EVP_PKEY_CTX_new_from_pkey) EVP_PKEY_CTX_new_from_pkey;
    __typeof__(&EVP_PKEY_CTX_new_from_name) EVP_PKEY_CTX_new_from_name;
    __typeof__(&EVP_PKEY_CTX_free) EVP_PKEY_CTX_free;
    __typeof__(&EVP_PKEY_public_check) EVP_PKEY_public_check;
    __typeof__(&EVP_PKEY_fromdata_init) EVP_PKEY_fromdata_init;
    __typeof__(&EVP_PKEY_fromdata) EVP_PKEY_fromdata;
    __typeof__(&EVP_PKEY_get_bits) EVP_PKEY_get_bits;
    __typeof__(&EVP_PKEY_get_size) EVP_PKEY_get_size;
    __typeof__(&EVP_DigestVerifyInit_ex) EVP_DigestVerifyInit_ex;
    __typeof__(&EVP_DigestVerify) EVP_DigestVerify;
    __typeof__(&ECDSA_SIG_new) ECDSA_SIG_new;
    __typeof__(&ECDSA_SIG_free) ECDSA_SIG_free;
    __typeof__(&ECDSA_SIG_set0) ECDSA_SIG_set0;
    __typeof__(&i2d_ECDSA_SIG) i2d_ECDSA_SIG;
};

#define OPSCTL_CRYPTO_RESOLVE(symbol) \
    if ((*(void **)&api->symbol = dlsym(library, #symbol)) == NULL) return #symbol;

/* Fills `api` from a handle dlopen returned: NULL when every function was found, else the name
   of the first that was not. */
static inline const char *opsctl_crypto_resolve(void *library, struct opsctl_crypto_api *api) {
    OPSCTL_CRYPTO_RESOLVE(EVP_MD_fetch)
    OPSCTL_CRYPTO_RESOLVE(EVP_MD_free)
    OPSCTL_CRYPTO_RESOLVE(EVP_Digest)
    OPSCTL_CRYPTO_RESOLVE(EVP_MD_CTX_new)
    OPSCTL_CRYPTO_RESOLVE(EVP_MD_CTX_free)
    OPSCTL_CRYPTO_RESOLVE(EVP_DigestInit_ex2)
    OPSCTL_CRYPTO_RESOLVE(EVP_DigestUpdate)
    OPSCTL_CRYPTO_RESOLVE(EVP_DigestFinal_ex)
    OPSCTL_CRYPTO_RESOLVE(EVP_MAC_fetch)
    OPSCTL_CRYPTO_RESOLVE(EVP_MAC_CTX_new)
    OPSCTL_CRYPTO_RESOLVE(EVP_MAC_CTX_free)
    OPSCTL_CRYPTO_RESOLVE(EVP_MAC_init)
    OPSCTL_CRYPTO_RESOLVE(EVP_MAC_update)
    OPSCTL_CRYPTO_RESOLVE(EVP_MAC_final)
    OPSCTL_CRYPTO_RESOLVE(OSSL_PARAM_construct_utf8_string)
    OPSCTL_CRYPTO_RESOLVE(OSSL_PARAM_construct_end)
    OPSCTL_CRYPTO_RESOLVE(OSSL_PARAM_BLD_new)
    OPSCTL_CRYPTO_RESOLVE(OSSL_PARAM_BLD_free)
    OPSCTL_CRYPTO_RESOLVE(OSSL_PARAM_BLD_push_BN)
    OPSCTL_CRYPTO_RESOLVE(OSSL_PARAM_BLD_push_utf8_string)
    OPSCTL_CRYPTO_RESOLVE(OSSL_PARAM_BLD_push_octet_string)
    OPSCTL_CRYPTO_RESOLVE(OSSL_PARAM_BLD_to_param)
    OPSCTL_CRYPTO_RESOLVE(OSSL_PARAM_free)
    OPSCTL_CRYPTO_RESOLVE(OPENSSL_cleanse)
    OPSCTL_CRYPTO_RESOLVE(CRYPTO_memcmp)
    OPSCTL_CRYPTO_RESOLVE(RAND_bytes)
    OPSCTL_CRYPTO_RESOLVE(BN_bin2bn)
    OPSCTL_CRYPTO_RESOLVE(BN_free)
    OPSCTL_CRYPTO_RESOLVE(EVP_PKEY_free)
    OPSCTL_CRYPTO_RESOLVE(EVP_PKEY_new_raw_public_key_ex)
    OPSCTL_CRYPTO_RESOLVE(EVP_PKEY_CTX_new_from_pkey)
    OPSCTL_CRYPTO_RESOLVE(EVP_PKEY_CTX_new_from_name)
    OPSCTL_CRYPTO_RESOLVE(EVP_PKEY_CTX_free)
    OPSCTL_CRYPTO_RESOLVE(EVP_PKEY_public_check)
    OPSCTL_CRYPTO_RESOLVE(EVP_PKEY_fromdata_init)
    OPSCTL_CRYPTO_RESOLVE(EVP_PKEY_fromdata)
    OPSCTL_CRYPTO_RESOLVE(EVP_PKEY_get_bits)
    OPSCTL_CRYPTO_RESOLVE(EVP_PKEY_get_size)
    OPSCTL_CRYPTO_RESOLVE(EVP_DigestVerifyInit_ex)
    OPSCTL_CRYPTO_RESOLVE(EVP_DigestVerify)
    OPSCTL_CRYPTO_RESOLVE(ECDSA_SIG_new)
    OPSCTL_CRYPTO_RESOLVE(ECDSA_SIG_free)
    OPSCTL_CRYPTO_RESOLVE(ECDSA_SIG_set0)
    OPSCTL_CRYPTO_RESOLVE(i2d_ECDSA_SIG)
    return NULL;
}

#undef OPSCTL_CRYPTO_RESOLVE
#endif
