/// Every libcrypto call that can fail goes through here, so that a failure becomes a thrown
/// `CryptoError` naming the function instead of a return code someone forgot to look at.
/// (OpenSSL's own error text would need `<openssl/err.h>`, which the CCrypto shim does not include.)
@inline(__always)
func checkLibcrypto(_ result: Int32, _ function: StaticString) throws(CryptoError) {
    if result != 1 { throw CryptoError(.libcrypto(function: "\(function)")) }
}
