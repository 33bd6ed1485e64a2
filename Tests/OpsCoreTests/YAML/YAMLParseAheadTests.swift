import Testing
@testable import OpsCore

/// A large document is parsed on a thread of its own ahead of the composer, in batches of
/// events. Tiny batches and a short ring force every hand-over (a batch ending inside a
/// collection, between an anchor and its alias, the parser waiting for a free batch) on small
/// documents; the outcome must be what parsing on one thread gives.
@Suite struct YAMLParseAheadTests {
    private static let ahead = YAMLEventBatching(parseAheadFromBytes: 0, eventsPerBatch: 3, batchesAhead: 2)
    private static let inline = YAMLEventBatching(parseAheadFromBytes: .max, eventsPerBatch: 3, batchesAhead: 2)
    /// Cut in two wherever the document allows, the first half parsed ahead or by the composer.
    private static let cut = YAMLEventBatching(parseAheadFromBytes: 0, eventsPerBatch: 3, batchesAhead: 2, splitFromBytes: 0)
    private static let cutInline = YAMLEventBatching(parseAheadFromBytes: .max, eventsPerBatch: 3, batchesAhead: 2, splitFromBytes: 0)

    private typealias Outcome = YAMLParseOutcome

    private static func outcome(_ text: String, _ batching: YAMLEventBatching, limits: YAMLLimits = .default) -> Outcome {
        YAMLParseOutcome.of(text, batching, limits: limits)
    }

    private static func expectSameOutcome(_ text: String, limits: YAMLLimits = .default, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Outcome {
        let parsedAhead = outcome(text, ahead, limits: limits)
        #expect(parsedAhead == outcome(text, inline, limits: limits), sourceLocation: sourceLocation)
        #expect(parsedAhead == outcome(text, .standard, limits: limits), sourceLocation: sourceLocation)
        #expect(parsedAhead == outcome(text, cut, limits: limits), sourceLocation: sourceLocation)
        #expect(parsedAhead == outcome(text, cutInline, limits: limits), sourceLocation: sourceLocation)
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

/// The composer tells an observer of each top-level pair as soon as its value is complete.
@Suite struct YAMLTopLevelObserverTests {
    private final class Recorder: TopLevelEntryObserver {
        var entries: [(key: String, value: YAMLNode)] = []
        var nodes: [UInt32] = []
        func composed(key: String, value: YAMLNode, node: UInt32) {
            entries.append((key, value))
            nodes.append(node)
        }
    }

    private static func observe(_ text: String, batching: YAMLEventBatching = .standard) throws -> (recorded: [(key: String, value: YAMLNode)], nodes: [UInt32], document: YAMLDocument) {
        let recorder = Recorder()
        let document = try YAML.parse(SourceText(path: "observed.yaml", text: text), limits: .default, batching: batching, topLevelObserver: recorder)
        return (recorder.entries, recorder.nodes, document)
    }

    @Test func eachKeptTopLevelPairIsReportedInOrderWithItsFinishedValue() throws {
        let text = """
            first: &shared { a: [1, 2, "", {}], b: { c: d }, e: [] }
            second: [x, y, "with \\"quotes\\""]
            block: |
              literal
              text
            first: dropped
            <<: { merged: in }
            third: *shared
            fourth: { again: *shared }
            fifth: { <<: *shared, own: 1 }
            sixth: plain
            last: [not, reported]
            """
        for batching in [
            YAMLEventBatching.standard, YAMLEventBatching(parseAheadFromBytes: 0, eventsPerBatch: 2, batchesAhead: 1),
            YAMLEventBatching(parseAheadFromBytes: 0, eventsPerBatch: 2, batchesAhead: 1, splitFromBytes: 0),
        ] {
            let (recorded, nodes, document) = try Self.observe(text, batching: batching)
            // Values that are or hold an alias, merged pairs and the last pair are not reported.
            #expect(recorded.map(\.key) == ["first", "second", "block", "sixth"])
            let root = try #require(document.root)
            // Each value as reported equals the value in the finished document, marks included.
            for ((key, value), node) in zip(recorded, nodes) {
                let position = try #require((0..<root.count).first { root.key($0).scalarText == key })
                let finished = root.value(position)
                #expect(node == finished.index)
                #expect(value == finished)
                #expect(marks(value) == marks(finished))
            }
            #expect(document.problems.count == 1, "the duplicate `first` is still reported")
        }
    }


    @Test func nestedMappingsAndOtherRootsReportNothing() throws {
        #expect(try Self.observe("- { a: 1 }\n- { b: 2 }\n").recorded.isEmpty)
        #expect(try Self.observe("just a scalar\n").recorded.isEmpty)
        #expect(try Self.observe("outer: { inner: 1 }\nnext: 2\n").recorded.map(\.key) == ["outer"])
        #expect(try Self.observe("only: { inner: 1 }\n").recorded.isEmpty, "a single pair is the last one")
    }
}
