import Glibc

/// Writes the whole of a buffer to a file descriptor with `write(2)` (or `pwrite(2)` at an
/// offset), looping over short writes (a signal, a full pipe, a quota) and `EINTR`. The one
/// loop behind the atomic file, the receipts log, the fingerprint key and the terminal.
package enum DescriptorWrite {
    /// Returns nil once every byte is written, or the `errno` of the write that failed.
    package static func all(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, at offset: Int? = nil) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var written = 0
        while written < bytes.count {
            let result = if let offset {
                pwrite(descriptor, base + written, bytes.count - written, off_t(offset + written))
            } else {
                write(descriptor, base + written, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                return errno
            }
            // Nothing written and no error: asking again would loop for ever.
            if result == 0 { return EIO }
            written += result
        }
        return nil
    }

    /// `all(_:to:at:)` for an array's bytes.
    package static func all(_ bytes: [UInt8], to descriptor: Int32, at offset: Int? = nil) -> Int32? {
        bytes.withUnsafeBytes { all($0, to: descriptor, at: offset) }
    }
}
