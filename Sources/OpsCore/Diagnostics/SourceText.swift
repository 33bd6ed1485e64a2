import Glibc
import Synchronization

/// The text of an input file, kept so that errors can quote the offending line.
package struct SourceText: Sendable {
    package let path: String
    package let bytes: [UInt8]
    /// Where the last line looked up starts and ends. Diagnostics arrive roughly in file order,
    /// often many on one line, so finding each line from the start of the file would make
    /// thousands of errors in a large file cost time quadratic in its size.
    private let lastLine = LastLine()

    /// Bytes of a line quoted whole in a diagnostic; a longer line is quoted as a window
    /// around the column, so that a huge line is not copied into every diagnostic on it.
    package static let maximumQuotedLineBytes = 4096
    /// Bytes kept before and after the column in such a window: wider than any terminal.
    static let windowBytesBefore = 1024
    static let windowBytesAfter = 2048

    package init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    package init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    package func location(_ mark: Mark) -> SourceLocation {
        SourceLocation(file: path, line: mark.line, column: mark.column)
    }

    /// The 1-based line's text without its line break; nil past the end.
    package func line(_ number: Int) -> String? {
        guard let span = span(ofLine: number) else { return nil }
        return String(decoding: bytes[span.start..<span.end], as: UTF8.self)
    }

    struct LineSpan {
        var number: Int
        var start: Int
        /// Before the line break (and a carriage return before it).
        var end: Int
        /// Just past the line break; the end of the text for the last line.
        var next: Int
        var terminated: Bool
    }

    /// A place in a line: its 1-based column and the byte offset of that character.
    struct ColumnPosition {
        var line: Int
        var column: Int
        var offset: Int
    }

    /// A class, so that `SourceText` stays a copyable value that shares one cache.
    final class LastLine: Sendable {
        let span = Mutex<LineSpan?>(nil)
        /// The last column looked up, from which a later column on the same line is found.
        let column = Mutex<ColumnPosition?>(nil)
    }

    /// The byte range of a 1-based line, found from the last line looked up when it lies
    /// before this one, else from the start.
    private func span(ofLine number: Int) -> LineSpan? {
        guard number >= 1 else { return nil }
        let cached = lastLine.span.withLock { $0 }
        if let cached, cached.number == number { return cached }
        var current = 1
        var start = 0
        if let cached, cached.number < number {
            // A last line without a line break has nothing after it.
            guard cached.terminated else { return nil }
            current = cached.number + 1
            start = cached.next
        }
        let found: LineSpan? = bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else {
                return number == 1 ? LineSpan(number: 1, start: 0, end: 0, next: 0, terminated: false) : nil
            }
            while current < number {
                guard start < buffer.count, let newline = memchr(base + start, 0x0A, buffer.count - start) else {
                    return nil
                }
                start = UnsafeRawPointer(newline) - base + 1
                current += 1
            }
            guard start <= buffer.count else { return nil }
            let newline = start < buffer.count ? memchr(base + start, 0x0A, buffer.count - start) : nil
            var end = newline.map { UnsafeRawPointer($0) - base } ?? buffer.count
            let next = newline == nil ? end : end + 1
            if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            return LineSpan(number: number, start: start, end: end, next: next, terminated: newline != nil)
        }
        if let found { lastLine.span.withLock { $0 = found } }
        return found
    }

    /// The line quoted for a diagnostic at `mark`: the whole line when it is short, else a
    /// window of it around the column, with where the window sits in the line.
    package func quotedLine(at mark: Mark) -> (text: String, excerpt: Diagnostic.Excerpt?)? {
        guard let span = span(ofLine: mark.line) else { return nil }
        guard span.end - span.start > Self.maximumQuotedLineBytes else {
            return (String(decoding: bytes[span.start..<span.end], as: UTF8.self), nil)
        }
        let known = lastLine.column.withLock { $0 }
        return bytes.withUnsafeBytes { buffer in
            func isContinuation(_ offset: Int) -> Bool { buffer[offset] & 0xC0 == 0x80 }
            // The column's byte: columns count characters, i.e. UTF-8 lead bytes. Walked from
            // the last column found when it is earlier on the same line.
            var caret = span.start
            var column = 1
            if let known, known.line == mark.line, known.column <= mark.column {
                caret = known.offset
                column = known.column
            }
            while column < mark.column, caret < span.end {
                caret += 1
                while caret < span.end, isContinuation(caret) { caret += 1 }
                column += 1
            }
            lastLine.column.withLock { $0 = ColumnPosition(line: mark.line, column: column, offset: caret) }
            var start = max(span.start, caret - Self.windowBytesBefore)
            while start > span.start, isContinuation(start) { start -= 1 }
            var end = min(span.end, caret + Self.windowBytesAfter)
            while end < span.end, isContinuation(end) { end -= 1 }
            var before = 0
            for offset in start..<caret where !isContinuation(offset) { before += 1 }
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
            return (text, Diagnostic.Excerpt(firstColumn: column - before, continues: end < span.end))
        }
    }

    /// The 1-based mark of a byte offset, counting columns in characters as libyaml does.
    package func mark(atByteOffset offset: Int) -> Mark {
        var line = 1
        var column = 1
        var index = 0
        while index < min(offset, bytes.count) {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return Mark(line: line, column: column)
    }

    /// The byte offset of a 1-based mark, or nil when the mark lies past the text.
    func byteOffset(of mark: Mark) -> Int? {
        var line = 1
        var index = 0
        while line < mark.line {
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            index += 1
        }
        var column = 1
        while column < mark.column, index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
            index += 1
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            column += 1
        }
        return index
    }

    package func character(at mark: Mark) -> Character? {
        guard let offset = byteOffset(of: mark), offset < bytes.count else { return nil }
        return Character(Unicode.Scalar(bytes[offset]))
    }

    /// True when nothing but white space follows `mark`.
    package func isAtEndOfContent(_ mark: Mark) -> Bool {
        guard let offset = byteOffset(of: mark) else { return true }
        return bytes[offset...].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// A diagnostic anchored at `mark`, with the quoted source line.
    package func diagnostic(
        _ message: String,
        at mark: Mark,
        severity: Severity = .error,
        hint: String? = nil,
        notes: [Diagnostic.Note] = []
    ) -> Diagnostic {
        let quoted = quotedLine(at: mark)
        var diagnostic = Diagnostic(
            severity: severity,
            message: message,
            location: location(mark),
            sourceLine: quoted?.text,
            hint: hint,
            notes: notes
        )
        diagnostic.sourceExcerpt = quoted?.excerpt
        return diagnostic
    }
}
