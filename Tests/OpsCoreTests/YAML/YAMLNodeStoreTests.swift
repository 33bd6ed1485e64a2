import Testing
@testable import OpsCore

private func parse(_ text: String) throws -> YAMLDocument {
    try YAML.parse(SourceText(path: "test.yaml", text: text))
}

/// The flat node store compares and reads keys as `String`s do, without making them.
@Suite struct YAMLNodeStoreTests {
    @Test func keysEqualAsStringsAreDuplicatesThoughTheirBytesDiffer() throws {
        // "é" as one code point and as "e" with a combining accent: equal `String`s.
        let document = try parse("caf\u{E9}: 1\ncafe\u{301}: 2\n")
        #expect(document.problems.map(\.reason) == [.duplicateKey("cafe\u{301}")])
        #expect(document.root?.count == 1)
        #expect(document.root?["cafe\u{301}"]?.resolved == .int(1))
    }

    @Test func asciiKeysThatDifferAreNotDuplicates() throws {
        let document = try parse("name: 1\nnamE: 2\nnam: 3\n")
        #expect(document.problems.isEmpty)
        #expect(document.root?.mapping?.map { $0.key.scalar?.text } == ["name", "namE", "nam"])
    }

    @Test func largeMappingsFindDuplicatesToo() throws {
        var yaml = ""
        for index in 0..<40 { yaml += "key\(index): \(index)\n" }
        yaml += "key3: again\n"
        let document = try parse(yaml)
        #expect(document.problems.map(\.reason) == [.duplicateKey("key3")])
        #expect(document.problems.first?.contextLocation?.line == 4)
        #expect(document.root?.count == 40)
    }

    @Test func nullIsDecidedOnTheBytesAsResolutionDecidesIt() throws {
        let document = try parse("""
            a:
            b: ~
            c: Null
            d: "null"
            e: !!null ""
            f: nulls
            g: !!str null
            h: []
            """)
        let root = try #require(document.root)
        for key in ["a", "b", "c", "d", "e", "f", "g", "h"] {
            let node = try #require(root[key])
            #expect(node.isNull == (node.resolved == .null), "\(key)")
        }
        #expect(["a", "b", "c", "e"].allSatisfy { root[$0]?.isNull == true })
    }

    @Test func plainWordsAreTextAndOnlyDigitsSignsAndPointsBeginNumbers() throws {
        let document = try parse("""
            a: name
            b: nan
            c: truth
            d: f1
            e: +7
            f: -3
            g: .5
            h: -.inf
            i: .NaN
            j: 0x1F
            k: 1e3
            l: NULL
            m: False
            """)
        let root = try #require(document.root)
        let expected: [String: ResolvedScalar] = [
            "a": .string("name"), "b": .string("nan"), "c": .string("truth"), "d": .string("f1"),
            "e": .int(7), "f": .int(-3), "g": .float(0.5), "h": .float(-.infinity), "j": .int(31),
            "k": .float(1000), "l": .null, "m": .bool(false),
        ]
        for (key, value) in expected { #expect(root[key]?.resolved == value, "\(key)") }
        guard case .float(let notANumber)? = root["i"]?.resolved else {
            Issue.record("'.NaN' should be a float")
            return
        }
        #expect(notANumber.isNaN)
    }

    @Test func aliasesShareTheAnchoredNodeInTheStore() throws {
        let document = try parse("base: &b {x: 1}\ncopy: *b\nmerged:\n  <<: *b\n  y: 2\n")
        let root = try #require(document.root)
        #expect(root["copy"]?.index == root["base"]?.index)
        #expect(root["merged"]?["x"]?.index == root["base"]?["x"]?.index)
        #expect(root["merged"]?.count == 2)
    }
}
