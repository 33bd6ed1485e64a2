import OpsCore
import Testing

/// `JSONParser.reading`: a listing read piece by piece, straight into what a connector keeps,
/// and no less strict than `parse`.
struct JSONStreamingTests {
    static let names = JSONMemberNames(["name", "color", "description"])

    /// What a label reader keeps of one object: its three named members, nil when absent or null.
    struct Row: Equatable {
        var name: String?
        var color: String?
        var description: String?
    }

    static func row(_ parser: inout JSONParser) throws(JSONParseError) -> Row {
        var row = Row()
        try parser.readObject(names) { (member, parser) throws(JSONParseError) in
            switch member {
            case 0: row.name = try parser.readString()
            case 1: row.color = try parser.readString()
            default: row.description = try parser.readString()
            }
        }
        return row
    }

    static func rows(_ text: String) throws(JSONParseError) -> [Row] {
        try rows(Array(text.utf8))
    }

    static func rows(_ bytes: [UInt8]) throws(JSONParseError) -> [Row] {
        try JSONParser.reading(bytes) { (parser: inout JSONParser) throws(JSONParseError) in
            var rows: [Row] = []
            try parser.readElements(reserving: { rows.reserveCapacity($0) }) { (parser: inout JSONParser) throws(JSONParseError) in
                rows.append(try row(&parser))
            }
            return rows
        }
    }

    /// The same rows from the whole parse of the document, for comparison.
    static func treeRows(_ text: String) throws -> [Row] {
        guard case .array(let objects) = try JSONParser.parse(Array(text.utf8), keepingMembers: names.names) else { return [] }
        return objects.map { object in
            Row(name: object["name"]?.stringValue, color: object["color"]?.stringValue, description: object["description"]?.stringValue)
        }
    }

    @Test func namedMembersAreReadAndTheOthersSkippedWhateverTheyHold() throws {
        let text = #"[{"id": 1, "name": "bug", "color": "f29513", "description": null, "default": true}, "#
            + #"{"description": "Something \u00e9", "name": "docs", "extra": {"name": "inner", "list": [1, [2, {}], "x"]}}, {}]"#
        let rows = try Self.rows(text)
        #expect(rows == [Row(name: "bug", color: "f29513"), Row(name: "docs", description: "Something é"), Row()])
        #expect(rows == (try Self.treeRows(text)))
    }

    @Test func anEmptyArrayIsNoRows() throws {
        #expect(try Self.rows(" [ ] ").isEmpty)
    }

    /// Past its first elements the array estimates its length from their size: an estimate too
    /// small (short objects first) or too large (long objects first) still gives every element,
    /// in order, as the whole parse does.
    @Test func longListingsAgreeWithTheTreeWhateverTheFirstElementsSizeSuggests() throws {
        let short = (0..<100).map { #"{"name": "s\#($0)"}"# }
        let long = (0..<300).map { #"{"name": "l\#($0)", "color": "ededed", "description": "\#(String(repeating: "x", count: 200))"}"# }
        for objects in [short + long, long + short] {
            let text = "[" + objects.joined(separator: ", ") + "]"
            let rows = try Self.rows(text)
            #expect(rows.count == 400)
            #expect(rows == (try Self.treeRows(text)))
        }
    }

    /// The caller is told once, after the first 64 elements, about how many the array holds (a
    /// little more, never fewer for elements of one size), and a shorter array never.
    @Test func theCallerSizesItsArrayOnceFromTheFirstElements() throws {
        func told(_ count: Int) throws -> [Int] {
            let text = "[" + (0..<count).map { #"{"name": "n\#($0 % 10)"}"# }.joined(separator: ", ") + "]"
            var told: [Int] = []
            try JSONParser.reading(Array(text.utf8)) { (parser: inout JSONParser) throws(JSONParseError) in
                try parser.readElements(reserving: { told.append($0) }) { (parser: inout JSONParser) throws(JSONParseError) in
                    _ = try Self.row(&parser)
                }
            }
            return told
        }
        let long = try told(400)
        #expect(long.count == 1)
        #expect((400...480).contains(long.first ?? 0), "\(long)")
        #expect(try told(63).isEmpty)
    }

    @Test func keysSpelledWithEscapesAreTheMembersTheySpell() throws {
        #expect(try Self.rows(#"[{"n\u0061me": "a", "col\u006Fr": "b", "\u00e9": 1, "namex": 2}]"#) == [Row(name: "a", color: "b")])
    }

    @Test func aDocumentThatIsNotWhatTheReaderTakesIsRefusedWhereItStops() {
        let cases: [(String, JSONParseError.Reason)] = [
            (#"{"name": "a"}"#, .unexpectedCharacter(found: "'{'", expected: "an array")),
            (#"[{"name": "a"}, 3]"#, .unexpectedCharacter(found: "'3'", expected: "an object")),
            (#"[{"name": 3}]"#, .unexpectedCharacter(found: "'3'", expected: "a string")),
            (#"[{"name": "a"}] x"#, .trailingContent),
            (#"[{"name": "a"}"#, .unexpectedEnd(expected: "',' or ']'")),
            (#"[{"name" "a"}]"#, .unexpectedCharacter(found: "'\"'", expected: "':'")),
            ("", .unexpectedEnd(expected: "an array")),
            ("\u{FEFF}[]", .byteOrderMark),
        ]
        for (text, reason) in cases {
            let error = #expect(throws: JSONParseError.self, "\(text)") { try Self.rows(text) }
            #expect(error?.reason == reason, "\(text)")
        }
    }

    /// Skipped members are checked as the whole parse checks them: the same error, at the same place.
    @Test func skippedMembersAreCheckedAsStrictlyAsTheWholeParse() {
        let cases = [
            #"[{"url": "a\qb", "name": "x"}]"#,
            #"[{"url": 1.5, "name": "x"}]"#,
            #"[{"url": 01, "name": "x"}]"#,
            #"[{"url": "\ud800", "name": "x"}]"#,
            #"[{"url": [1, 2, "name": "x"}]"#,
            #"[{"url": {"a" 1}, "name": "x"}]"#,
            #"[{"url": {"a": tru}, "name": "x"}]"#,
        ]
        for text in cases {
            let error = #expect(throws: JSONParseError.self, "\(text)") { try Self.rows(text) }
            #expect(throws: error!) { try JSONParser.parse(text) }
        }
        let badUTF8 = Array(#"[{"url": "a"#.utf8) + [0xC3, 0x28] + Array(#"", "name": "x"}]"#.utf8)
        let error = #expect(throws: JSONParseError.self) { try Self.rows(badUTF8) }
        #expect(error?.reason == .invalidUTF8)
    }

    @Test func skippedValuesNestNoDeeperThanTheWholeParseAllows() throws {
        let deep = #"[{"url": "# + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}]"
        let error = #expect(throws: JSONParseError.self) { try Self.rows(deep) }
        #expect(error?.reason == .nestingTooDeep(limit: JSONParser.maximumDepth))
        let shallow = #"[{"url": "# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + #", "name": "x"}]"#
        #expect(try Self.rows(shallow) == [Row(name: "x")])
    }

    /// A named member given twice is refused, by its name, however the second is spelled;
    /// others may repeat, as the whole parse keeping members lets them.
    @Test func aNamedMemberTwiceIsRefusedByName() throws {
        let error = #expect(throws: JSONParseError.self) { try Self.rows(#"[{"color": "a", "col\u006fr": "b"}]"#) }
        #expect(error?.reason == .duplicateKey("color"))
        #expect(try Self.rows(#"[{"id": 1, "id": 2, "name": "x"}]"#) == [Row(name: "x")])
    }
}
