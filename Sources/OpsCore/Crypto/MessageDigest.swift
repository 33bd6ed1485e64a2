internal import CCrypto

/// One-shot digests named by algorithm, for formats that let the signer choose (SSH signatures
/// use SHA-256, SHA-384 or SHA-512; the sandbox names git objects by SHA-1). Receipts and plans
/// keep using `SHA256`, which is tuned for their hot loops.
package enum MessageDigest {
    package enum Algorithm: String, Sendable, Equatable, CaseIterable {
        case sha256 = "SHA256"
        case sha384 = "SHA384"
        case sha512 = "SHA512"
        /// Only for git's object names (the sandbox's GitHub), never to authenticate anything.
        case sha1 = "SHA1"

        package var byteCount: Int {
            switch self {
            case .sha256: 32
            case .sha384: 48
            case .sha512: 64
            case .sha1: 20
            }
        }
    }

    package static func hash(_ bytes: [UInt8], with algorithm: Algorithm) throws(CryptoError) -> [UInt8] {
        let crypto = try LibCrypto.load()
        guard let method = crypto.api.EVP_MD_fetch(nil, algorithm.rawValue, nil) else { throw CryptoError(.libcrypto(function: "EVP_MD_fetch")) }
        defer { crypto.api.EVP_MD_free(method) }
        var digest = [UInt8](repeating: 0, count: algorithm.byteCount)
        var length: UInt32 = 0
        let result = bytes.withUnsafeBytes { input in
            digest.withUnsafeMutableBufferPointer { out in
                crypto.api.EVP_Digest(input.baseAddress, input.count, out.baseAddress, &length, method, nil)
            }
        }
        try checkLibcrypto(result, "EVP_Digest")
        return digest
    }
}
