import Testing
@testable import OpsCore

/// A large document is cut in two at a top-level key and both halves are parsed at once
/// (`TopLevelSplit`, `SecondHalf`). Whatever the text, the outcome is the one parser's: the
/// same nodes and marks, problems and errors, word for word.
@Suite struct YAMLCutParseTests {
    private static let whole = YAMLEventBatching(parseAheadFromBytes: .max, eventsPerBatch: 2048, batchesAhead: 3)
    private static let cutEverywhere = [
        YAMLEventBatching(parseAheadFromBytes: 0, eventsPerBatch: 4, batchesAhead: 2, splitFromBytes: 0),
        YAMLEventBatching(parseAheadFromBytes: .max, eventsPerBatch: 2, batchesAhead: 1, splitFromBytes: 0),
        YAMLEventBatching(parseAheadFromBytes: 0, eventsPerBatch: 2048, batchesAhead: 3, splitFromBytes: 0),
    ]

    private static func outcome(_ text: String, _ batching: YAMLEventBatching, cut: CutReport? = nil) -> YAMLParseOutcome {
        YAMLParseOutcome.of(text, batching, cut: cut)
    }

    /// The outcome cut in every way equals the whole parse; returns what the cuts did.
    @discardableResult
    private static func expectSameAsWhole(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [CutReport] {
        let expected = outcome(text, whole)
        return cutEverywhere.map { batching in
            let report = CutReport()
            #expect(outcome(text, batching, cut: report) == expected, sourceLocation: sourceLocation)
            return report
        }
    }

    /// Sections of lists and mappings, a block scalar, comments at column 0, and an anchor in
    /// the first half that the second half's aliases and merge keys use.
    private static func sections(_ count: Int, entries: Int) -> String {
        var text = "version: 1\n# sections follow\nshared: &shared { color: ededed, note: \"from the first half\" }\n"
        for section in 0..<count {
            text += "section_\(section):\n  items:\n"
            for entry in 0..<entries {
                text += "    - name: item-\(section)-\(entry)\n      tags: [a, b, \"c d\"]\n"
            }
            text += "  block: |\n    literal \(section)\n    text\n# a comment at column 0\n\n"
        }
        text += "late:\n  <<: *shared\n  own: 1\nlast: *shared\n"
        return text
    }

    @Test func aDocumentCutAtATopLevelKeyComposesAsAWholeOne() throws {
        let text = Self.sections(6, entries: 20)
        let reports = Self.expectSameAsWhole(text)
        #expect(reports.allSatisfy { $0.handedOver && !$0.readAgain }, "the second half is used")
        let document = try YAML.parse(SourceText(path: "cut.yaml", text: text), limits: .default, batching: Self.cutEverywhere[0])
        #expect(document.root?["late"]?["color"]?.resolved == .string("ededed"), "a merge key across the cut")
        #expect(document.root?["last"]?["note"]?.resolved == .string("from the first half"), "an alias across the cut")
        // Marks after the cut count the lines before it.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0 == "    - name: item-5-19" }) + 1
        #expect(document.root?["section_5"]?["items"]?.item(19)["name"]?.mark == Mark(line: line, column: 13))
    }

    @Test func aKeyLineInsideAQuotedScalarOrAFlowCollectionIsNotACut() {
        let filler = (0..<40).map { "k\($0): [\($0)]" }.joined(separator: "\n")
        let cases = [
            // The middle line starts like a key but belongs to a double-quoted scalar.
            filler + "\nquoted: \"starts here\nmiddle: inside the quotes\nends\"\n" + filler.replacingOccurrences(of: "k", with: "j") + "\n",
            // ... to a flow mapping that spans lines.
            filler + "\nflow: { a: 1,\nmiddle: 2 }\n" + filler.replacingOccurrences(of: "k", with: "j") + "\n",
            // ... to a single-quoted scalar.
            filler + "\nsingle: 'one\nmiddle: two'\n" + filler.replacingOccurrences(of: "k", with: "j") + "\n",
        ]
        for text in cases {
            let proposed = Array(text.utf8).withUnsafeBufferPointer { TopLevelSplit.find(in: $0) }
            #expect(proposed != nil, "the finder proposes a cut; the first half must refuse it where it is not a key")
            for report in Self.expectSameAsWhole(text) where report.handedOver {
                // A cut taken elsewhere than the trap is fine, as long as the outcome is the same.
                #expect(!report.readAgain)
            }
        }
    }

    @Test func errorsAfterTheCutAreTheOneParsersOwn() {
        let filler = (0..<40).map { "k\($0): [\($0), \($0 + 1)]" }.joined(separator: "\n") + "\n"
        let second = filler.replacingOccurrences(of: "k", with: "j")
        let cases = [
            filler + second + "bad: \"unterminated\n",
            filler + second + "a:\n  b: 1\n c: 2\n",
            filler + second + "tagged: !custom x\n",
            filler + second + "alias: *nowhere\n",
            filler + second + "k3: again\n",
            filler + second + "---\nsecond: document\n",
            filler + second + "...\nafter: the end\n",
            filler + "---\n" + second,
            filler + "...\n" + second,
            filler + "x: [unclosed\n" + second,
        ]
        for text in cases {
            let reports = Self.expectSameAsWhole(text)
            #expect(reports.count == Self.cutEverywhere.count)
        }
        // A syntax error in the second half is met there first, then read again whole.
        let report = CutReport()
        _ = Self.outcome(filler + second + "bad: \"unterminated\n", Self.cutEverywhere[0], cut: report)
        #expect(report.handedOver && report.readAgain)
    }

    @Test func theCutIsATopLevelKeyNearTheMiddle() throws {
        func find(_ text: String) -> TopLevelSplit? {
            Array(text.utf8).withUnsafeBufferPointer { TopLevelSplit.find(in: $0) }
        }
        let text = "a: 1\nb:\n  - x\n  - y\nc: 3\nd: 4\n"
        let split = try #require(find(text))
        #expect(split.line == 4)
        #expect(Array(Array(text.utf8)[split.offset..<(split.offset + 2)]) == Array("c:".utf8))
        // Only plain keys at column 0, with ':' then a space or the line's end.
        #expect(find("a: 1\n  b: 2\n  c: 3\n") == nil)
        #expect(find("a: 1\n\"b\": 2\nc\n") == nil)
        #expect(find("a: 1\nb:2\n") == nil)
        // Roots other than a block mapping, markers, directives and other line breaks.
        #expect(find("- a\n- b\nc: 1\n- d\n") == nil)
        #expect(find("---\na: 1\nb: 2\nc: 3\n") == nil)
        #expect(find("%YAML 1.1\n---\na: 1\nb: 2\n") == nil)
        #expect(find("a: 1\r\nb: 2\r\nc: 3\r\n") == nil)
        #expect(find("a: 1\nb: x\u{85}y\nc: 3\nd: 4\n") == nil)
        #expect(find("a: 1\nb: x\u{2028}y\nc: 3\nd: 4\n") == nil)
        // Comments and blank lines before the first key count as lines.
        let commented = "# head\n\na: 1\nb: 2\nc: 3\n"
        #expect(find(commented)?.line == 3)
        // Lines of every length before the cut, counted eight bytes at a time and the rest one by one.
        var long = "a: 1\n"
        for index in 0..<101 { long += "# " + String(repeating: "x", count: index % 13) + "\n" }
        long += "b: 2\n"
        for index in 0..<101 { long += "  - " + String(repeating: "y", count: index % 11) + "\n" }
        #expect(find(long)?.line == 102)
        #expect(find(long).map { Array(long.utf8)[$0.offset] } == UInt8(ascii: "b"))
        // A cut that leaves most of the document to one half is not worth it.
        #expect(find("a: 1\nb: [" + String(repeating: "x, ", count: 200) + "y]\n") == nil)
    }

    @Test func aLargeConfigurationIsCutBySectionAndDecodesTheSame() throws {
        var text = "version: 1\ngithub:\n  labels:\n"
        for index in 0..<400 { text += "    - { name: label-\(index), color: ededed }\n" }
        text += "vercel:\n  envVars:\n"
        for index in 0..<200 { text += "    - key: VAR_\(index)\n      targets: [production, preview]\n" }
        text += "supabase:\n  tables:\n    - name: things\n      columns:\n        - { name: id, type: uuid, primaryKey: true }\n"
        let reports = Self.expectSameAsWhole(text)
        #expect(reports.allSatisfy { $0.handedOver })
    }
}
