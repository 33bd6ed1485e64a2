internal import CCrypto

/// Incremental HMAC-SHA256. Owns one `EVP_MAC_CTX` (freed in `deinit`) and a copy of the key,
/// which it wipes when it goes away. Not `Sendable`: the context is mutable.
package final class HMACSHA256Hasher {
    /// Fetched once and shared, for the same reason as `SHA256.algorithm`.
    nonisolated(unsafe) private static let algorithm = Result { () throws(CryptoError) -> OpaquePointer in
        guard let algorithm = try LibCrypto.load().api.EVP_MAC_fetch(nil, "HMAC", nil) else {
            throw CryptoError(.libcrypto(function: "EVP_MAC_fetch"))
        }
        return algorithm
    }

    private let crypto: LibCrypto
    private let context: OpaquePointer
    private var key: [UInt8]

    package init(key: [UInt8]) throws(CryptoError) {
        guard !key.isEmpty else { throw CryptoError(.emptyKey) }
        let algorithm = try Self.algorithm.get()
        let crypto = try LibCrypto.load()
        self.crypto = crypto
        guard let context = crypto.api.EVP_MAC_CTX_new(algorithm) else {
            throw CryptoError(.libcrypto(function: "EVP_MAC_CTX_new"))
        }
        self.context = context
        self.key = key
        // OSSL_PARAM keeps the pointers it is given, so they must outlive EVP_MAC_init:
        // StaticString storage is static. OpenSSL only reads the digest name despite the `char *`.
        let parameterName: StaticString = "digest"
        let digestName: StaticString = "SHA256"
        var parameters = [
            crypto.api.OSSL_PARAM_construct_utf8_string(
                UnsafeRawPointer(parameterName.utf8Start).assumingMemoryBound(to: CChar.self),
                UnsafeMutableRawPointer(mutating: digestName.utf8Start).assumingMemoryBound(to: CChar.self),
                0
            ),
            crypto.api.OSSL_PARAM_construct_end(),
        ]
        let result = key.withUnsafeBufferPointer { keyBytes in
            crypto.api.EVP_MAC_init(context, keyBytes.baseAddress, keyBytes.count, &parameters)
        }
        do {
            try checkLibcrypto(result, "EVP_MAC_init")
        } catch {
            crypto.api.EVP_MAC_CTX_free(context)
            throw error
        }
    }

    deinit {
        key.withUnsafeMutableBytes { crypto.api.OPENSSL_cleanse($0.baseAddress, $0.count) }
        crypto.api.EVP_MAC_CTX_free(context)
    }

    package func update(_ bytes: UnsafeRawBufferPointer) throws(CryptoError) {
        guard bytes.count > 0 else { return }
        try checkLibcrypto(
            crypto.api.EVP_MAC_update(context, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count),
            "EVP_MAC_update"
        )
    }

    package func update(_ bytes: [UInt8]) throws(CryptoError) {
        let result = bytes.withUnsafeBytes { buffer in Result { () throws(CryptoError) in try update(buffer) } }
        try result.get()
    }

    /// Returns the code and starts over with the same key, so one hasher can authenticate many messages.
    package func finalize() throws(CryptoError) -> [UInt8] {
        var code = [UInt8](repeating: 0, count: HMACSHA256.byteCount)
        let result = code.withUnsafeMutableBytes { out in Result { () throws(CryptoError) in try finalize(into: out) } }
        try result.get()
        return code
    }

    func finalize(into output: UnsafeMutableRawBufferPointer) throws(CryptoError) {
        precondition(output.count >= HMACSHA256.byteCount, "HMAC output buffer too small")
        var length = 0
        try checkLibcrypto(
            crypto.api.EVP_MAC_final(
                context, output.baseAddress?.assumingMemoryBound(to: UInt8.self), &length, HMACSHA256.byteCount),
            "EVP_MAC_final"
        )
        // Re-keying restarts the MAC; the digest chosen in `init` stays set on the context.
        let result = key.withUnsafeBufferPointer { keyBytes in
            crypto.api.EVP_MAC_init(context, keyBytes.baseAddress, keyBytes.count, nil)
        }
        try checkLibcrypto(result, "EVP_MAC_init")
    }
}
