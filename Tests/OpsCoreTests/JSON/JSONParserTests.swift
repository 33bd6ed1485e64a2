import Testing

@testable import OpsCore

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONParser.parse(#" {"a" : [1, -2, true, false, null, "x\/y"], "b":{}, "c": "\ud83d\ude00"} "#)
        #expect(value == ["a": [1, -2, true, false, nil, "x/y"], "b": [:], "c": "\u{1F600}"])
    }

    @Test func integersAtTheEdgesOfInt() throws {
        #expect(try JSONParser.parse("9223372036854775807") == .int(Int.max))
        #expect(try JSONParser.parse("-9223372036854775808") == .int(Int.min))
        #expect(try JSONParser.parse("-0") == .int(0))
    }

    @Test func depthLimitIsInclusive() throws {
        let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        _ = try JSONParser.parse(deepest)
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(throws: JSONParseError(reason: .nestingTooDeep(limit: 512), byteOffset: 512, line: 1, column: 513)) {
            try JSONParser.parse(tooDeep)
        }
    }

    struct Failure: Sendable, CustomStringConvertible {
        var input: [UInt8]
        var reason: JSONParseError.Reason
        var offset: Int
        var line = 1
        var column: Int

        init(_ text: String, _ reason: JSONParseError.Reason, at offset: Int, line: Int = 1, column: Int? = nil) {
            self.init(bytes: Array(text.utf8), reason, at: offset, line: line, column: column)
        }

        init(bytes: [UInt8], _ reason: JSONParseError.Reason, at offset: Int, line: Int = 1, column: Int? = nil) {
            self.input = bytes
            self.reason = reason
            self.offset = offset
            self.line = line
            self.column = column ?? offset + 1
        }

        var description: String { String(decoding: input, as: UTF8.self) }
    }

    @Test(arguments: [
        Failure("1.5", .nonIntegerNumber, at: 0),
        Failure("[1e3]", .nonIntegerNumber, at: 1),
        Failure("{\n  \"a\": 1.5\n}", .nonIntegerNumber, at: 9, line: 2, column: 8),
        Failure("[\"é\", 2.0]", .nonIntegerNumber, at: 7, column: 7),
        Failure("01", .leadingZero, at: 0),
        Failure("9223372036854775808", .integerOutOfRange, at: 0),
        Failure("-9223372036854775809", .integerOutOfRange, at: 0),
        Failure(#"{"a":1,"a":2}"#, .duplicateKey("a"), at: 7),
        // A broken value after a repeated key is reported as what it is, as it always was.
        Failure(#"{"a":1,"a":x}"#, .unexpectedCharacter(found: "'x'", expected: "a value"), at: 11),
        Failure(#"{"a":{"b":1,"b":2}}"#, .duplicateKey("b"), at: 12),
        Failure("{\"K\":1,\"\u{212A}\":2}", .canonicallyEquivalentKeys("K", "\u{212A}"), at: 7),
        Failure(#""\ud800""#, .loneSurrogate("\\ud800"), at: 1),
        Failure(#""\udc00""#, .loneSurrogate("\\udc00"), at: 1),
        Failure(#""\ud800\u0041""#, .loneSurrogate("\\ud800"), at: 1),
        Failure(bytes: [0x22, 0xC3, 0x28, 0x22], .invalidUTF8, at: 1),
        Failure(bytes: [0x22, 0xC0, 0xAF, 0x22], .invalidUTF8, at: 1),
        Failure(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8, at: 1),
        Failure(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .invalidUTF8, at: 1),
        Failure("\"a\u{01}\"", .controlCharacterInString(0x01), at: 2),
        Failure("\"a\nb\"", .controlCharacterInString(0x0A), at: 2),
        Failure(#""\x""#, .invalidEscape("\\x"), at: 1),
        Failure(#""\u12G4""#, .invalidEscape("\\u12G"), at: 1),
        Failure("{} x", .trailingContent, at: 3),
        Failure("1 2", .trailingContent, at: 2),
        Failure("\u{FEFF}{}", .byteOrderMark, at: 0),
        Failure("", .unexpectedEnd(expected: "a value"), at: 0),
        Failure("[1,", .unexpectedEnd(expected: "a value"), at: 3),
        Failure(#""abc"#, .unexpectedEnd(expected: "'\"'"), at: 4),
        Failure("[1,]", .unexpectedCharacter(found: "']'", expected: "a value"), at: 3),
        Failure(#"{"a" 1}"#, .unexpectedCharacter(found: "'1'", expected: "':'"), at: 5),
        Failure("[1 2]", .unexpectedCharacter(found: "'2'", expected: "',' or ']'"), at: 3),
        Failure("tru", .unexpectedEnd(expected: "'true'"), at: 3),
        Failure("nul1", .unexpectedCharacter(found: "'1'", expected: "'null'"), at: 3),
        Failure("{1:2}", .unexpectedCharacter(found: "'1'", expected: "a key"), at: 1),
        Failure("[\u{2028}]", .unexpectedCharacter(found: "'\u{2028}' (U+2028)", expected: "a value"), at: 1),
    ])
    func rejects(_ failure: Failure) {
        #expect(
            throws: JSONParseError(
                reason: failure.reason, byteOffset: failure.offset, line: failure.line, column: failure.column)
        ) {
            try JSONParser.parse(failure.input)
        }
    }

    /// Objects are built at their closing brace; a large one checks repeats by dictionary.
    @Test func largeObjectsKeepEveryMemberAndRefuseRepeatedKeys() throws {
        let members = (0..<40).map { "\"k\($0)\":{\"inner\":\($0),\"list\":[{\"x\":\($0)}]}" }
        let text = "{" + members.joined(separator: ",") + "}"
        let value = try JSONParser.parse(text)
        guard case .object(let parsed) = value else {
            Issue.record("not an object")
            return
        }
        #expect(parsed.count == 40)
        #expect(parsed["k39"] == .object(["inner": 39, "list": [["x": 39]]]))

        for repeated in ["k3", "k39"] {
            let withRepeat = "{" + members.joined(separator: ",") + ",\"\(repeated)\":1}"
            let offset = withRepeat.utf8.count - "\"\(repeated)\":1}".utf8.count
            #expect(throws: JSONParseError(reason: .duplicateKey(repeated), byteOffset: offset, line: 1, column: offset + 1)) {
                try JSONParser.parse(withRepeat)
            }
        }
        let kelvin = "{" + (0..<20).map { "\"K\($0)\":\($0)" }.joined(separator: ",") + ",\"\u{212A}7\":1}"
        #expect(throws: JSONParseError.self) { try JSONParser.parse(kelvin) }
        do {
            _ = try JSONParser.parse(kelvin)
        } catch {
            #expect(error.reason == .canonicallyEquivalentKeys("K7", "\u{212A}7"))
        }
    }

    @Test func errorRendersAsOneSentenceWithItsPlace() {
        do {
            _ = try JSONParser.parse("{\n  \"a\": 1.5\n}", sourceName: "plan.json")
            Issue.record("parsed a fraction")
        } catch {
            #expect(error.message == "invalid JSON at plan.json:2:8 (byte 9): numbers must be integers")
            #expect(error.diagnostic.location == SourceLocation(file: "plan.json", line: 2, column: 8))
            #expect(error.diagnostic.hint != nil)
        }
    }
}

/// A listing parsed keeping only the members a type reads.
@Suite struct JSONParserKeptMembersTests {
    static let label = #"{"id": 208045946, "node_id": "MDU6TGFiZWwyMDgwNDU5NDY=", "url": "https://api.github.com/repos/o/r/labels/bug", "name": "bug", "description": "Something \u00e9", "color": "f29513", "default": true, "extra": {"name": "inner", "x": [1, "two"]}}"#

    @Test func onlyKeptMembersRemainAtEveryDepth() throws {
        let value = try JSONParser.parse(Array("[\(Self.label), {\"name\": \"b\"}]".utf8), keepingMembers: ["name", "color", "description", "extra"])
        #expect(value == [["name": "bug", "description": "Something é", "color": "f29513", "extra": ["name": "inner"]], ["name": "b"]])
    }

    @Test func theSameDocumentParsesAsTheKeptPartOfTheWhole() throws {
        let kept = ["name", "color"]
        let whole = try JSONParser.parse(Self.label)
        guard case .object(let members) = whole else { throw JSONParserTests.NotAnObject() }
        let expected = JSONValue.object(members.filter { kept.contains($0.key) })
        #expect(try JSONParser.parse(Array(Self.label.utf8), keepingMembers: kept) == expected)
    }

    @Test func droppedMembersAreStillCheckedAsStrictly() throws {
        let cases: [(String, JSONParseError.Reason)] = [
            (#"{"url": "a\qb", "name": "x"}"#, .invalidEscape(#"\q"#)),
            (#"{"url": 1.5, "name": "x"}"#, .nonIntegerNumber),
            (#"{"url": "\ud800", "name": "x"}"#, .loneSurrogate(#"\ud800"#)),
            (#"{"url": "unterminated"#, .unexpectedEnd(expected: "'\"'")),
            (#"{"url": [1, 2, "name": "x"}"#, .unexpectedCharacter(found: "':'", expected: "',' or ']'")),
            (#"{"url": "x" "name": "x"}"#, .unexpectedCharacter(found: "'\"'", expected: "',' or '}'")),
        ]
        for (text, reason) in cases {
            let error = #expect(throws: JSONParseError.self, "\(text)") { try JSONParser.parse(Array(text.utf8), keepingMembers: ["name"]) }
            #expect(error?.reason == reason, "\(text)")
            // The same error the whole parse reports.
            #expect(throws: error!) { try JSONParser.parse(text) }
        }
        let control = Array(#"{"url": "a"#.utf8) + [0x01] + Array(#"b", "name": "x"}"#.utf8)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(control, keepingMembers: ["name"]) }
        let badUTF8 = Array(#"{"url": "a"#.utf8) + [0xC3, 0x28] + Array(#"", "name": "x"}"#.utf8)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(badUTF8, keepingMembers: ["name"]) }
    }

    /// Keys are compared as bytes where they lie unless they hold an escape: a key spelled
    /// with escapes is still the member it spells, and a bad key is refused as the whole
    /// parse refuses it, kept or not.
    @Test func keysAreMatchedByWhatTheySpell() throws {
        let value = try JSONParser.parse(Array(#"{"n\u0061me": "a", "col\u006Fr": "b", "\u00e9": 1, "namex": 2}"#.utf8), keepingMembers: ["name", "color"])
        #expect(value == ["name": "a", "color": "b"])
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(#"{"n\u0061me": "a", "name": "b"}"#.utf8), keepingMembers: ["name"]) }
        for key in [#""a\qb""#, #""\ud800""#, "\"a\u{1}b\""] {
            let text = "{\(key): 1, \"name\": \"x\"}"
            let error = #expect(throws: JSONParseError.self, "\(text)") { try JSONParser.parse(Array(text.utf8), keepingMembers: ["name"]) }
            #expect(throws: error!) { try JSONParser.parse(text) }
        }
    }

    @Test func keptMembersAreStillCheckedForRepeats() throws {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(#"{"name": "a", "name": "b"}"#.utf8), keepingMembers: ["name"]) }
    }
}

extension JSONParserTests {
    struct NotAnObject: Error {}
}
