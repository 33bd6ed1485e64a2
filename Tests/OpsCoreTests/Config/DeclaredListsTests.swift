import Foundation
import Synchronization
import Testing
@testable import OpsCore

/// The lists each section declares are reported, with their lengths, as the parse composes
/// them, before the file is decoded: what a connector needs to ask for a listing's pages early.
@Suite struct DeclaredListsTests {
    private static func lists(_ text: String, early: Bool = false) -> (lists: [DeclaredList], result: LoadResult<DesiredState>, taken: [String]) {
        let source = SourceText(path: "desired-state.yaml", text: text)
        let seen = Mutex<[DeclaredList]>([])
        let earlySections = early ? EarlySections(source: source) : nil
        let result = ConfigLoader.loadDesiredState(source, early: earlySections, onList: { list in seen.withLock { $0.append(list) } })
        return (seen.withLock { $0 }, result, earlySections?.takenKeys ?? [])
    }

    @Test func eachSectionsListsAreReportedInFileOrderTheLastSectionsToo() {
        let (lists, result, _) = Self.lists("""
            version: 1
            vercel:
              envVars:
                - { key: API_URL, targets: [production] }
            github:
              labels:
                - { name: bug, color: d73a4a }
                - { name: docs, color: 0075ca }
                - { name: chore, color: ededed }
              branchProtection:
                - { branch: main, requiredReviews: 1 }
              prune: []
            """)
        #expect(result.errors.isEmpty, "\(result.summary)")
        #expect(lists == [
            DeclaredList(section: "vercel", key: "envVars", count: 1),
            DeclaredList(section: "github", key: "labels", count: 3),
            DeclaredList(section: "github", key: "branchProtection", count: 1),
            DeclaredList(section: "github", key: "prune", count: 0),
        ])
        #expect(lists.map(\.scope) == [.vercel, .github, .github, .github])
    }

    @Test func onlyListsDirectlyUnderASectionAreReported() {
        let (lists, _, _) = Self.lists("""
            version: 1
            supabase:
              tables:
                - name: notes
                  columns:
                    - { name: id, type: bigint, primaryKey: true }
                    - { name: body, type: text }
            github:
              labels: { name: not-a-list, color: ededed }
            """)
        // The columns are two levels down, and a mapping under `labels` is no list.
        #expect(lists == [DeclaredList(section: "supabase", key: "tables", count: 1)])
    }

    @Test func aListIsReportedEvenWhenTheFileIsInvalidFurtherOn() {
        let (lists, result, _) = Self.lists("""
            version: 1
            github:
              labels:
                - { name: bug, color: d73a4a }
                - { name: bug, color: nope }
            mystery: [1, 2]
            """)
        // A hint, not a verdict: the plan never runs on a file with errors.
        #expect(!result.errors.isEmpty)
        #expect(lists == [DeclaredList(section: "github", key: "labels", count: 2)])
        #expect(lists.first?.scope == .github)
    }

    @Test func aListCopiedInByAnAliasCountsItsItems() {
        let (lists, _, _) = Self.lists("""
            version: 1
            vercel:
              envVars: &vars
                - { key: A, targets: [production] }
                - { key: B, targets: [preview] }
            heroku:
              configVars: *vars
            """)
        #expect(lists == [
            DeclaredList(section: "vercel", key: "envVars", count: 2),
            DeclaredList(section: "heroku", key: "configVars", count: 2),
        ])
    }

    /// A top-level key that is itself a collection names no section: lists inside it, or under
    /// it, are not reported (under that key or the one before), and the file is still refused.
    @Test func aKeyThatIsACollectionNamesNoSection() {
        let (lists, result, _) = Self.lists("""
            version: 1
            github:
              labels: [{ name: bug, color: d73a4a }]
            ? [a, b, c, d, e, f, g, h, i, j]
            : { x: [1, 2] }
            ? { labels: [1, 2, 3] }
            : { labels: [4, 5] }
            """)
        #expect(!result.errors.isEmpty)
        #expect(lists == [DeclaredList(section: "github", key: "labels", count: 1)])
    }

    /// Only sections decoded early need the composer to copy each top-level value out.
    @Test func valuesAreCopiedOutOnlyForSectionsDecodedEarly() {
        let source = SourceText(path: "desired-state.yaml", text: "version: 1\n")
        #expect(!DeclaredListReporter(early: nil, report: { _ in }).wantsComposedValues)
        #expect(DeclaredListReporter(early: EarlySections(source: source), report: { _ in }).wantsComposedValues)
    }

    /// Told of lists, the loader still decodes sections early, and the outcome is the same.
    @Test func sectionsAreStillDecodedEarlyBesideTheReport() {
        let text = """
            version: 1
            github:
              labels:
                - { name: bug, color: d73a4a }
            vercel:
              envVars:
                - { key: API_URL, targets: [production] }
            """
        let (lists, result, taken) = Self.lists(text, early: true)
        #expect(lists.map(\.key) == ["labels", "envVars"])
        #expect(taken == ["github"])
        #expect(result.model == ConfigLoader.loadDesiredState(SourceText(path: "desired-state.yaml", text: text)).model)
        #expect(result.model?.github?.labels.map(\.name) == ["bug"])
    }
}
