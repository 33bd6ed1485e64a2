import OpsCore
import Testing

/// `JSONParser.objectMembers(in:named:)`: a listing's members read by position, with no tree,
/// and no less strict than `parse`.
struct JSONObjectTableTests {
    static let members = ["name", "color", "description"]

    static func table(_ text: String, _ members: [String] = members) throws(JSONParseError) -> JSONObjectTable {
        try JSONParser.objectMembers(in: Array(text.utf8), named: members)
    }

    @Test func namedMembersLandInTheirSlotsAndAbsentOnesStayEmpty() throws {
        let table = try Self.table(
            #"[{"id": 1, "name": "bug", "color": "f29513", "description": null, "default": true}, "#
                + #"{"description": "Something \u00e9", "name": "docs", "extra": {"name": "inner"}}, {}]"#)
        #expect(table.count == 3)
        #expect(table.memberCount == 3)
        #expect(table[0][0] == .string("bug") && table[0][1] == .string("f29513") && table[0][2] == .null)
        #expect(table[1][0] == .string("docs") && table[1][1] == nil && table[1][2] == .string("Something é"))
        #expect(table[2][0] == nil && table[2][1] == nil && table[2][2] == nil)
    }

    /// Objects inside a named member keep the named members too, as in `parse(_:keepingMembers:)`.
    @Test func aNamedMemberHoldingAnObjectOrArrayKeepsWhatTheTreeParseKeeps() throws {
        let text = #"[{"name": {"a": [1, "two"], "color": "x"}, "color": [true, null, {"name": 1, "b": 2}]}]"#
        let table = try Self.table(text)
        #expect(table[0][0] == ["color": "x"])
        #expect(table[0][1] == [true, nil, ["name": 1]])
        #expect(try JSONParser.parse(Array(text.utf8), keepingMembers: Self.members) == [["name": table[0][0]!, "color": table[0][1]!]])
    }

    @Test func anEmptyArrayIsATableOfNoObjects() throws {
        #expect(try Self.table(" [ ] ").count == 0)
    }

    /// The table holds what the tree parse keeps of the same document, object by object.
    @Test func theTableAgreesWithTheKeptTree() throws {
        let text = #"[{"id": 208045946, "node_id": "MDU6", "url": "https://x/labels/bug", "name": "bug", "#
            + #""description": "Something", "color": "f29513", "default": true}, {"name": "b", "color": "ededed"}]"#
        let table = try Self.table(text)
        let tree = try JSONParser.parse(Array(text.utf8), keepingMembers: Self.members)
        guard case .array(let objects) = tree else { Issue.record("not an array"); return }
        #expect(objects.count == table.count)
        for (index, object) in objects.enumerated() {
            guard case .object(let members) = object else { Issue.record("not an object"); return }
            for (slot, name) in Self.members.enumerated() {
                #expect(table[index][slot] == members[name], "\(index) \(name)")
            }
        }
    }

    /// Past its first objects the table estimates the array's length from their size: an
    /// estimate too small (short objects first) or too large (long objects first) still gives
    /// every object, in order, as the tree parse does.
    @Test func longListingsAgreeWithTheTreeWhateverTheFirstObjectsSizeSuggests() throws {
        let short = (0..<100).map { #"{"name": "s\#($0)"}"# }
        let long = (0..<300).map { #"{"name": "l\#($0)", "color": "ededed", "description": "\#(String(repeating: "x", count: 200))"}"# }
        for objects in [short + long, long + short] {
            let text = "[" + objects.joined(separator: ", ") + "]"
            let table = try Self.table(text)
            let tree = try JSONParser.parse(Array(text.utf8), keepingMembers: Self.members)
            guard case .array(let expected) = tree else { Issue.record("not an array"); return }
            #expect(table.count == 400)
            for (index, object) in expected.enumerated() {
                #expect(table[index][0] == object["name"] && table[index][2] == object["description"], "\(index)")
            }
        }
    }

    @Test func keysSpelledWithEscapesAreTheMembersTheySpell() throws {
        let table = try Self.table(#"[{"n\u0061me": "a", "col\u006Fr": "b", "\u00e9": 1, "namex": 2}]"#)
        #expect(table[0][0] == .string("a") && table[0][1] == .string("b") && table[0][2] == nil)
    }

    @Test func aNamedMemberTwiceInOneObjectIsRefusedAsTheTreeParseRefusesIt() {
        let text = #"[{"name": "a", "n\u0061me": "b"}]"#
        let error = #expect(throws: JSONParseError.self) { try Self.table(text) }
        #expect(error?.reason == .duplicateKey("name"))
        #expect(error?.column == 16)
        // Members not named are dropped unchecked for repeats, as `parse(_:keepingMembers:)` drops them.
        #expect(throws: Never.self) { try Self.table(#"[{"id": 1, "id": 2}]"#) }
    }

    @Test func aDocumentThatIsNotAnArrayOfObjectsIsRefusedWhereItStops() {
        let cases: [(String, JSONParseError.Reason)] = [
            (#"{"name": "a"}"#, .unexpectedCharacter(found: "'{'", expected: "an array")),
            (#"[{"name": "a"}, 3]"#, .unexpectedCharacter(found: "'3'", expected: "an object")),
            (#"[{"name": "a"}] x"#, .trailingContent),
            (#"[{"name": "a"}"#, .unexpectedEnd(expected: "',' or ']'")),
            (#"[{"name" "a"}]"#, .unexpectedCharacter(found: "'\"'", expected: "':'")),
            ("", .unexpectedEnd(expected: "an array")),
        ]
        for (text, reason) in cases {
            let error = #expect(throws: JSONParseError.self, "\(text)") { try Self.table(text) }
            #expect(error?.reason == reason, "\(text)")
        }
    }

    @Test func skippedMembersAreCheckedAsStrictlyAsTheWholeParse() {
        let cases = [
            #"[{"url": "a\qb", "name": "x"}]"#,
            #"[{"url": 1.5, "name": "x"}]"#,
            #"[{"url": "\ud800", "name": "x"}]"#,
            #"[{"url": [1, 2, "name": "x"}]"#,
        ]
        for text in cases {
            let error = #expect(throws: JSONParseError.self, "\(text)") { try Self.table(text) }
            // The same error, at the same place, as the whole parse.
            #expect(throws: error!) { try JSONParser.parse(text) }
        }
        let badUTF8 = Array(#"[{"url": "a"#.utf8) + [0xC3, 0x28] + Array(#"", "name": "x"}]"#.utf8)
        #expect(throws: JSONParseError.self) { try JSONParser.objectMembers(in: badUTF8, named: ["name"]) }
    }
}

/// The array held by a member of a top-level object, as Vercel's `{envs, pagination}` holds it.
struct JSONObjectTableContainerTests {
    static func table(_ text: String) throws(JSONParseError) -> JSONObjectTable {
        try JSONParser.objectMembers(
            in: Array(text.utf8), named: ["key", "type"], container: "envs", enclosing: ["pagination", "next"])
    }

    @Test func theContainedArrayIsTheTableAndTheNamedEnclosingMembersAreKept() throws {
        let table = try Self.table(
            #"{"pagination": {"count": 2, "next": 1700000000000, "prev": 1}, "envs": [{"key": "A", "type": "plain", "id": "x"}, {"key": "B"}], "other": [1]}"#)
        #expect(table.count == 2)
        #expect(table[0][0] == .string("A") && table[0][1] == .string("plain"))
        #expect(table[1][0] == .string("B") && table[1][1] == nil)
        // Objects inside a kept member keep the names asked for, as everywhere else.
        #expect(table.enclosing == ["pagination": ["next": 1_700_000_000_000]])
    }

    @Test func anObjectWithoutTheContainerIsRefused() {
        let error = #expect(throws: JSONParseError.self) { try Self.table(#"{"key": "A", "type": "plain"}"#) }
        #expect(error?.reason == .missingMember("envs"))
        #expect(throws: JSONParseError.self) { try Self.table(#"[{"key": "A"}]"#) }
        #expect(throws: JSONParseError.self) { try Self.table(#"{"envs": {"key": "A"}}"#) }
    }

    @Test func aContainerOrEnclosingMemberTwiceIsRefused() {
        let twice = #expect(throws: JSONParseError.self) { try Self.table(#"{"envs": [], "envs": []}"#) }
        #expect(twice?.reason == .duplicateKey("envs"))
        let pagination = #expect(throws: JSONParseError.self) { try Self.table(#"{"envs": [], "pagination": null, "pagination": {}}"#) }
        #expect(pagination?.reason == .duplicateKey("pagination"))
    }
}
