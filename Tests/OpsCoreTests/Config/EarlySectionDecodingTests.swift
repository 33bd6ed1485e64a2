import Testing
@testable import OpsCore

/// A desired state's sections are decoded as soon as the composer has built them, while the
/// rest of the file is still being parsed. Whatever the file holds, the result must be what
/// decoding the whole tree afterwards gives: the same model and the same diagnostics, in the
/// same order.
@Suite struct EarlySectionDecodingTests {
    private static func bothWays(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> LoadResult<DesiredState> {
        let source = SourceText(path: "desired-state.yaml", text: yaml)
        let early = ConfigLoader.loadDesiredState(source)
        let afterwards = ConfigLoader.parse(source) { root, report in DesiredStateDecoder.decode(root, report: report) }
        #expect(early.diagnostics == afterwards.diagnostics, sourceLocation: sourceLocation)
        #expect(early.model == afterwards.model, sourceLocation: sourceLocation)
        return early
    }

    private static func labels(_ count: Int, badColourAt bad: Int? = nil) -> String {
        (0..<count).map { "    - { name: label-\($0), color: \($0 == bad ? "zzzzzz" : "ededed") }" }.joined(separator: "\n")
    }

    @Test func problemsInSeveralSectionsComeInFileOrder() {
        let result = Self.bothWays("""
            version: 1
            github:
              labels:
            \(Self.labels(300, badColourAt: 7))
                - { name: label-3, color: ededed }
              unknownKey: 1
            vercel:
              envVars:
                - { key: A, targets: [production, nowhere] }
                - { key: A, targets: [production] }
            supabase:
              tables:
                - name: t
                  columns: [{ name: id, type: uuid }]
            """)
        #expect(result.model?.github?.labels.count == 299)
        #expect(result.errors.count >= 5, "\(result.summary)")
    }

    @Test func laterKeysAndRepeatsDecideAsBefore() {
        // The version comes last; a section is repeated (the first is kept); one is null; one is an alias.
        _ = Self.bothWays("""
            github:
              labels: [{ name: a, color: ededed }]
            github:
              labels: [{ name: b, color: nothex }]
            vercel:
            stripe: &s { webhooks: [] }
            heroku: *s
            unknown: 1
            version: 1
            """)
        // Written for a newer opsctl: nothing is decoded, whatever was decoded early.
        let newer = Self.bothWays("""
            github:
              labels: [{ name: a, color: nothex }]
            version: 99
            """)
        #expect(newer.model == nil)
        #expect(newer.errors.count == 1)
        // A section brought in by a merge key is decoded afterwards.
        _ = Self.bothWays("""
            version: 1
            <<: { github: { labels: [{ name: merged, color: nothex }] } }
            vercel: { envVars: [] }
            """)
        // A syntax error after a decoded section: only the error is reported.
        let broken = Self.bothWays("version: 1\ngithub:\n  labels:\n\(Self.labels(50, badColourAt: 2))\nvercel: [\n")
        #expect(broken.model == nil)
        #expect(broken.diagnostics.count == 1)
    }

    @Test func aLargeFileParsedAheadDecodesTheSame() {
        // Over the size from which libyaml parses on a thread of its own.
        let result = Self.bothWays("""
            version: 1
            github:
              labels:
            \(Self.labels(2_000, badColourAt: 1_500))
            vercel:
              envVars:
            \((0..<600).map { "    - { key: VAR_\($0), targets: [production\($0 == 5 ? ", nowhere" : "")] }" }.joined(separator: "\n"))
            """)
        #expect(result.model?.github?.labels.count == 1_999)
        #expect(result.model?.vercel?.envVars.count == 599)
        #expect(result.errors.compactMap(\.location?.line) == [1504, 2011], "\(result.summary)")
    }
}
