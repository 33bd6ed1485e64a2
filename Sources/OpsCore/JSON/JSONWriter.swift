/// Writes `JSONValue`s. The canonical form is the one hashes are taken over (RFC 8785 style):
/// object keys sorted by UTF-16 code units, no insignificant white space, minimal escapes,
/// `/` and non-ASCII left as they are.
package enum JSONWriter {
    package static func canonical(_ value: JSONValue) -> String {
        String(decoding: canonicalBytes(value), as: UTF8.self)
    }

    package static func canonicalBytes(_ value: JSONValue) -> [UInt8] {
        var output = OutputBytes()
        write(value, into: &output, indent: nil, level: 0)
        return output.takeBytes()
    }

    /// Human-readable JSON with two-space indentation and the same key order as the canonical form.
    package static func pretty(_ value: JSONValue) -> String {
        String(decoding: prettyBytes(value), as: UTF8.self)
    }

    /// `pretty` as UTF-8 bytes, for a file written as it is.
    package static func prettyBytes(_ value: JSONValue) -> [UInt8] {
        var output = OutputBytes()
        write(value, into: &output, indent: prettyIndent, level: 0)
        return output.takeBytes()
    }

    /// One level of `pretty`'s indentation, which `JSONTwinWriter` uses too.
    static let prettyIndent: StaticString = "  "

    /// Sorts keys by their UTF-16 code units, as RFC 8785 requires (Swift's `<` on String
    /// compares Unicode scalars, which orders non-BMP characters differently).
    package static func sortedKeys(_ members: [String: JSONValue]) -> [String] {
        members.keys.sorted(by: precedesInUTF16)
    }

    /// UTF-16 order, decided on UTF-8 bytes where they agree: at the first differing byte, two
    /// ASCII bytes order the strings as their code units do. Anything else (a difference
    /// inside a multi-byte character, where UTF-8 and UTF-16 may disagree) compares UTF-16.
    static func precedesInUTF16(_ left: String, _ right: String) -> Bool {
        // Native strings hold contiguous UTF-8: compare it in place (sorting keys is a large
        // share of writing a plan, and the iterators below cost several times as much).
        let decided = left.utf8.withContiguousStorageIfAvailable { leftBytes in
            right.utf8.withContiguousStorageIfAvailable { rightBytes in asciiOrder(leftBytes, rightBytes) } ?? .undecided
        } ?? .undecided
        switch decided {
        case .precedes: return true
        case .doesNotPrecede: return false
        case .undecided: break
        }
        var leftBytes = left.utf8.makeIterator()
        var rightBytes = right.utf8.makeIterator()
        while true {
            switch (leftBytes.next(), rightBytes.next()) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case (let a?, let b?):
                if a == b { continue }
                if a < 0x80 && b < 0x80 { return a < b }
                return left.utf16.lexicographicallyPrecedes(right.utf16)
            }
        }
    }

    private enum ByteOrder {
        case precedes, doesNotPrecede, undecided
    }

    /// The order two UTF-8 texts have in UTF-16 when their first difference is between ASCII
    /// bytes (or one is a prefix of the other); `undecided` otherwise.
    private static func asciiOrder(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> ByteOrder {
        let common = min(left.count, right.count)
        var index = 0
        while index < common {
            let a = left[index]
            let b = right[index]
            if a != b {
                guard a < 0x80 && b < 0x80 else { return .undecided }
                return a < b ? .precedes : .doesNotPrecede
            }
            index += 1
        }
        return left.count < right.count ? .precedes : .doesNotPrecede
    }

    // Written as UTF-8 bytes, not appended to a String scalar by scalar: plan files and their
    // digests are the largest documents opsctl writes (docs/performance.md). `level` is the
    // depth the value sits at, so `JSONTwinWriter` can nest a value inside a document it streams;
    // `indent` is one level's indentation, nil for the canonical form.
    static func write(_ value: JSONValue, into output: inout OutputBytes, indent: StaticString?, level: Int) {
        switch value {
        case .null: output.append("null")
        case .bool(let flag): output.append(flag ? "true" : "false")
        case .int(let number): output.appendJSONInt(number)
        case .string(let text): output.appendJSONString(text)
        case .array(let items):
            if items.isEmpty {
                output.append("[]")
                return
            }
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(&output, indent: indent, level: level + 1)
                write(item, into: &output, indent: indent, level: level + 1)
            }
            newline(&output, indent: indent, level: level)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                output.append("{}")
                return
            }
            output.append(UInt8(ascii: "{"))
            // Positions are sorted, not (key, value) pairs: nothing is copied out of the dictionary.
            let order = members.indices.sorted { precedesInUTF16(members.keys[$0], members.keys[$1]) }
            for (number, position) in order.enumerated() {
                if number > 0 { output.append(UInt8(ascii: ",")) }
                newline(&output, indent: indent, level: level + 1)
                output.appendJSONString(members.keys[position])
                output.append(UInt8(ascii: ":"))
                if indent != nil { output.append(UInt8(ascii: " ")) }
                write(members.values[position], into: &output, indent: indent, level: level + 1)
            }
            newline(&output, indent: indent, level: level)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ output: inout OutputBytes, indent: StaticString?, level: Int) {
        guard let indent else { return }
        output.append(UInt8(ascii: "\n"))
        for _ in 0..<level { output.append(indent) }
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    /// The most bytes `writeInt(_:to:)` writes: a sign and nineteen digits.
    static let maximumIntLength = 20

    /// An integer in decimal, the digits `String(number)` has: making that string and appending
    /// its UTF-8 view cost several hundred instructions a number, and the sandbox writes two for
    /// every label of a page (its id and its node id).
    package static func writeInt(_ number: Int, into output: inout [UInt8]) {
        // Written on the stack (24 bytes, room for `maximumIntLength`), then appended as one run.
        var room: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &room) { room in
            let length = writeInt(number, to: room.baseAddress!.assumingMemoryBound(to: UInt8.self))
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: room[..<length]))
        }
    }

    /// `writeInt` into room for `maximumIntLength` bytes; returns how many it wrote.
    @inline(__always)
    static func writeInt(_ number: Int, to room: UnsafeMutablePointer<UInt8>) -> Int {
        var length = 0
        if number < 0 {
            room[0] = UInt8(ascii: "-")
            length = 1
        }
        // Most significant digit first, so nothing is reversed afterwards. `divisor * 10`
        // cannot overflow: it stays at most `magnitude`.
        var magnitude = number.magnitude
        var divisor: UInt = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        repeat {
            room[length] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude / divisor)
            length += 1
            magnitude %= divisor
            divisor /= 10
        } while divisor > 0
        return length
    }

    /// The most bytes one byte of text becomes: `\u001f`.
    static let maximumEscapeLength = 6

    /// The inside of a JSON string, without its quotes, for UTF-8 `text`, into room for
    /// `maximumEscapeLength` bytes per byte of it; returns how many it wrote. Minimal escapes:
    /// `"`, `\` and control characters. Every other byte, non-ASCII included, is copied as it
    /// is, plain ASCII passed over eight bytes at a time. Each byte is escaped on its own, so the
    /// pieces of one string may be written one after another (`OutputBytes.appendJSONEscaped`).
    @inline(__always)
    static func writeEscaped(_ text: UnsafeBufferPointer<UInt8>, to room: UnsafeMutablePointer<UInt8>) -> Int {
        let raw = UnsafeRawBufferPointer(text)
        var written = 0
        var index = 0
        while index < text.count {
            let plainEnd = JSONStringBytes.skipPlain(raw, from: index)
            if plainEnd > index {
                (room + written).update(from: text.baseAddress! + index, count: plainEnd - index)
                written += plainEnd - index
                index = plainEnd
                if index == text.count { break }
            }
            // A byte the eight-byte test marked (or one of the last few): non-ASCII is copied.
            let byte = text[index]
            if needsEscape(byte) {
                written += writeEscape(of: byte, to: room + written)
            } else {
                room[written] = byte
                written += 1
            }
            index += 1
        }
        return written
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// The escape of one byte that `needsEscape`; returns its length.
    private static func writeEscape(of byte: UInt8, to room: UnsafeMutablePointer<UInt8>) -> Int {
        room[0] = UInt8(ascii: "\\")
        switch byte {
        case UInt8(ascii: "\""): room[1] = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): room[1] = UInt8(ascii: "\\")
        case 0x08: room[1] = UInt8(ascii: "b")
        case 0x09: room[1] = UInt8(ascii: "t")
        case 0x0A: room[1] = UInt8(ascii: "n")
        case 0x0C: room[1] = UInt8(ascii: "f")
        case 0x0D: room[1] = UInt8(ascii: "r")
        default:
            room[1] = UInt8(ascii: "u")
            room[2] = UInt8(ascii: "0")
            room[3] = UInt8(ascii: "0")
            room[4] = hexDigits.utf8Start[Int(byte >> 4)]
            room[5] = hexDigits.utf8Start[Int(byte & 0xF)]
            return 6
        }
        return 2
    }
}

extension OutputBytes {
    /// A JSON string, escaped as `JSONWriter` escapes.
    package mutating func appendJSONString(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            write(atMost: utf8.count * JSONWriter.maximumEscapeLength + 2) { room in
                room[0] = UInt8(ascii: "\"")
                let length = 1 + JSONWriter.writeEscaped(utf8, to: room + 1)
                room[length] = UInt8(ascii: "\"")
                return length + 1
            }
        }
    }

    /// The inside of a JSON string, for a string written in pieces.
    package mutating func appendJSONEscaped(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            write(atMost: utf8.count * JSONWriter.maximumEscapeLength) { room in JSONWriter.writeEscaped(utf8, to: room) }
        }
    }

    /// An integer in decimal, as `JSONWriter` writes it.
    package mutating func appendJSONInt(_ number: Int) {
        write(atMost: JSONWriter.maximumIntLength) { room in JSONWriter.writeInt(number, to: room) }
    }
}
