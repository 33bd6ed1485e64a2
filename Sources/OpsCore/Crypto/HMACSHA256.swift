/// HMAC-SHA256 (RFC 2104) through libcrypto's EVP_MAC interface.
package enum HMACSHA256 {
    package static let byteCount = 32

    package static func authenticationCode(for message: UnsafeRawBufferPointer, key: [UInt8]) throws(CryptoError)
        -> [UInt8]
    {
        let hasher = try HMACSHA256Hasher(key: key)
        try hasher.update(message)
        return try hasher.finalize()
    }

    package static func authenticationCode(for message: [UInt8], key: [UInt8]) throws(CryptoError) -> [UInt8] {
        let hasher = try HMACSHA256Hasher(key: key)
        try hasher.update(message)
        return try hasher.finalize()
    }

    /// True when `code` is the HMAC of `message` under `key`, compared in constant time so
    /// that the comparison does not reveal how many leading bytes of a forgery were right.
    package static func isValid(_ code: [UInt8], for message: [UInt8], key: [UInt8]) throws(CryptoError) -> Bool {
        ConstantTime.equals(code, try authenticationCode(for: message, key: key))
    }
}
