internal import CCrypto

/// Random bytes from OpenSSL's CSPRNG (seeded from the kernel), for keys, nonces and
/// idempotency keys. Never `random()` or `SystemRandomNumberGenerator` for secrets: this
/// one reports a failure to seed instead of returning weak bytes.
package enum SecureRandom {
    package static func bytes(count: Int) throws(CryptoError) -> [UInt8] {
        precondition(count >= 0 && count <= Int(Int32.max), "random byte count out of range")
        var output = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return output }
        let crypto = try LibCrypto.load()
        let result = output.withUnsafeMutableBufferPointer { crypto.api.RAND_bytes($0.baseAddress, Int32(count)) }
        try checkLibcrypto(result, "RAND_bytes")
        return output
    }
}
