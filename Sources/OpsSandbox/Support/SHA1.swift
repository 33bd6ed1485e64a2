import OpsCore

/// Git names blobs and commits by SHA-1; the GitHub emulator computes real blob SHAs so a
/// client that hashes a file locally gets the same answer as from github.com. The digest
/// comes from libcrypto: no hand-written cryptography.
enum SHA1 {
    static func hex(_ bytes: [UInt8]) -> String {
        // As before the digest moved to `MessageDigest`: SHA-1 fails only when libcrypto
        // cannot be loaded or lacks it, and the sandbox cannot name git objects without it.
        guard let digest = try? MessageDigest.hash(bytes, with: .sha1) else {
            preconditionFailure("libcrypto's SHA-1 failed")
        }
        return Hex.encode(digest)
    }

    static func hex(_ text: String) -> String {
        hex(Array(text.utf8))
    }

    /// The object name git gives a file with these contents (`git hash-object`).
    static func gitBlob(_ contents: [UInt8]) -> String {
        hex(Array("blob \(contents.count)\0".utf8) + contents)
    }
}
