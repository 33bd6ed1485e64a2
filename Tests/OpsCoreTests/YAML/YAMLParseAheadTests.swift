import Testing
@testable import OpsCore

/// A large document is parsed on a thread of its own ahead of the composer, in batches of
/// events. Tiny batches and a short ring force every hand-over (a batch ending inside a
/// collection, between an anchor and its alias, the parser waiting for a free batch) on small
/// documents; the outcome must be what parsing on one thread gives.
@Suite struct YAMLParseAheadTests {
    private static let ahead = YAMLEventBatching(parseAheadFromBytes: 0, eventsPerBatch: 3, batchesAhead: 2)
    private static let inline = YAMLEventBatching(parseAheadFromBytes: .max, eventsPerBatch: 3, batchesAhead: 2)

    private enum Outcome: Equatable {
        case document(root: YAMLNode?, marks: [Mark], problems: [YAMLError])
        case failure(YAMLError)
    }

    private static func outcome(_ text: String, _ batching: YAMLEventBatching, limits: YAMLLimits = .default) -> Outcome {
        do {
            let document = try YAML.parse(SourceText(path: "big.yaml", text: text), limits: limits, batching: batching)
            return .document(root: document.root, marks: document.root.map(marks) ?? [], problems: document.problems)
        } catch let error as YAMLError {
            return .failure(error)
        } catch {
            Issue.record("unexpected error \(error)")
            return .failure(YAMLError(reason: .multipleDocuments, location: OpsCore.SourceLocation(file: "", line: 0, column: 0), sourceLine: nil))
        }
    }

    /// Every node's mark, depth first: equality of nodes ignores marks.
    private static func marks(_ node: YAMLNode) -> [Mark] {
        var result = [node.mark]
        for index in 0..<node.count {
            if node.isMapping { result += marks(node.key(index)) + marks(node.value(index)) } else { result += marks(node.item(index)) }
        }
        return result
    }

    private static func expectSameOutcome(_ text: String, limits: YAMLLimits = .default, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Outcome {
        let parsedAhead = outcome(text, ahead, limits: limits)
        #expect(parsedAhead == outcome(text, inline, limits: limits), sourceLocation: sourceLocation)
        #expect(parsedAhead == outcome(text, .standard, limits: limits), sourceLocation: sourceLocation)
        return parsedAhead
    }

    @Test func aDocumentComposesTheSameAcrossBatches() throws {
        let text = """
            version: 1
            base: &base { color: ededed, description: "shared text" }
            labels:
              - name: bug
                <<: *base
              - { name: docs, color: 0075ca }
              - &q name with spaces
              - *q
            nested: [[a, b, [c, d]], {e: [f, g]}, !!str 12, "quoted", 'single']
            block: |
              literal
              text
            name: dup
            name: again
            empty:
            """
        guard case .document(let root, _, let problems) = Self.expectSameOutcome(text) else {
            Issue.record("the document did not parse")
            return
        }
        #expect(problems.map(\.reason) == [.duplicateKey("name")])
        #expect(root?["labels"]?.item(0)["description"]?.resolved == .string("shared text"))
        #expect(root?["labels"]?.item(3).resolved == .string("name with spaces"))
    }

    @Test func errorsAreTheSameWhereverTheParserHasGotTo() {
        var long = ""
        for index in 0..<200 { long += "k\(index): [\(index), \(index + 1)]\n" }
        let cases = [
            // libyaml's own error, after many batches.
            long + "bad: \"unterminated\n",
            long + "a:\n  b: 1\n c: 2\n",
            // The composer stops first while the parser is still ahead of it.
            "first: *nowhere\n" + long,
            "tagged: !custom x\n" + long,
            long + "tagged: !!map {a: 1}\nlate: !unknown 3\n",
            "- [a]\n---\n- [b]\n" + long,
            "key: {[a]: b}\n" + long,
            "merged:\n  <<: 3\n" + long,
            String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "\n",
            "",
            "# only a comment\n",
        ]
        for text in cases {
            _ = Self.expectSameOutcome(text)
        }
        if case .failure(let error) = Self.expectSameOutcome(long + "bad: \"unterminated\n") {
            #expect(error.location.line == 201)
        } else {
            Issue.record("an unterminated quote must fail")
        }
    }

    @Test func limitsStopTheSameAhead() {
        let bomb = "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c, *c]\n"
        guard case .failure(let error) = Self.expectSameOutcome(bomb, limits: YAMLLimits(maxAliasExpansion: 40)) else {
            Issue.record("the alias bomb must be refused")
            return
        }
        #expect(error.reason == .aliasExpansionTooLarge(limit: 40))
        _ = Self.expectSameOutcome("a: [[[[x]]]]\n", limits: YAMLLimits(maxDepth: 3))
    }
}
