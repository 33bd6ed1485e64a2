import Glibc

/// Reads a file front to back in large chunks and hands out its lines, split with `memchr`,
/// so that a long log costs a few hundred system calls and no per-byte Swift work.
enum LineReader {
    /// Half a megabyte: the buffer is new memory for each read of a log, a page fault per 4 KiB
    /// touched (2 MiB were a third of `receipts verify`'s faults), and a block of about 1,800
    /// receipts still gives each processor enough lines to check (docs/performance.md).
    static let chunkSize = 1 << 19
    /// A line longer than this is not a receipt; refusing it bounds memory on a corrupt file.
    static let maximumLineLength = 1 << 28

    /// Calls `body` with each line (without its newline), the line's offset in the file, and
    /// whether a newline ended it (only the last line can lack one). `body` returns false to stop.
    static func forEachLine(
        in descriptor: OwnedFileDescriptor,
        _ body: (UnsafeRawBufferPointer, _ offset: Int, _ terminated: Bool) throws(ReceiptError) -> Bool
    ) throws(ReceiptError) {
        try forEachBlock(in: descriptor) { (block, blockOffset, complete) throws(ReceiptError) in
            guard complete else { return try body(block, blockOffset, false) }
            let base = block.baseAddress!
            var start = 0
            while start < block.count, let newline = memchr(base + start, 0x0A, block.count - start) {
                let end = UnsafeRawPointer(newline) - base
                if try !body(UnsafeRawBufferPointer(start: base + start, count: end - start), blockOffset + start, true) {
                    return false
                }
                start = end + 1
            }
            return true
        }
    }

    /// Calls `body` with runs of whole lines as they are read: `complete` runs end with a
    /// newline and hold every line up to it; a last run without a newline (the file's unended
    /// last line) comes with `complete` false. `offset` is the run's offset in the file. For
    /// callers that work on many lines at once (`receipts verify` checks them on several threads).
    static func forEachBlock(
        in descriptor: OwnedFileDescriptor,
        _ body: (UnsafeRawBufferPointer, _ offset: Int, _ complete: Bool) throws(ReceiptError) -> Bool
    ) throws(ReceiptError) {
        var capacity = chunkSize
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 64)
        defer { buffer.deallocate() }
        var filled = 0
        var bufferOffset = 0  // file offset of buffer[0]
        var lines = 0  // lines handed out, for the error that names the line too long to hold
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
            // Everything up to the last newline read so far is whole lines.
            let complete = endOfWholeLines(UnsafeRawBufferPointer(start: base, count: filled))
            if complete > 0 {
                lines += countNewlines(UnsafeRawBufferPointer(start: base, count: complete))
                if try !body(UnsafeRawBufferPointer(start: base, count: complete), bufferOffset, true) { return }
            }
            if atEnd {
                if complete < filled {
                    _ = try body(UnsafeRawBufferPointer(start: base + complete, count: filled - complete), bufferOffset + complete, false)
                }
                return
            }
            // Keep the unfinished line, moved to the front, and read on.
            if complete > 0 {
                memmove(buffer.baseAddress!, base + complete, filled - complete)
                bufferOffset += complete
                filled -= complete
            }
        }
    }

    private static func countNewlines(_ bytes: UnsafeRawBufferPointer) -> Int {
        let base = bytes.baseAddress!
        var count = 0
        var start = 0
        while start < bytes.count, let newline = memchr(base + start, 0x0A, bytes.count - start) {
            count += 1
            start = UnsafeRawPointer(newline) - base + 1
        }
        return count
    }
}
