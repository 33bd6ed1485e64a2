import Testing

@testable import OpsCore

/// The canonical form receipts and plan digests are computed over: parse, write, compare.
@Suite struct CanonicalRoundTripTests {
    /// Already canonical: writing what was parsed gives the same bytes, and the scanner agrees.
    @Test(arguments: [
        #"{"a":"\"\\\b\f\n\r\t"}"#,
        #"["\u0000\u0001\u0007\u000b\u000e\u001f"]"#,
        #"{"path":"a/b/c"}"#,
        "[\"\u{2028}\u{2029}\u{7F}\u{FEFF}\"]",
        "{\"\u{1F600}\":1,\"\u{FB01}\":2}",
        "{\"a\":1,\"b\":2,\"\u{E9}\":3,\"\u{FFFF}\":4}",
        "[9223372036854775807,-9223372036854775808,-1,0,1]",
        #"{"a":{"b":{"c":[]},"d":{}},"e":[null,true,false]}"#,
        #"{"":0,"\u0001":1," ":2}"#,
    ])
    func canonicalInputRoundTrips(_ text: String) throws {
        let value = try JSONParser.parse(text)
        #expect(JSONWriter.canonical(value) == text)
        if text.hasPrefix("{") { #expect(scanAccepts(text)) }
    }

    /// `writeInt` appends the digits `String(_:)` gives, signs and both extremes included.
    @Test func integersAreWrittenWithTheirDecimalDigits() {
        var numbers = [0, 1, -1, 9, 10, -10, 99, 100, -101, 1_000_007, Int.max, Int.min, Int.min + 1]
        numbers += (0..<63).map { 1 << $0 } + (0..<63).map { 1 - (1 << $0) }
        for number in numbers {
            var bytes = Array("x".utf8)
            JSONWriter.writeInt(number, into: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "x\(number)")
        }
    }

    /// Same value, other spelling: the writer normalises it, and the scanner sees the difference.
    @Test(arguments: [
        (#"{"x":"\/"}"#, #"{"x":"/"}"#),
        (#"{"x":"\u00e9"}"#, "{\"x\":\"\u{E9}\"}"),
        (#"{"x":"\u001F"}"#, #"{"x":"\u001f"}"#),
        (#"{"x":"\u0008\u0009\u000a\u000c\u000d"}"#, #"{"x":"\b\t\n\f\r"}"#),
        (#"{"x":"\u2028"}"#, "{\"x\":\"\u{2028}\"}"),
        (#"{"x":"\ud83d\ude00"}"#, "{\"x\":\"\u{1F600}\"}"),
        (#"{ "b":1, "a":2 }"#, #"{"a":2,"b":1}"#),
        ("{\"\u{FB01}\":2,\"\u{1F600}\":1}", "{\"\u{1F600}\":1,\"\u{FB01}\":2}"),
        (#"{"x":-0}"#, #"{"x":0}"#),
        ("{\"x\":1}\n", #"{"x":1}"#),
        (#"{"\u0062":1,"a":2}"#, #"{"a":2,"b":1}"#),
    ])
    func nonCanonicalInputIsNormalised(input: String, canonical: String) throws {
        #expect(JSONWriter.canonical(try JSONParser.parse(input)) == canonical)
        #expect(!scanAccepts(input))
        #expect(scanAccepts(canonical))
    }

    @Test func emojiKeySortsBeforeHighBMPKeyByUTF16Units() {
        // U+1F600 is D83D DE00 in UTF-16, U+FB01 is FB01: the emoji sorts first, although its
        // code point (and UTF-8 bytes) are larger.
        let value: JSONValue = .object(["\u{FB01}": 2, "\u{1F600}": 1])
        #expect(JSONWriter.canonical(value) == "{\"\u{1F600}\":1,\"\u{FB01}\":2}")
    }

    /// Keys that agree on a prefix, differ only in length, differ in ASCII after shared
    /// non-ASCII bytes, or differ inside a multi-byte character where UTF-8 and UTF-16 order
    /// disagree: the writer's order is UTF-16's in every case.
    @Test func keysAreWrittenInUTF16OrderWhateverTheirBytes() throws {
        let keys = [
            "", "a", "ab", "aB", "abc", "id", "ids", "message", "name", "é", "éa", "éb", "\u{FF61}",
            "\u{1F600}", "\u{1F600}x", "\u{FB01}", "\u{E000}", "z", "Z", "~", "\u{7F}", "\u{80}", "key\u{1F600}", "key\u{FF61}",
        ]
        var members: [String: JSONValue] = [:]
        for (number, key) in keys.enumerated() { members[key] = .int(number) }
        let expected = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
        #expect(JSONWriter.sortedKeys(members) == expected)
        // The written object lists its members in that order, compact and pretty alike.
        for written in [JSONWriter.canonical(.object(members)), JSONWriter.pretty(.object(members))] {
            let order = expected.map { key in written.range(of: "\"\(key)\":")!.lowerBound }
            #expect(order == order.sorted())
        }
    }

    private func scanAccepts(_ text: String) -> Bool {
        var scanner = CanonicalJSONScanner()
        return Array(text.utf8).withUnsafeBytes { scanner.scanTopLevelObject($0) }
    }
}
