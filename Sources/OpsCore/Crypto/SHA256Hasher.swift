internal import CCrypto

/// Incremental SHA-256 for input that arrives in pieces (large files, a receipt line hashed
/// without its `hash` and `mac` members). Owns one `EVP_MD_CTX`; a class so that the context
/// has exactly one owner and is freed once, in `deinit`. Not `Sendable`: the context is mutable.
package final class SHA256Hasher {
    private let crypto: LibCrypto
    private let context: OpaquePointer

    package init() throws(CryptoError) {
        let crypto = try LibCrypto.load()
        self.crypto = crypto
        guard let context = crypto.api.EVP_MD_CTX_new() else { throw CryptoError(.libcrypto(function: "EVP_MD_CTX_new")) }
        self.context = context
        do {
            try checkLibcrypto(crypto.api.EVP_DigestInit_ex2(context, try SHA256.fetchedAlgorithm(), nil), "EVP_DigestInit_ex2")
        } catch {
            crypto.api.EVP_MD_CTX_free(context)
            throw error
        }
    }

    deinit {
        crypto.api.EVP_MD_CTX_free(context)
    }

    package func update(_ bytes: UnsafeRawBufferPointer) throws(CryptoError) {
        guard bytes.count > 0 else { return }
        try checkLibcrypto(crypto.api.EVP_DigestUpdate(context, bytes.baseAddress, bytes.count), "EVP_DigestUpdate")
    }

    package func update(_ bytes: [UInt8]) throws(CryptoError) {
        let result = bytes.withUnsafeBytes { buffer in Result { () throws(CryptoError) in try update(buffer) } }
        try result.get()
    }

    /// Returns the digest and starts over, so one hasher can digest many messages.
    package func finalize() throws(CryptoError) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: SHA256.byteCount)
        let result = digest.withUnsafeMutableBytes { out in Result { () throws(CryptoError) in try finalize(into: out) } }
        try result.get()
        return digest
    }

    /// Writes the 32-byte digest into `output` without allocating (the verifier's hot loop), then resets.
    func finalize(into output: UnsafeMutableRawBufferPointer) throws(CryptoError) {
        precondition(output.count >= SHA256.byteCount, "SHA-256 output buffer too small")
        var length: UInt32 = 0
        try checkLibcrypto(
            crypto.api.EVP_DigestFinal_ex(context, output.baseAddress?.assumingMemoryBound(to: UInt8.self), &length),
            "EVP_DigestFinal_ex"
        )
        try checkLibcrypto(crypto.api.EVP_DigestInit_ex2(context, try SHA256.fetchedAlgorithm(), nil), "EVP_DigestInit_ex2")
    }
}
