/// The last line of a log, read backwards from the end so that appending to a large log
/// does not read the whole file.
struct TailLine {
    /// Offset of the line's first byte.
    var start: Int
    /// The line without its newline.
    var bytes: [UInt8]
    var terminated: Bool

    /// Offset just past the line and its newline.
    var end: Int { start + bytes.count + (terminated ? 1 : 0) }
}

enum LogTail {
    /// The last line among the file's first `end` bytes; nil when `end` is 0.
    static func lastLine(of descriptor: OwnedFileDescriptor, endingAt end: Int) throws(ReceiptError) -> TailLine? {
        guard end > 0 else { return nil }
        var window = 4096
        while true {
            let windowStart = max(0, end - window)
            let chunk = try descriptor.read(count: end - windowStart, at: windowStart)
            let terminated = chunk.last == UInt8(ascii: "\n")
            let contentEnd = chunk.count - (terminated ? 1 : 0)
            var index = contentEnd - 1
            while index >= 0, chunk[index] != UInt8(ascii: "\n") { index -= 1 }
            if index >= 0 || windowStart == 0 {
                return TailLine(
                    start: windowStart + index + 1, bytes: Array(chunk[(index + 1)..<contentEnd]), terminated: terminated)
            }
            guard window < LineReader.maximumLineLength else {
                throw ReceiptError.lineTooLong(path: descriptor.path, line: 0, limit: LineReader.maximumLineLength)
            }
            window *= 2
        }
    }
}
