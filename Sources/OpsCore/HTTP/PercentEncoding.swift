/// RFC 3986 percent-encoding for path segments and query values, shared by the connectors,
/// the sandbox and the redactor (which masks secrets in their encoded forms too).
/// Hand-written because Foundation's `removingPercentEncoding` also accepts what a strict
/// server rejects, and the emulators must decode a label name like `good%20first%20issue`
/// exactly once.
package enum PercentEncoding {
    /// Decodes `%XX` escapes; nil when an escape is malformed or the bytes are not UTF-8.
    /// With `plusAsSpace`, `+` means a space, as in query strings from HTML forms.
    package static func decode(_ text: some StringProtocol, plusAsSpace: Bool = false) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            } else if plusAsSpace && byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Encodes everything but RFC 3986 unreserved characters, so the result is safe as one
    /// path segment or one query value.
    package static func encode(_ text: some StringProtocol, uppercase: Bool = true) -> String {
        encode(String(text), uppercase: uppercase)
    }

    /// The same for a `String`, not generic: the sandbox encodes every label name of every page
    /// it answers, and the generic path walked the bytes through protocol witnesses.
    package static func encode(_ text: String, uppercase: Bool = true) -> String {
        encode(text, uppercase: uppercase, keeping: .unreserved)
    }

    /// Encodes every byte but those `kept` allows (non-ASCII bytes always, as UTF-8), with
    /// uppercase or lowercase hex digits. Foundation's `addingPercentEncoding` does the same
    /// with a `CharacterSet`, whose first use builds Unicode bitmaps and costs a plan's first
    /// request a fraction of a millisecond (docs/performance.md).
    package static func encode(_ text: String, uppercase: Bool = true, keeping kept: KeptBytes) -> String {
        // Most names need no escape at all; they are returned as they are.
        // Checked on the string's contiguous bytes: `allSatisfy` over the UTF-8 view cost about
        // fifty instructions a byte.
        let plain = text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(kept.contains) } ?? text.utf8.allSatisfy(kept.contains)
        guard !plain else { return text }
        let digits = uppercase ? upperDigits : lowerDigits
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            if kept.contains(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let upperDigits = Array("0123456789ABCDEF".utf8)
    private static let lowerDigits = Array("0123456789abcdef".utf8)

    /// The ASCII bytes an encoding leaves as they are: RFC 3986's unreserved characters (letters,
    /// digits, `-._~`) and any punctuation added to them. A byte above 0x7F is never kept.
    package struct KeptBytes: Sendable {
        /// Bit n of `low` is byte n, of `high` byte 64 + n.
        private var low: UInt64 = 0
        private var high: UInt64 = 0

        /// RFC 3986's unreserved characters and, besides them, the ASCII characters in `extra`.
        package init(unreservedAnd extra: String) {
            for byte in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".utf8 { insert(byte) }
            for byte in extra.utf8 where byte < 0x80 { insert(byte) }
        }

        package static let unreserved = KeptBytes(unreservedAnd: "")

        private mutating func insert(_ byte: UInt8) {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }

        @inline(__always)
        package func contains(_ byte: UInt8) -> Bool {
            if byte < 64 { return low & (1 << UInt64(byte)) != 0 }
            if byte < 128 { return high & (1 << UInt64(byte - 64)) != 0 }
            return false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
