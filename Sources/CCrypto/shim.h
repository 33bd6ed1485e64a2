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

/* EVP_PKEY_PUBLIC_KEY is an expression of several macros, which Swift does not import. */
static inline int opsctl_evp_pkey_public_key_selection(void) {
    return EVP_PKEY_PUBLIC_KEY;
}
#endif
