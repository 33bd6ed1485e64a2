/// A strict RFC 8259 parser for the documents opsctl reads back (plan files, receipts).
/// Stricter than the RFC where opsctl formats need it, and never lenient:
/// - numbers are integers (a fraction or exponent is an error, not a rounded Double);
/// - a key may appear once per object; two keys that differ in their code units but are
///   canonically equivalent Unicode (`"o\u0308"` and `"ö"`) are distinct in JSON yet one key of
///   the Dictionary in `JSONValue`, so such an object is refused, naming both spellings,
///   rather than silently keeping one of them;
/// - text is well-formed UTF-8, `\u` escapes pair their surrogates, strings hold no raw
///   control characters, no byte order mark, nothing after the value, nesting at most 512 deep.
package struct JSONParser {
    package static let maximumDepth = 512

    package static func parse(_ bytes: [UInt8], sourceName: String? = nil) throws(JSONParseError) -> JSONValue {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) in try parse(buffer, sourceName: sourceName) }
        }
        return try result.get()
    }

    package static func parse(_ text: String, sourceName: String? = nil) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8), sourceName: sourceName)
    }

    package static func parse(_ buffer: UnsafeRawBufferPointer, sourceName: String? = nil) throws(JSONParseError)
        -> JSONValue
    {
        var parser = JSONParser(bytes: buffer, sourceName: sourceName, keptMembers: nil)
        return try parser.document()
    }

    /// Parses `bytes` as strictly as `parse`, but objects, at every depth, keep only the members
    /// named in `keptMembers`. The others are checked as they are read and dropped, not stored
    /// and not checked for repeats. For a vendor's listing, where a type reads three of a
    /// label's seven members, building the rest was most of the cost (docs/performance.md).
    package static func parse(_ bytes: [UInt8], keepingMembers keptMembers: [String]) throws(JSONParseError) -> JSONValue {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) in
                var parser = JSONParser(bytes: buffer, sourceName: nil, keptMembers: keptMembers)
                return try parser.document()
            }
        }
        return try result.get()
    }

    /// Reads `bytes` piece by piece through `read`, as strictly as `parse` reads the whole: for
    /// a listing whose items a connector builds straight from the bytes, with no tree between
    /// (docs/performance.md). `read` walks the document with the streaming calls below
    /// (`readElements`, `enterObject`, `memberName(in:)`, `readString`, `skipNextValue`, …)
    /// and must consume exactly one value; what follows it is refused as `parse` refuses it.
    /// A shape `read` does not take is thrown as `unexpectedValue(expected:)`.
    package static func reading<Value>(
        _ bytes: [UInt8], _ read: (inout JSONParser) throws(JSONParseError) -> Value
    ) throws(JSONParseError) -> Value {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) in
                var parser = JSONParser(bytes: buffer, sourceName: nil, keptMembers: nil)
                return try parser.whole(read)
            }
        }
        return try result.get()
    }

    private let bytes: UnsafeRawBufferPointer
    private let sourceName: String?
    /// Nil keeps every member.
    private let keptMembers: JSONMemberNames?
    private var index = 0
    private var depth = 0
    /// Reused for strings with escapes, so each one does not allocate its own buffer.
    private var scratch: [UInt8] = []
    /// Members of the objects being read, innermost last. An object's dictionary is made at
    /// its closing brace with room for exactly its members: grown key by key, it was
    /// reallocated and rehashed several times per object, most of the cost of reading a
    /// vendor's listing (docs/performance.md).
    private var pendingMembers: [PendingMember] = []

    private struct PendingMember {
        var key: String
        var value: JSONValue
    }

    private init(bytes: UnsafeRawBufferPointer, sourceName: String?, keptMembers: [String]?) {
        self.bytes = bytes
        self.sourceName = sourceName
        self.keptMembers = keptMembers.map(JSONMemberNames.init)
    }

    // MARK: Structure

    private mutating func document() throws(JSONParseError) -> JSONValue {
        try whole { (parser: inout JSONParser) throws(JSONParseError) in try parser.value() }
    }

    /// The document as one value read by `read`: no byte order mark before it, nothing but
    /// white space around it.
    private mutating func whole<Value>(_ read: (inout JSONParser) throws(JSONParseError) -> Value) throws(JSONParseError) -> Value {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            throw error(.byteOrderMark, at: 0)
        }
        skipWhitespace()
        let value = try read(&self)
        skipWhitespace()
        if index < bytes.count { throw error(.trailingContent, at: index) }
        return value
    }

    private mutating func value() throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw error(.unexpectedEnd(expected: "a value"), at: index) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .int(try integer())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: throw unexpected(expected: "a value")
        }
    }

    private mutating func object() throws(JSONParseError) -> JSONValue {
        if try openContainer(closing: UInt8(ascii: "}"), expected: "a key or '}'") { return .object([:]) }
        let base = pendingMembers.count
        // Repeated keys are found by scanning while an object is small, by a dictionary of
        // positions once it is not, so a huge object costs no more than it did.
        var positions: [String: Int]?
        // An object abandoned by an error leaves its members behind; nothing reads them again.
        while true {
            let keyOffset = try memberStart()
            // Without `keptMembers` every member is kept.
            let kept: String?
            if let keptMembers {
                kept = try keyPosition(in: keptMembers).map { keptMembers.names[$0] }
            } else {
                kept = try string()
            }
            try nameSeparator()
            guard let key = kept else {
                try skipValue()
                if try endOfMembers() { break }
                continue
            }
            let value = try self.value()
            // Checked once the value is read, so errors come in the order they always did.
            if let earlier = earlierPosition(of: key, since: base, positions: &positions) {
                // Swift's `==` on strings is canonical equivalence, as a Dictionary's keys
                // are; JSON keys are equal only when their code units are.
                let earlierKey = pendingMembers[earlier].key
                if earlierKey.utf8.elementsEqual(key.utf8) { throw error(.duplicateKey(key), at: keyOffset) }
                throw error(.canonicallyEquivalentKeys(earlierKey, key), at: keyOffset)
            }
            pendingMembers.append(PendingMember(key: key, value: value))
            if try endOfMembers() { break }
        }
        var members: [String: JSONValue] = Dictionary(minimumCapacity: pendingMembers.count - base)
        for member in pendingMembers[base...] {
            members[member.key] = member.value
        }
        pendingMembers.removeSubrange(base...)
        depth -= 1
        return .object(members)
    }

    /// Reads a key and answers which of `names` it is, or nil. Checked as `string()` checks it;
    /// compared as bytes where it lies unless it holds an escape, so a key that is not asked
    /// for is never made into a `String`.
    private mutating func keyPosition(in names: JSONMemberNames) throws(JSONParseError) -> Int? {
        let keyOffset = index
        guard try skipString() else {
            return names.position(of: UnsafeRawBufferPointer(rebasing: bytes[(keyOffset + 1)..<(index - 1)]))
        }
        let end = index
        index = keyOffset
        let text = try string()
        index = end
        return names.names.firstIndex(of: text)
    }

    /// Before a member: skips the white space, checks that a key starts there and returns where.
    private mutating func memberStart() throws(JSONParseError) -> Int {
        skipWhitespace()
        guard try peek(expected: "a key") == UInt8(ascii: "\"") else { throw unexpected(expected: "a key") }
        return index
    }

    /// After a member's key: the `:` and the white space around it.
    private mutating func nameSeparator() throws(JSONParseError) {
        skipWhitespace()
        try expect(UInt8(ascii: ":"), "':'")
        skipWhitespace()
    }

    /// Steps into the object or array whose opening bracket is at `index`: true when it closes
    /// at once with `closing` (and is left), false when an element follows.
    private mutating func openContainer(closing: UInt8, expected: String) throws(JSONParseError) -> Bool {
        try enter()
        index += 1
        skipWhitespace()
        guard try peek(expected: expected) == closing else { return false }
        index += 1
        depth -= 1
        return true
    }

    /// Reads the `,` or `]` after an array's element: true at the `]`.
    private mutating func endOfElements() throws(JSONParseError) -> Bool {
        try endOfEntry(closing: UInt8(ascii: "]"), expected: "',' or ']'")
    }

    /// Reads the `,` or `}` after a member: true at the `}`.
    private mutating func endOfMembers() throws(JSONParseError) -> Bool {
        try endOfEntry(closing: UInt8(ascii: "}"), expected: "',' or '}'")
    }

    private mutating func endOfEntry(closing: UInt8, expected: String) throws(JSONParseError) -> Bool {
        skipWhitespace()
        let next = try peek(expected: expected)
        index += 1
        if next == closing { return true }
        if next != UInt8(ascii: ",") {
            index -= 1
            throw unexpected(expected: expected)
        }
        return false
    }

    /// Reads a value that is not kept, checked as `value()` checks it but with nothing made: a
    /// string is passed over, a container's members and elements skipped in turn (their keys
    /// not checked for repeats, as a dropped member's are not). Containers in a function of their
    /// own, so this one, not recursive, is inlined where members are read.
    private mutating func skipValue() throws(JSONParseError) {
        guard index < bytes.count else { throw error(.unexpectedEnd(expected: "a value"), at: index) }
        switch bytes[index] {
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["): try skipContainer()
        default: _ = try value()
        }
    }

    private mutating func skipContainer() throws(JSONParseError) {
        if bytes[index] == UInt8(ascii: "{") {
            if try openContainer(closing: UInt8(ascii: "}"), expected: "a key or '}'") { return }
            while true {
                _ = try memberStart()
                try skipString()
                try nameSeparator()
                try skipValue()
                if try endOfMembers() { break }
            }
        } else {
            if try openContainer(closing: UInt8(ascii: "]"), expected: "a value or ']'") { return }
            while true {
                skipWhitespace()
                try skipValue()
                if try endOfElements() { break }
            }
        }
        depth -= 1
    }

    /// Where a key equal to `key` was read in the current object (members from `base` on), or
    /// nil; records `key` in `positions` once the object has outgrown a scan.
    private func earlierPosition(of key: String, since base: Int, positions: inout [String: Int]?) -> Int? {
        let count = pendingMembers.count - base
        if count < 16 {
            return pendingMembers[base...].firstIndex { $0.key == key }
        }
        if positions == nil {
            var made: [String: Int] = Dictionary(minimumCapacity: count * 2)
            for position in base..<pendingMembers.count { made[pendingMembers[position].key] = position }
            positions = made
        }
        if let earlier = positions?[key] { return earlier }
        positions?[key] = pendingMembers.count
        return nil
    }

    private mutating func array() throws(JSONParseError) -> JSONValue {
        var items: [JSONValue] = []
        if try openContainer(closing: UInt8(ascii: "]"), expected: "a value or ']'") { return .array(items) }
        while true {
            skipWhitespace()
            items.append(try value())
            if try endOfElements() { break }
        }
        depth -= 1
        return .array(items)
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > Self.maximumDepth { throw error(.nestingTooDeep(limit: Self.maximumDepth), at: index) }
    }

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        for offset in 0..<count {
            let position = index + offset
            guard position < bytes.count else { throw error(.unexpectedEnd(expected: "'\(word)'"), at: position) }
            if bytes[position] != word.utf8Start[offset] {
                index = position
                throw unexpected(expected: "'\(word)'")
            }
        }
        index += count
    }

    // MARK: Streaming (`reading`)

    /// Steps into the object that must come next: true when a member follows, false when it is
    /// empty (and already left).
    package mutating func enterObject() throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard try peek(expected: "an object") == UInt8(ascii: "{") else { throw unexpected(expected: "an object") }
        return try !openContainer(closing: UInt8(ascii: "}"), expected: "a key or '}'")
    }

    /// Reads a member's key and its `:`, and answers which of `names` the key is (nil for
    /// another, whose value the caller skips). Repeats are the caller's to refuse.
    package mutating func memberName(in names: JSONMemberNames) throws(JSONParseError) -> Int? {
        _ = try memberStart()
        let position = try keyPosition(in: names)
        try nameSeparator()
        return position
    }

    /// The object that must come next, `member` called with the position among `names` of each
    /// named member that holds something other than null, and the parser at its value, which
    /// `member` reads. Other members are checked and skipped; null is absent, as `Decodable`'s
    /// `decodeIfPresent` reads it; a named member given twice is refused (`repeated(_:of:)`).
    package mutating func readObject(
        _ names: JSONMemberNames, _ member: (Int, inout JSONParser) throws(JSONParseError) -> Void
    ) throws(JSONParseError) {
        guard try enterObject() else { return }
        var seen: UInt64 = 0
        repeat {
            guard let position = try memberName(in: names) else {
                try skipNextValue()
                continue
            }
            let bit: UInt64 = 1 << UInt64(position)
            if seen & bit != 0 { throw repeated(position, of: names) }
            seen |= bit
            if try readNull() { continue }
            try member(position, &self)
        } while try nextMember()
    }

    /// After a member's value: true when another member follows, false at the object's end
    /// (which is left).
    package mutating func nextMember() throws(JSONParseError) -> Bool {
        if try endOfMembers() {
            depth -= 1
            return false
        }
        return true
    }

    /// Steps into the array that must come next: true when an element follows, false when it is
    /// empty (and already left).
    package mutating func enterArray() throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard try peek(expected: "an array") == UInt8(ascii: "[") else { throw unexpected(expected: "an array") }
        return try !openContainer(closing: UInt8(ascii: "]"), expected: "a value or ']'")
    }

    /// After an element: true when another follows, false at the array's end (which is left).
    package mutating func nextElement() throws(JSONParseError) -> Bool {
        if try endOfElements() {
            depth -= 1
            return false
        }
        return true
    }

    /// How many elements a listing's array holds before its length is estimated.
    private static let elementsBeforeEstimate = 64

    /// The array that must come next, `element` called to read each element. The array's length
    /// is known only at its end: after its first elements, `reserve` is told how many the whole
    /// array holds at their average size, so a caller's listing of 10,000 is not copied into
    /// fresh memory at each doubling (a page fault per 4 KiB); room never used is never touched.
    /// The caller keeps the elements: a generic array here, called from a connector's module,
    /// looked up the array's type metadata at every append, 4% of a 10,000-variable plan
    /// (docs/performance.md).
    package mutating func readElements(
        reserving reserve: (Int) -> Void, _ element: (inout JSONParser) throws(JSONParseError) -> Void
    ) throws(JSONParseError) {
        guard try enterArray() else { return }
        let start = index
        var count = 0
        repeat {
            try element(&self)
            count += 1
            if count == Self.elementsBeforeEstimate {
                reserve(count * (bytes.count - start) / max(index - start, 1) + count)
            }
        } while try nextElement()
    }

    /// The first byte of the value that comes next, for a caller that takes more than one type.
    package mutating func nextValueByte() throws(JSONParseError) -> UInt8 {
        skipWhitespace()
        return try peek(expected: "a value")
    }

    /// Reads `null` when it comes next: true then, false (nothing read) for any other value.
    package mutating func readNull() throws(JSONParseError) -> Bool {
        guard try nextValueByte() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    package mutating func readString() throws(JSONParseError) -> String {
        guard try nextValueByte() == UInt8(ascii: "\"") else { throw unexpected(expected: "a string") }
        return try string()
    }

    /// Reads the string that must come next, checked as `readString()` checks it, without
    /// making it: for a member the caller reads only for its type.
    package mutating func skipStringValue() throws(JSONParseError) {
        guard try nextValueByte() == UInt8(ascii: "\"") else { throw unexpected(expected: "a string") }
        try skipString()
    }

    package mutating func readInteger() throws(JSONParseError) -> Int {
        let first = try nextValueByte()
        guard first == UInt8(ascii: "-") || first.isASCIIDigit else { throw unexpected(expected: "an integer") }
        return try integer()
    }

    package mutating func readBool() throws(JSONParseError) -> Bool {
        switch try nextValueByte() {
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        default: throw unexpected(expected: "true or false")
        }
    }

    /// Reads the value that comes next, checked as `parse` checks it, and drops it.
    package mutating func skipNextValue() throws(JSONParseError) {
        skipWhitespace()
        try skipValue()
    }

    /// The error for a value of a type the caller does not take, where that value starts.
    package mutating func unexpectedValue(expected: String) -> JSONParseError {
        skipWhitespace()
        return index < bytes.count ? unexpected(expected: expected) : error(.unexpectedEnd(expected: expected), at: index)
    }

    /// The error for a member of `names` that an object holds twice, at its value.
    package func repeated(_ position: Int, of names: JSONMemberNames) -> JSONParseError {
        error(.duplicateKey(names.names[position]), at: index)
    }

    // MARK: Numbers

    private mutating func integer() throws(JSONParseError) -> Int {
        let start = index
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < bytes.count else { throw error(.unexpectedEnd(expected: "a digit"), at: index) }
        guard bytes[index].isASCIIDigit else { throw unexpected(expected: "a digit") }
        if bytes[index] == UInt8(ascii: "0"), index + 1 < bytes.count, bytes[index + 1].isASCIIDigit {
            throw error(.leadingZero, at: index)
        }
        // Accumulate the magnitude as UInt64 so that Int.min, whose magnitude Int cannot hold, parses.
        let limit: UInt64 = negative ? UInt64(Int.max) + 1 : UInt64(Int.max)
        var magnitude: UInt64 = 0
        while index < bytes.count, bytes[index].isASCIIDigit {
            let digit = UInt64(bytes[index] - UInt8(ascii: "0"))
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(digit)
            if overflow1 || overflow2 || sum > limit { throw error(.integerOutOfRange, at: start) }
            magnitude = sum
            index += 1
        }
        if index < bytes.count {
            let next = bytes[index]
            if next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
                throw error(.nonIntegerNumber, at: start)
            }
        }
        if negative { return magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude) }
        return Int(magnitude)
    }

    // MARK: Strings

    private mutating func string() throws(JSONParseError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes, so the bytes between the quotes are the string.
        while index < bytes.count {
            index = JSONStringBytes.skipPlain(bytes, from: index)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            try plainByte(byte)
        }
        guard index < bytes.count else { throw error(.unexpectedEnd(expected: "'\"'"), at: index) }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                try escape()
            } else {
                let before = index
                try plainByte(byte)
                scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[before..<index]))
            }
        }
        throw error(.unexpectedEnd(expected: "'\"'"), at: index)
    }

    /// Checks a string as `string()` does, without making it, and answers whether it held an
    /// escape (a key's caller would otherwise look for one again).
    @discardableResult
    private mutating func skipString() throws(JSONParseError) -> Bool {
        index += 1
        var escaped = false
        while index < bytes.count {
            index = JSONStringBytes.skipPlain(bytes, from: index)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return escaped
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                scratch.removeAll(keepingCapacity: true)
                try escape()
            } else {
                try plainByte(byte)
            }
        }
        throw error(.unexpectedEnd(expected: "'\"'"), at: index)
    }

    /// Accepts one unescaped character (advancing past all its bytes) or throws.
    @inline(__always)
    private mutating func plainByte(_ byte: UInt8) throws(JSONParseError) {
        if byte < 0x20 { throw error(.controlCharacterInString(byte), at: index) }
        if byte < 0x80 {
            index += 1
            return
        }
        let length = UTF8Validation.sequenceLength(bytes, at: index, end: bytes.count)
        if length == 0 { throw error(.invalidUTF8, at: index) }
        index += length
    }

    private mutating func escape() throws(JSONParseError) {
        let start = index
        guard index + 1 < bytes.count else { throw error(.unexpectedEnd(expected: "an escape"), at: index + 1) }
        let code = bytes[index + 1]
        index += 2
        switch code {
        case UInt8(ascii: "\""): scratch.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): scratch.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): scratch.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try hexQuad(escapeStart: start)
            var scalarValue = UInt32(unit)
            if unit >= 0xDC00 && unit <= 0xDFFF {
                throw error(.loneSurrogate(escapeText(start, 6)), at: start)
            }
            if unit >= 0xD800 && unit <= 0xDBFF {
                // A high surrogate must be followed at once by an escaped low surrogate.
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw error(.loneSurrogate(escapeText(start, 6)), at: start) }
                let lowStart = index
                index += 2
                let low = try hexQuad(escapeStart: lowStart)
                guard low >= 0xDC00 && low <= 0xDFFF else { throw error(.loneSurrogate(escapeText(start, 6)), at: start) }
                scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            }
            appendUTF8(Unicode.Scalar(scalarValue)!)
        default:
            throw error(.invalidEscape(escapeText(start, 2)), at: start)
        }
    }

    private mutating func hexQuad(escapeStart: Int) throws(JSONParseError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw error(.unexpectedEnd(expected: "four hex digits"), at: index) }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error(.invalidEscape(escapeText(escapeStart, index - escapeStart + 1)), at: escapeStart)
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: Unicode.Scalar) {
        UTF8.encode(scalar) { scratch.append($0) }
    }

    private func escapeText(_ start: Int, _ length: Int) -> String {
        let end = min(bytes.count, start + length)
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    // MARK: Positions and errors

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    // Inlined, as the parser's every step reads a byte through it: called, it was 1% of a
    // 10,000-variable Vercel plan's instructions (docs/performance.md).
    @inline(__always)
    private func peek(expected: String) throws(JSONParseError) -> UInt8 {
        guard index < bytes.count else { throw error(.unexpectedEnd(expected: expected), at: index) }
        return bytes[index]
    }

    @inline(__always)
    private mutating func expect(_ byte: UInt8, _ description: String) throws(JSONParseError) {
        guard try peek(expected: description) == byte else { throw unexpected(expected: description) }
        index += 1
    }

    private func unexpected(expected: String) -> JSONParseError {
        error(.unexpectedCharacter(found: describeCharacter(at: index), expected: expected), at: index)
    }

    private func describeCharacter(at offset: Int) -> String {
        let byte = bytes[offset]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte >= 0x80 {
            let length = UTF8Validation.sequenceLength(bytes, at: offset, end: bytes.count)
            if length > 0 {
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
                let value = text.unicodeScalars.first!.value
                return "'\(text)' (U+\(String(value, radix: 16, uppercase: true)))"
            }
        }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    /// Line and column are computed only when something fails, so parsing never pays for them.
    /// Columns count characters (UTF-8 lead bytes), as editors and `SourceText` do.
    private func error(_ reason: JSONParseError.Reason, at offset: Int) -> JSONParseError {
        var line = 1
        var column = 1
        for position in 0..<min(offset, bytes.count) {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONParseError(reason: reason, byteOffset: offset, line: line, column: column, sourceName: sourceName)
    }
}
