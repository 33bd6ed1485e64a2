import Foundation
import Testing
@testable import OpsCore

/// Sections of a large desired state are decoded while the parser still reads the rest of the
/// file. Whatever the file holds, the outcome must be the one decoding after the parse gives:
/// the same model, the same problems at the same places, in the same order.
@Suite struct EarlySectionsTests {
    private static func loadBothWays(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> (result: LoadResult<DesiredState>, taken: [String]) {
        let source = SourceText(path: "desired-state.yaml", text: text)
        let early = EarlySections(source: source)
        let decodedEarly = ConfigLoader.loadDesiredState(source, early: early)
        let decodedAfter = ConfigLoader.loadDesiredState(source, early: nil)
        #expect(decodedEarly.model == decodedAfter.model, sourceLocation: sourceLocation)
        #expect(decodedEarly.diagnostics.map(\.summary) == decodedAfter.diagnostics.map(\.summary), sourceLocation: sourceLocation)
        #expect(decodedEarly.diagnostics == decodedAfter.diagnostics, sourceLocation: sourceLocation)
        return (decodedEarly, early.takenKeys)
    }

    @Test func sectionsWithProblemsDecodeTheSameEarly() throws {
        let (result, taken) = Self.loadBothWays("""
            version: 1
            github:
              labels:
                - &bug { name: bug, color: zzzzzz }
                - { name: bug, color: ededed }
                - { name: docs, colour: 0075ca }
              branchProtection:
                - branch: main
            mystery: true
            vercel:
              envVars:
                - { key: API_URL, targets: [production, nowhere] }
                - { key: lower-case, targets: [preview] }
            supabase:
              tables:
                - name: notes
                  columns:
                    - { name: id, type: bigint, primaryKey: true }
                    - { name: id, type: text }
            stripe:
            """)
        // Problems from three sections and the top level, each where it is written, in file order.
        #expect(result.errors.map(\.lineColumn) == ["4:32", "5:15", "6:21", "9:1", "12:45", "13:14", "19:19"], "\(result.summary)")
        #expect(result.model?.github?.labels.isEmpty == true)
        #expect(result.model?.github?.branchProtection.map(\.branch) == ["main"])
        // `stripe:` has no value, which reads as absent: it is not decoded early.
        #expect(taken == ["supabase", "vercel", "github"])
    }

    @Test func aSecondTopLevelKeyOfTheSameNameIsNotDecoded() throws {
        let (result, taken) = Self.loadBothWays("""
            version: 1
            github:
              labels: [{ name: first, color: ededed }]
            github:
              labels: [{ name: second, color: not-a-colour }]
            """)
        #expect(result.model?.github?.labels.map(\.name) == ["first"])
        #expect(result.errors.map(\.lineColumn) == ["4:1"], "\(result.summary)")
        #expect(taken == ["github"])
    }

    @Test func aSectionMayReuseWhatAnEarlierOneAnchored() throws {
        let (result, taken) = Self.loadBothWays("""
            version: 1
            github:
              labels:
                - &label { name: shared, color: ededed }
            vercel:
              envVars:
                - { key: API_URL, targets: [production] }
            heroku: *label
            """)
        #expect(result.model?.github?.labels.map(\.name) == ["shared"])
        #expect(!result.errors.isEmpty, "a label is no Heroku section: \(result.summary)")
        // An alias's nodes are elsewhere in the file: that section is decoded after the parse.
        #expect(taken == ["vercel", "github"])
    }

    @Test func aFileForANewerVersionUsesNoSectionDecodedEarly() throws {
        let (result, taken) = Self.loadBothWays("""
            github:
              labels: [{ name: bug, color: zzzzzz }]
            version: 99
            """)
        #expect(result.model == nil)
        #expect(taken.isEmpty)
    }

    @Test func aSyntaxErrorAfterASectionLeavesOnlyTheSyntaxError() throws {
        let (result, taken) = Self.loadBothWays("""
            version: 1
            github:
              labels: [{ name: bug, color: zzzzzz }]
            vercel: [unclosed
            """)
        #expect(result.model == nil)
        #expect(result.errors.count == 1, "\(result.summary)")
        #expect(taken.isEmpty)
    }

    @Test func aLargeFileIsDecodedEarlyOnMoreThanOneProcessor() throws {
        var lines = ["version: 1", "github:", "  labels:"]
        for index in 0..<4_000 { lines.append("    - { name: label-\(index), color: \(index == 1_500 ? "zzzzzz" : "ededed") }") }
        lines += ["vercel:", "  envVars:"]
        for index in 0..<500 { lines.append("    - { key: VAR_\(index), targets: [production] }") }
        let text = lines.joined(separator: "\n") + "\n"
        #expect(text.utf8.count >= EarlySections.standardFromBytes)
        #expect(EarlySections.worthwhile(forBytes: text.utf8.count) == (Processors.online > 1))
        let (result, taken) = Self.loadBothWays(text)
        #expect(result.model?.github?.labels.count == 3_999)
        #expect(result.model?.vercel?.envVars.count == 500)
        #expect(result.errors.map(\.lineColumn) == ["1504:34"], "\(result.summary)")
        #expect(taken == ["github"], "the last section is done only with the file")
    }
}
