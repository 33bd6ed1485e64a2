/// Decides, in one pass over the bytes and without building values, whether they are exactly
/// what `JSONWriter.canonical` would write for the value they denote — i.e. whether
/// `JSONWriter.canonicalBytes(JSONParser.parse(bytes)) == bytes` — and remembers where the
/// members of the top-level object are.
///
/// The receipt verifier runs this on every line of logs that may be hundreds of megabytes, so
/// it works on raw buffers, scans string contents eight bytes at a time, and allocates nothing
/// per line once warm. The conditions, each mirroring the writer or the parser:
/// - no white space outside strings; literals `true`, `false`, `null`;
/// - integers as `String(Int)` writes them: no `-0`, no leading zeros, within 64 bits;
/// - strings with no raw control characters and only the writer's escapes: `\"`, `\\`,
///   `\b \t \n \f \r`, and lower-case `\u00xx` for the other characters below U+0020;
///   well-formed UTF-8;
/// - object keys strictly increasing in UTF-16 code units (so no duplicates), and no two keys
///   of one object equal as Swift strings (the parser refuses canonically equivalent spellings);
/// - nesting at most `JSONParser.maximumDepth`.
struct CanonicalJSONScanner {
    /// A member of the top-level object. `keyStart..<keyEnd` is the key's bytes inside the quotes
    /// (`keyStart - 1` is where the member begins); `valueStart..<valueEnd` is the value's bytes.
    struct Member {
        var keyStart: Int
        var keyEnd: Int
        var valueStart: Int
        var valueEnd: Int
    }

    private(set) var members: [Member] = []
    /// Where the first difference from canonical form was found, after a failed scan.
    private(set) var violationOffset = 0

    private struct Violation: Error {
        let offset: Int
    }

    private struct ScannedString {
        var end: Int
        var escaped: Bool
        var nonASCII: Bool
    }

    init() {
        members.reserveCapacity(16)
    }

    /// True when `bytes` is one canonical JSON object and nothing else.
    mutating func scanTopLevelObject(_ bytes: UnsafeRawBufferPointer) -> Bool {
        members.removeAll(keepingCapacity: true)
        do throws(Violation) {
            guard bytes.count > 0, bytes[0] == UInt8(ascii: "{") else { throw Violation(offset: 0) }
            let end = try object(bytes, at: 0, depth: 1, recordMembers: true)
            if end != bytes.count { throw Violation(offset: end) }
            return true
        } catch {
            violationOffset = error.offset
            return false
        }
    }

    // MARK: Values

    private mutating func value(_ bytes: UnsafeRawBufferPointer, at index: Int, depth: Int) throws(Violation) -> Int {
        guard index < bytes.count else { throw Violation(offset: index) }
        switch bytes[index] {
        case UInt8(ascii: "\""): return try Self.string(bytes, at: index).end
        case UInt8(ascii: "{"): return try object(bytes, at: index, depth: depth + 1, recordMembers: false)
        case UInt8(ascii: "["): return try array(bytes, at: index, depth: depth + 1)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try Self.integer(bytes, at: index)
        case UInt8(ascii: "t"): return try Self.literal(bytes, at: index, "true")
        case UInt8(ascii: "f"): return try Self.literal(bytes, at: index, "false")
        case UInt8(ascii: "n"): return try Self.literal(bytes, at: index, "null")
        default: throw Violation(offset: index)
        }
    }

