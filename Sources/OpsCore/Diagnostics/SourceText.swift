/// The text of an input file, kept so that errors can quote the offending line.
public struct SourceText: Sendable {
    public let path: String
    public let bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    public func location(_ mark: Mark) -> SourceLocation {
        SourceLocation(file: path, line: mark.line, column: mark.column)
    }

    /// The 1-based line's text without its line break; nil past the end.
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = 0
        var index = 0
        while index < bytes.count {
            if current == number { break }
            if bytes[index] == UInt8(ascii: "\n") {
                current += 1
                start = index + 1
            }
            index += 1
        }
        guard current == number, start <= bytes.count else { return nil }
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The 1-based mark of a byte offset, counting columns in characters as libyaml does.
    public func mark(atByteOffset offset: Int) -> Mark {
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

    public func character(at mark: Mark) -> Character? {
        guard let offset = byteOffset(of: mark), offset < bytes.count else { return nil }
        return Character(Unicode.Scalar(bytes[offset]))
    }

    /// True when nothing but white space follows `mark`.
    public func isAtEndOfContent(_ mark: Mark) -> Bool {
        guard let offset = byteOffset(of: mark) else { return true }
        return bytes[offset...].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// A diagnostic anchored at `mark`, with the quoted source line.
    public func diagnostic(
        _ message: String,
        at mark: Mark,
        severity: Severity = .error,
        hint: String? = nil,
        notes: [Diagnostic.Note] = []
    ) -> Diagnostic {
        Diagnostic(
            severity: severity,
            message: message,
            location: location(mark),
            sourceLine: line(mark.line),
            hint: hint,
            notes: notes
        )
    }
}
