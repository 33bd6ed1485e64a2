import Glibc

/// Where a large document can be cut in two, so that libyaml parses both halves at once on two
/// threads: the start of a line that begins a key of the top-level block mapping.
///
/// libyaml parses one stream on one thread, and that is most of the time a large file takes to
/// load; the composer and the decoders beside it left the second processor idle for the first
/// part of the file (docs/performance.md). The second half is parsed as a document of its own
/// from `offset`; the first half's parser checks, when it gets there, that a top-level key
/// really starts at `line` (not a line inside a quoted scalar or a flow collection), and only
/// then does the composer read on from the second half's events. Whatever the text, the result
/// is what one parser gives: anything the check or the second half does not confirm falls back
/// to the one parser (`YAML.parse`).
struct TopLevelSplit: Equatable, Sendable {
    /// The byte where the line starts.
    let offset: Int
    /// The line's number from 0, as libyaml counts lines: the line breaks before it.
    let line: Int

    /// The line nearest the middle of `bytes` that starts with a plain key at column 0, within
    /// the middle half (a cut elsewhere leaves most of the work to one half), or nil. Nil too
    /// when the document does not open with such a key (a directive, `---`, a sequence, an
    /// indented mapping: only a top-level block mapping can be cut), or when the line numbers
    /// libyaml counts before the cut could differ from a count of '\n' (a carriage return, or one
    /// of the Unicode line breaks YAML 1.1 knows). Reads the middle and the part before the cut,
    /// not every line: it runs before either half starts.
    static func find(in bytes: UnsafeBufferPointer<UInt8>) -> TopLevelSplit? {
        let count = bytes.count
        guard count >= 4, let firstKey = firstContentLine(bytes), startsPlainKey(bytes, at: firstKey) else { return nil }
        let middle = count / 2
        let reach = count / 4
        let base = bytes.baseAddress!
        func offset(of found: UnsafeMutableRawPointer) -> Int { Int(bitPattern: found) - Int(bitPattern: base) }
        var best: Int?
        // The nearest line start at or before the middle that is a key ...
        var index = middle
        while best == nil, index > max(firstKey, middle - reach) {
            if bytes[index - 1] == 0x0A, startsPlainKey(bytes, at: index) { best = index }
            index -= 1
        }
        // ... and after it, while nearer than that one, hopping from '\n' to '\n'.
        var start = middle
        while start < min(count, middle + reach), best.map({ start - middle < middle - $0 }) ?? true,
            let found = memchr(base + start, 0x0A, count - start)
        {
            let next = offset(of: found) + 1
            if next < count, next - middle <= reach, best.map({ next - middle < middle - $0 }) ?? true, startsPlainKey(bytes, at: next) {
                best = next
                break
            }
            start = next
        }
        guard let cut = best else { return nil }
        let before = UnsafeBufferPointer(rebasing: bytes[0..<cut])
        guard !holdsOtherLineBreaks(before) else { return nil }
        return TopLevelSplit(offset: cut, line: lineBreaks(in: before))
    }

    /// The '\n's in `bytes`, eight bytes at a time: the part before a cut is half a large file.
    private static func lineBreaks(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let newlines = ByteLanes.repeating(0x0A)
        let raw = UnsafeRawBufferPointer(bytes)
        var count = 0
        var index = 0
        while index + 8 <= raw.count {
            // A lane of the word is zero exactly where the byte was '\n'.
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ newlines
            count += ByteLanes.exactZeroMarks(word).nonzeroBitCount
            index += 8
        }
        while index < raw.count {
            if raw[index] == 0x0A { count += 1 }
            index += 1
        }
        return count
    }

    /// Where the first line that is neither blank nor only a comment starts.
    private static func firstContentLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var start = 0
        while start < bytes.count {
            var index = start
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            if index < bytes.count, bytes[index] != 0x0A, bytes[index] != UInt8(ascii: "#") { return start }
            guard let found = memchr(bytes.baseAddress! + index, 0x0A, bytes.count - index) else { return nil }
            start = Int(bitPattern: found) - Int(bitPattern: bytes.baseAddress!) + 1
        }
        return nil
    }

    /// `\r`, NEL (C2 85), LINE SEPARATOR (E2 80 A8) and PARAGRAPH SEPARATOR (E2 80 A9): libyaml
    /// counts each as a line break.
    private static func holdsOtherLineBreaks(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return false }
        if memchr(base, 0x0D, bytes.count) != nil { return true }
        /// Whether `lead` is followed, somewhere, by `next` (and then by one of `last`).
        func holds(_ lead: UInt8, _ next: UInt8, _ last: [UInt8]) -> Bool {
            var start = 0
            while start < bytes.count, let found = memchr(base + start, Int32(lead), bytes.count - start) {
                let index = Int(bitPattern: found) - Int(bitPattern: base)
                if index + 1 < bytes.count, bytes[index + 1] == next {
                    if last.isEmpty { return true }
                    if index + 2 < bytes.count, last.contains(bytes[index + 2]) { return true }
                }
                start = index + 1
            }
            return false
        }
        return holds(0xC2, 0x85, []) || holds(0xE2, 0x80, [0xA8, 0xA9])
    }

    /// A plain key at column 0 followed by ':' and a space or the line's end: `vercel:`,
    /// `github: {}`. Anything else at column 0 (a quote, an anchor, a tag, `?`, `-`, `{`, `---`,
    /// `%`) is not a place to cut.
    private static func startsPlainKey(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard bytes[start].isASCIILetter || bytes[start] == UInt8(ascii: "_") else { return false }
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") {
                return index + 1 == bytes.count || bytes[index + 1] == 0x20 || bytes[index + 1] == 0x0A
            }
            guard byte.isASCIILetter || byte.isASCIIDigit || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") else { return false }
            index += 1
        }
        return false
    }
}
