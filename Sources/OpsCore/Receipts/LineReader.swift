import Glibc

/// Reads a file front to back in large chunks and hands out its lines, split with `memchr`,
/// so that a long log costs a few hundred system calls and no per-byte Swift work.
enum LineReader {
    static let chunkSize = 1 << 21
    /// A line longer than this is not a receipt; refusing it bounds memory on a corrupt file.
    static let maximumLineLength = 1 << 28

    /// Calls `body` with each line (without its newline), the line's offset in the file, and
    /// whether a newline ended it (only the last line can lack one). `body` returns false to stop.
    static func forEachLine(
        in descriptor: OwnedFileDescriptor,
        _ body: (UnsafeRawBufferPointer, _ offset: Int, _ terminated: Bool) throws(ReceiptError) -> Bool
    ) throws(ReceiptError) {
        var capacity = chunkSize
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 64)
        defer { buffer.deallocate() }
        var filled = 0
        var bufferOffset = 0  // file offset of buffer[0]
        var lines = 0
        var atEnd = false
        while true {
            if filled == capacity {
                // A line fills the whole buffer: make room, within reason.
                guard capacity < maximumLineLength else {
                    throw ReceiptError.lineTooLong(path: descriptor.path, line: lines + 1, limit: maximumLineLength)
                }
                let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity * 2, alignment: 64)
                larger.copyMemory(from: UnsafeRawBufferPointer(buffer))
                buffer.deallocate()
                buffer = larger
                capacity *= 2
            }
            let count = try descriptor.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<capacity]))
            if count == 0 { atEnd = true }
            filled += count

            let base = UnsafeRawPointer(buffer.baseAddress!)
            var start = 0
            while start < filled, let newline = memchr(base + start, 0x0A, filled - start) {
                let end = UnsafeRawPointer(newline) - base
                lines += 1
                let line = UnsafeRawBufferPointer(start: base + start, count: end - start)
                if try !body(line, bufferOffset + start, true) { return }
                start = end + 1
            }
            if atEnd {
                if start < filled {
                    _ = try body(UnsafeRawBufferPointer(start: base + start, count: filled - start), bufferOffset + start, false)
                }
                return
            }
            // Keep the unfinished line, moved to the front, and read on.
            if start > 0 {
                memmove(buffer.baseAddress!, base + start, filled - start)
                bufferOffset += start
                filled -= start
            }
        }
    }
}
