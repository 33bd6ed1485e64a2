import Testing
@testable import OpsCore

private func parse(_ text: String) throws -> YAMLDocument {
    try YAML.parse(SourceText(path: "test.yaml", text: text))
}

@Suite("YAML anchors, aliases and merge keys")
struct YAMLAnchorTests {
    @Test func aliasRepeatsTheAnchoredNode() throws {
        let document = try parse("""
            base: &targets [production, preview]
            copy: *targets
            """)
        #expect(document.root?["copy"] == document.root?["base"])
        // The alias shares the anchored node, and with it the anchor's position.
        #expect(document.root?["copy"]?.mark == Mark(line: 1, column: 7))
    }

    @Test func mergeKeyCopiesMissingKeysAndExplicitKeysWin() throws {
        let document = try parse("""
            defaults: &defaults
              type: encrypted
              targets: [production]
            env:
              <<: *defaults
              key: STRIPE
              type: sensitive
            """)
        let env = try #require(document.root?["env"])
        #expect(env["type"]?.scalar?.text == "sensitive")
        #expect(env["key"]?.scalar?.text == "STRIPE")
        #expect(env["targets"]?.sequence?.count == 1)
        #expect(env["<<"] == nil)
        #expect(document.problems.isEmpty)
    }

    @Test func mergeOfAListGivesEarlierSourcesPrecedence() throws {
        let document = try parse("""
            a: &a {x: 1, y: 1}
            b: &b {y: 2, z: 2}
            c:
              <<: [*a, *b]
            """)
        let c = try #require(document.root?["c"])
        #expect(c["x"]?.resolved == .int(1))
        #expect(c["y"]?.resolved == .int(1))
        #expect(c["z"]?.resolved == .int(2))
    }

    @Test func mergeOfAScalarIsAnError() throws {
        #expect {
            try parse("a:\n  <<: 5\n")
        } throws: { error in
            let error = try #require(error as? YAMLError)
            return error.reason == .invalidMergeValue && error.location.line == 2 && error.location.column == 7
        }
    }

    @Test func undefinedAliasNamesTheAlias() throws {
        // libyaml itself does not check aliases; the composer must.
        #expect {
            try parse("a: 1\nb: *missing\n")
        } throws: { error in
            let error = try #require(error as? YAMLError)
            return error.reason == .undefinedAlias("missing") && error.location.line == 2 && error.location.column == 4
        }
    }
}

@Suite("YAML duplicate keys")
struct YAMLDuplicateKeyTests {
    @Test func duplicateKeyNamesBothPlaces() throws {
        let document = try parse("""
            github:
              labels: []
              labels: [x]
            """)
        let problem = try #require(document.problems.first)
        #expect(problem.reason == .duplicateKey("labels"))
        #expect(problem.location == SourceLocation(file: "test.yaml", line: 3, column: 3))
        #expect(problem.contextLocation == SourceLocation(file: "test.yaml", line: 2, column: 3))
        let diagnostic = problem.diagnostic
        #expect(diagnostic.message.contains("duplicate key 'labels'"))
        #expect(diagnostic.notes.first?.location?.line == 2)
        #expect(diagnostic.sourceLine == "  labels: [x]")
        // The first occurrence is kept so that validation can go on.
        #expect(document.root?["github"]?["labels"]?.sequence?.isEmpty == true)
    }

    @Test func everyDuplicateIsReported() throws {
        let document = try parse("a: 1\na: 2\nb: 1\nb: 2\n")
        #expect(document.problems.map(\.reason) == [.duplicateKey("a"), .duplicateKey("b")])
    }

    @Test func keysMergedInAreNotDuplicates() throws {
        let document = try parse("x: &x {a: 1}\ny:\n  <<: *x\n  a: 2\n")
        #expect(document.problems.isEmpty)
    }
}
