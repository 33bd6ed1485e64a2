import Glibc

/// A whole file read into memory with `read(2)`, up to a limit. Foundation's `FileHandle`
/// followed by `Array(data)` took about 2.5 ms for a 1.6 MB desired state: a copy a byte at a
/// time after the read (docs/performance.md). Works for pipes and other files whose size
/// `fstat` does not know (`-f <(generate-config)`).
package enum FileBytes {
    package enum Outcome: Equatable {
        case bytes([UInt8])
        /// More than `limit` bytes: reading stopped after `limit + 1`.
        case tooLarge
        /// `open` or `read` failed with this `errno`.
        case failed(Int32)
    }

    package static func read(path: String, limit: Int) -> Outcome {
        var descriptor: Int32
        repeat { descriptor = open(path, O_RDONLY | O_CLOEXEC) } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else { return .failed(errno) }
        defer { close(descriptor) }
        var info = stat()
        let knownSize = fstat(descriptor, &info) == 0 && info.st_size > 0 ? Int(info.st_size) : 0
        // One byte more than the size, so that the read that finds the end needs no growth.
        var bytes = [UInt8](repeating: 0, count: min(max(knownSize, 4096), limit) + 1)
        var filled = 0
        while filled <= limit {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit + 1 - bytes.count + 1))) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                return .failed(errno)
            }
            filled += count
        }
        if filled > limit { return .tooLarge }
        bytes.removeLast(bytes.count - filled)
        return .bytes(bytes)
    }
}
