import Testing
@testable import OpsCore

private func parse(_ text: String) throws -> YAMLDocument {
    try YAML.parse(SourceText(path: "test.yaml", text: text))
}

@Suite("YAML positions")
struct YAMLPositionTests {
    @Test func everyNodeCarriesItsOneBasedMark() throws {
        let document = try parse("""
            github:
              labels:
                - name: bug
                  color: "d73a4a"
            """)
        let root = try #require(document.root)
        #expect(root.mark == Mark(line: 1, column: 1))
        let github = try #require(root.mapping?.first)
        #expect(github.key.mark == Mark(line: 1, column: 1))
        let labels = try #require(root["github"]?["labels"])
        #expect(labels.mark == Mark(line: 3, column: 5))
        let label = try #require(labels.sequence?.first)
        #expect(label["name"]?.mark == Mark(line: 3, column: 13))
        let colorPair = try #require(label.mapping?.last)
        #expect(colorPair.key.mark == Mark(line: 4, column: 7))
        #expect(colorPair.value.mark == Mark(line: 4, column: 14))
        #expect(colorPair.value.scalar?.style == .doubleQuoted)
    }

    @Test func flowCollectionsHavePositionsToo() throws {
        let document = try parse("labels: [{ name: a, color: ffffff }, { name: b }]\n")
        let items = try #require(document.root?["labels"]?.sequence)
        #expect(items[1]["name"]?.mark == Mark(line: 1, column: 46))
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let document = try parse("é: ü\nnext: x\n")
        let pair = try #require(document.root?.mapping?.first)
        #expect(pair.value.mark == Mark(line: 1, column: 4))
    }

    @Test func emptyDocumentHasNoRoot() throws {
        #expect(try parse("").root == nil)
        #expect(try parse("# only a comment\n").root == nil)
    }

    @Test func equalityIgnoresPositions() throws {
        let a = try parse("a: [1, 2]\n").root
        let b = try parse("\n\n  a:\n    - 1\n    - 2\n").root
        #expect(a == b)
    }

    @Test(arguments: [
        ("plain", ResolvedScalar.string("plain")),
        ("\"true\"", .string("true")),
        ("true", .bool(true)),
        ("False", .bool(false)),
        ("yes", .string("yes")),
        ("~", .null),
        ("null", .null),
        ("42", .int(42)),
        ("-7", .int(-7)),
        ("0x1F", .int(31)),
        ("0o17", .int(15)),
        ("3.5", .float(3.5)),
        ("'42'", .string("42")),
        ("!!str 42", .string("42")),
        ("!!int \"12\"", .int(12)),
        ("0 9 * * *", .string("0 9 * * *")),
        ("d73a4a", .string("d73a4a")),
    ])
    func scalarsResolveWithTheCoreSchema(source: String, expected: ResolvedScalar) throws {
        let document = try parse("value: \(source)\n")
        #expect(document.root?["value"]?.resolved == expected)
    }
}