    private mutating func object(_ bytes: UnsafeRawBufferPointer, at start: Int, depth: Int, recordMembers: Bool)
        throws(Violation) -> Int
    {
        if depth > JSONParser.maximumDepth { throw Violation(offset: start) }
        var index = start + 1
        guard index < bytes.count else { throw Violation(offset: index) }
        if bytes[index] == UInt8(ascii: "}") { return index + 1 }
        var previousKey: (range: Range<Int>, escaped: Bool)?
        var anyNonASCIIKey = false
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Violation(offset: index) }
            let key = try Self.string(bytes, at: index)
            let keyRange = (index + 1)..<(key.end - 1)
            if let previousKey,
                Self.compareKeys(bytes, previousKey.range, previousKey.escaped, keyRange, key.escaped) >= 0
            {
                throw Violation(offset: index)
            }
            previousKey = (keyRange, key.escaped)
            anyNonASCIIKey = anyNonASCIIKey || key.nonASCII
            index = key.end
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Violation(offset: index) }
            let valueStart = index + 1
            index = try value(bytes, at: valueStart, depth: depth)
            if recordMembers {
                members.append(
                    Member(keyStart: keyRange.lowerBound, keyEnd: keyRange.upperBound, valueStart: valueStart, valueEnd: index))
            }
            guard index < bytes.count else { throw Violation(offset: index) }
            let next = bytes[index]
            index += 1
            if next == UInt8(ascii: "}") { break }
            if next != UInt8(ascii: ",") { throw Violation(offset: index - 1) }
        }
        // Distinct bytes can still be one Swift `String` key ("K" and KELVIN SIGN U+212A are
        // canonically equivalent): the parser refuses such an object. Only keys
        // beyond ASCII can do that, and they are rare, so the parser itself decides.
        if anyNonASCIIKey, (try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))) == nil {
            throw Violation(offset: start)
        }
        return index
    }

    private mutating func array(_ bytes: UnsafeRawBufferPointer, at start: Int, depth: Int) throws(Violation) -> Int {
        if depth > JSONParser.maximumDepth { throw Violation(offset: start) }
        var index = start + 1
        guard index < bytes.count else { throw Violation(offset: index) }
        if bytes[index] == UInt8(ascii: "]") { return index + 1 }
        while true {
            index = try value(bytes, at: index, depth: depth)
            guard index < bytes.count else { throw Violation(offset: index) }
            let next = bytes[index]
            index += 1
            if next == UInt8(ascii: "]") { return index }
            if next != UInt8(ascii: ",") { throw Violation(offset: index - 1) }
        }
    }

    private static func literal(_ bytes: UnsafeRawBufferPointer, at index: Int, _ word: StaticString) throws(Violation)
        -> Int
    {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw Violation(offset: index) }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw Violation(offset: index + offset)
        }
        return index + count
    }

    /// `-?(0|[1-9][0-9]*)` within Int's range, and not `-0` (which the writer spells `0`).
    private static func integer(_ bytes: UnsafeRawBufferPointer, at start: Int) throws(Violation) -> Int {
        var index = start
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let digitsStart = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        let digitCount = index - digitsStart
        guard digitCount > 0 else { throw Violation(offset: index) }
        if bytes[digitsStart] == UInt8(ascii: "0") && (digitCount > 1 || negative) { throw Violation(offset: start) }
        if digitCount > 19 { throw Violation(offset: start) }
        if digitCount == 19 {
            let limit: StaticString = negative ? "9223372036854775808" : "9223372036854775807"
            for offset in 0..<19 {
                let digit = bytes[digitsStart + offset]
                let bound = limit.utf8Start[offset]
                if digit < bound { break }
                if digit > bound { throw Violation(offset: start) }
            }
        }
        return index
    }

    // MARK: Strings

    private static func string(_ bytes: UnsafeRawBufferPointer, at start: Int) throws(Violation) -> ScannedString {
        var index = start + 1
        let end = bytes.count
        var escaped = false
        var nonASCII = false
        while true {
            index = JSONStringBytes.skipPlain(bytes, from: index)
            guard index < end else { throw Violation(offset: index) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { return ScannedString(end: index + 1, escaped: escaped, nonASCII: nonASCII) }
            if byte == UInt8(ascii: "\\") {
                try checkEscape(bytes, at: index)
                escaped = true
                index += bytes[index + 1] == UInt8(ascii: "u") ? 6 : 2
            } else if byte < 0x20 {
                throw Violation(offset: index)
            } else if byte >= 0x80 {
                let length = UTF8Validation.sequenceLength(bytes, at: index, end: end)
                if length == 0 { throw Violation(offset: index) }
                nonASCII = true
                index += length
            } else {
                index += 1
            }
        }
    }

    /// Only the escapes `JSONWriter.writeString` produces.
    private static func checkEscape(_ bytes: UnsafeRawBufferPointer, at index: Int) throws(Violation) {
        guard index + 1 < bytes.count else { throw Violation(offset: index) }
        switch bytes[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "b"), UInt8(ascii: "t"), UInt8(ascii: "n"),
            UInt8(ascii: "f"), UInt8(ascii: "r"):
            return
        case UInt8(ascii: "u"):
            guard index + 5 < bytes.count, bytes[index + 2] == UInt8(ascii: "0"), bytes[index + 3] == UInt8(ascii: "0")
            else { throw Violation(offset: index) }
            let high = bytes[index + 4]
            let low = bytes[index + 5]
            guard high == UInt8(ascii: "0") || high == UInt8(ascii: "1"), Hex.isLowercaseDigit(low) else {
                throw Violation(offset: index)
            }
            let value = (high - UInt8(ascii: "0")) << 4 | (low <= UInt8(ascii: "9") ? low - 48 : low - 87)
            // These five have short escapes, which the writer always uses.
            if value == 0x08 || value == 0x09 || value == 0x0A || value == 0x0C || value == 0x0D {
                throw Violation(offset: index)
            }
        default:
            throw Violation(offset: index)
        }
    }

    // MARK: Key order

    /// Compares two keys in UTF-16 code units, as `JSONWriter.sortedKeys` orders them.
    private static func compareKeys(
        _ bytes: UnsafeRawBufferPointer, _ left: Range<Int>, _ leftEscaped: Bool, _ right: Range<Int>,
        _ rightEscaped: Bool
    ) -> Int {
        if !leftEscaped && !rightEscaped {
            return compareUTF8InUTF16Order(
                UnsafeRawBufferPointer(rebasing: bytes[left]), UnsafeRawBufferPointer(rebasing: bytes[right]))
        }
        // Rare: escaped keys are compared by what they denote.
        let leftBytes = unescape(UnsafeRawBufferPointer(rebasing: bytes[left]))
        let rightBytes = unescape(UnsafeRawBufferPointer(rebasing: bytes[right]))
        return leftBytes.withUnsafeBytes { l in rightBytes.withUnsafeBytes { r in compareUTF8InUTF16Order(l, r) } }
    }

    /// UTF-8 byte order is code point order, which differs from UTF-16 order only between a
    /// character in U+E000...U+FFFF (lead byte EE or EF) and one above U+FFFF (lead F0...F4):
    /// in UTF-16 the latter starts with a surrogate (D800...DBFF) and sorts first.
    static func compareUTF8InUTF16Order(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Int {
        let common = min(left.count, right.count)
        var index = 0
        while index < common, left[index] == right[index] { index += 1 }
        if index == common { return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1) }
        let l = left[index]
        let r = right[index]
        let lSupplementary = l >= 0xF0
        let rSupplementary = r >= 0xF0
        if lSupplementary != rSupplementary && (l >= 0xEE && r >= 0xEE) { return lSupplementary ? -1 : 1 }
        return l < r ? -1 : 1
    }

    private static func unescape(_ key: UnsafeRawBufferPointer) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(key.count)
        var index = 0
        while index < key.count {
            let byte = key[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            switch key[index + 1] {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "u"):
                let high = key[index + 4] - UInt8(ascii: "0")
                let low = key[index + 5]
                output.append(high << 4 | (low <= UInt8(ascii: "9") ? low - 48 : low - 87))
                index += 4
            default: output.append(key[index + 1])  // `"` or `\`
            }
            index += 2
        }
        return output
    }
}
