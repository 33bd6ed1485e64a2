internal import CCrypto

/// Git names blobs and commits by SHA-1; the GitHub emulator computes real blob SHAs so a
/// client that hashes a file locally gets the same answer as from github.com. The digest
/// comes from libcrypto: no hand-written cryptography.
enum SHA1 {
    static func hex(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBufferPointer { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha1(), nil)
        }
        precondition(ok == 1, "libcrypto's SHA-1 failed")
        return hexString(digest.prefix(Int(length)))
    }

    static func hex(_ text: String) -> String {
        hex(Array(text.utf8))
    }

    /// The object name git gives a file with these contents (`git hash-object`).
    static func gitBlob(_ contents: [UInt8]) -> String {
        hex(Array("blob \(contents.count)\0".utf8) + contents)
    }

    private static func hexString<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
