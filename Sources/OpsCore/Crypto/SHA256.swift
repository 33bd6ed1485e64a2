internal import CCrypto

import Glibc

/// SHA-256 through libcrypto's EVP interface.
package enum SHA256 {
    package static let byteCount = 32

    /// Fetched once: in OpenSSL 3, passing `EVP_sha256()` to each init re-resolves the
    /// implementation through the provider store (locks and lookups) every time, which is
    /// noticeable when a verifier hashes hundreds of thousands of short lines. EVP_MD objects
    /// are immutable and reference counted, so one may be shared by all threads.
    nonisolated(unsafe) private static let algorithm = Result { () throws(CryptoError) -> OpaquePointer in
        guard let algorithm = try LibCrypto.load().api.EVP_MD_fetch(nil, "SHA256", nil) else {
            throw CryptoError(.libcrypto(function: "EVP_MD_fetch"))
        }
        return algorithm
    }

    static func fetchedAlgorithm() throws(CryptoError) -> OpaquePointer {
        try algorithm.get()
    }

    package static func hash(_ bytes: UnsafeRawBufferPointer) throws(CryptoError) -> [UInt8] {
        let algorithm = try fetchedAlgorithm()
        let crypto = try LibCrypto.load()
        var digest = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        let result = digest.withUnsafeMutableBufferPointer { out in
            crypto.api.EVP_Digest(bytes.baseAddress, bytes.count, out.baseAddress, &length, algorithm, nil)
        }
        try checkLibcrypto(result, "EVP_Digest")
        return digest
    }

    package static func hash(_ bytes: [UInt8]) throws(CryptoError) -> [UInt8] {
        // `withUnsafeBytes` cannot forward a typed throw, so the result travels out as a Result.
        let result = bytes.withUnsafeBytes { buffer in Result { () throws(CryptoError) in try hash(buffer) } }
        return try result.get()
    }

    package static func hash(_ text: String) throws(CryptoError) -> [UInt8] {
        try hash(Array(text.utf8))
    }

    /// Lower-case hex of the digest, the form receipts and plan files store.
    package static func hexHash(_ bytes: [UInt8]) throws(CryptoError) -> String {
        Hex.encode(try hash(bytes))
    }

    /// Hashes a file of any size in fixed-size chunks, so memory does not grow with the file.
    package static func hash(fileAt path: String) throws(CryptoError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CryptoError(.unreadableFile(path: path, errno: errno)) }
        defer { close(descriptor) }
        let hasher = try SHA256Hasher()
        let chunkSize = 1 << 20
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let count = read(descriptor, chunk.baseAddress, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw CryptoError(.unreadableFile(path: path, errno: errno))
            }
            if count == 0 { break }
            try hasher.update(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
        }
        return try hasher.finalize()
    }
}
