import Glibc

/// Masks values that are secret because of the name in front of them, wherever such pairs
/// show up inside free text: `token=...` in a URL or form body, `"client_secret": "..."` in
/// JSON, `X-Api-Key: ...` in a dumped header block, and `Bearer ...` credentials.
enum NamedValueMasking {
    static let placeholder = Array(Redactor.placeholder.utf8)

    /// The values to mask, unmerged; empty when there are none.
    static func ranges(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        // Each scan acts only where its one byte is: `=` after a parameter's name, `"` around a
        // JSON name, `:` after a header's, the space after a scheme. One look at the text rules
        // out the scans whose byte it lacks; most texts of a plan hold no `=`, `"` or `:`.
        let present = PresentBytes(bytes)
        var ranges: [Range<Int>] = []
        // Appended only when found: appending an empty array cost 140 instructions, at every
        // text with a space (docs/performance.md).
        func add(_ found: [Range<Int>]) {
            if !found.isEmpty { ranges += found }
        }
        if present.equals { add(parameterValues(in: bytes)) }
        if present.quote { add(jsonStringValues(in: bytes)) }
        if present.colon { add(headerLineValues(in: bytes)) }
        if present.space { add(schemeCredentials(in: bytes)) }
        return ranges
    }

    /// Which of the bytes the scans start from a text holds.
    private struct PresentBytes {
        var equals = false
        var quote = false
        var colon = false
        var space = false

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            // One table look-up a byte, its classes gathered: every text of a plan comes here.
            var seen: UInt8 = 0
            classes.withUnsafeBufferPointer { classes in
                for byte in bytes { seen |= classes[Int(byte)] }
            }
            equals = seen & ByteClass.equals != 0
            quote = seen & ByteClass.quote != 0
            colon = seen & ByteClass.colon != 0
            space = seen & ByteClass.space != 0
        }
    }

    /// Bits of `classes`.
    private enum ByteClass {
        static let equals: UInt8 = 1
        static let quote: UInt8 = 2
        static let colon: UInt8 = 4
        static let space: UInt8 = 8
        /// The last letter of some scheme's word in `schemes`, the byte before its space.
        static let schemeEnd: UInt8 = 16
    }

    /// Per byte value: its `ByteClass` bits.
    private static let classes: [UInt8] = (0...255).map { value in
        let byte = UInt8(value)
        var bits: UInt8 = 0
        if byte == UInt8(ascii: "=") { bits |= ByteClass.equals }
        if byte == UInt8(ascii: "\"") { bits |= ByteClass.quote }
        if byte == UInt8(ascii: ":") { bits |= ByteClass.colon }
        if byte == UInt8(ascii: " ") { bits |= ByteClass.space }
        if schemes.contains(where: { $0.utf8Start[$0.utf8CodeUnitCount - 2] == byte }) { bits |= ByteClass.schemeEnd }
        return bits
    }

    /// Replaces each range (overlaps merged) with the placeholder.
    static func replace(_ ranges: [Range<Int>], in bytes: [UInt8]) -> [UInt8] {
        guard !ranges.isEmpty else { return bytes }
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var cursor = 0
        for range in merged {
            out += bytes[cursor..<range.lowerBound]
            out += placeholder
            cursor = range.upperBound
        }
        out += bytes[cursor...]
        return out
    }

    // MARK: - name=value

    private static func isNameByte(_ byte: UInt8) -> Bool {
        TokenShapes.isAlnum(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
    }

    private static let valueStops: Set<UInt8> = Set("&#;\"'<>() \t\r\n,".utf8)

    static func parameterValues(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for equals in bytes.indices where bytes[equals] == UInt8(ascii: "=") {
            var nameStart = equals
            while nameStart > 0, isNameByte(bytes[nameStart - 1]) { nameStart -= 1 }
            guard nameStart < equals else { continue }
            // Only a parameter at the start of a query, form body or word, not `a==b` or `x.y=z` mid-token.
            if nameStart > 0 {
                let before = bytes[nameStart - 1]
                guard "?&; \t\r\n\"'(,".utf8.contains(before) else { continue }
            }
            let name = String(decoding: bytes[nameStart..<equals], as: UTF8.self)
            guard SensitiveNames.isSensitiveParameter(name) else { continue }
            var end = equals + 1
            while end < bytes.count, !valueStops.contains(bytes[end]) { end += 1 }
            if end > equals + 1, !bytes[(equals + 1)..<end].elementsEqual(placeholder) {
                ranges.append((equals + 1)..<end)
            }
        }
        return ranges
    }

    // MARK: - "name": "value"

    static func jsonStringValues(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\""), let nameEnd = stringEnd(bytes, from: index + 1) else {
                index += 1
                continue
            }
            // After the closing quote of a candidate name: optional spaces, a colon, optional spaces, a quote.
            var cursor = nameEnd + 1
            while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ":") else {
                index = nameEnd + 1
                continue
            }
            cursor += 1
            while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\""), let valueEnd = stringEnd(bytes, from: cursor + 1)
            else {
                index = cursor
                continue
            }
            let name = String(decoding: bytes[(index + 1)..<nameEnd], as: UTF8.self)
            let value = (cursor + 1)..<valueEnd
            if SensitiveNames.isSensitiveField(name), !value.isEmpty, !bytes[value].elementsEqual(placeholder) {
                ranges.append(value)
            }
            index = valueEnd + 1
        }
        return ranges
    }

    /// Index of the closing quote of a JSON string whose content starts at `start`.
    private static func stringEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index
            case UInt8(ascii: "\n"): return nil
            default: index += 1
            }
        }
        return nil
    }

    // MARK: - Header lines

    /// `Name: value` at the start of a line, as in a dumped request.
    static func headerLineValues(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            var colon = lineStart
            while colon < lineEnd, TokenShapes.isAlnum(bytes[colon]) || bytes[colon] == UInt8(ascii: "-") { colon += 1 }
            if colon > lineStart, colon + 1 < lineEnd, bytes[colon] == UInt8(ascii: ":"),
                bytes[colon + 1] == UInt8(ascii: " ")
            {
                let name = String(decoding: bytes[lineStart..<colon], as: UTF8.self)
                var valueEnd = lineEnd
                if valueEnd > colon + 2, bytes[valueEnd - 1] == UInt8(ascii: "\r") { valueEnd -= 1 }
                if SensitiveNames.isSensitiveHeader(name), valueEnd > colon + 2,
                    !bytes[(colon + 2)..<valueEnd].elementsEqual(placeholder)
                {
                    ranges.append((colon + 2)..<valueEnd)
                }
            }
            lineStart = lineEnd + 1
        }
        return ranges
    }

    // MARK: - Bearer / Basic / token credentials

    /// Static strings, not byte arrays: the loop below reads them at every space that follows
    /// a word ending like one, and an array's bytes are retained and released at each reading.
    private static let schemes: [StaticString] = ["Bearer ", "Basic ", "bearer ", "basic ", "token "]

    /// A scheme's word must start a word (`xBearer ` is not one) and be followed by more text.
    /// Every scheme ends in a space, and a text holds few spaces and many words: each space is
    /// found with `memchr` and only the word before it compared, where a look at every word's
    /// first letter cost about 940 instructions a text with a space, 3% of a 10,000-table
    /// plan (docs/performance.md).
    static func schemeCredentials(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        guard let base = bytes.baseAddress else { return ranges }
        let count = bytes.count
        var from = 0
        while from < count, let found = memchr(base + from, Int32(UInt8(ascii: " ")), count - from) {
            let space = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            from = space + 1
            // The credential needs a byte after the space, and the word one before it.
            guard space + 1 < count, space > 0, classes[Int(base[space - 1])] & ByteClass.schemeEnd != 0 else { continue }
            for scheme in schemes {
                let index = space + 1 - scheme.utf8CodeUnitCount
                guard index >= 0, index == 0 || !TokenShapes.isAlnum(base[index - 1]),
                    memcmp(base + index, scheme.utf8Start, scheme.utf8CodeUnitCount - 1) == 0
                else { continue }
                var end = space + 1
                while end < count, !valueStops.contains(base[end]) { end += 1 }
                if looksLikeCredential(bytes[(space + 1)..<end]) {
                    ranges.append((space + 1)..<end)
                }
            }
        }
        return ranges
    }

    /// A credential is one long opaque word; "token authentication" is prose.
    private static func looksLikeCredential(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard word.count >= 12, !word.elementsEqual(placeholder) else { return false }
        if word.count >= 24 { return true }
        return word.contains { ($0 >= 0x30 && $0 <= 0x39) || "=_-+/.".utf8.contains($0) }
    }
}
