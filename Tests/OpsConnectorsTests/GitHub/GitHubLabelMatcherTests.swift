import OpsCore
import Testing

@testable import OpsConnectors

/// Labels compared page by page as a listing arrives give exactly what comparing the whole
/// listing at the end gives, whatever order the pages come in.
@Suite("GitHub labels compared page by page")
struct GitHubLabelMatcherTests {
    private static let desired: [GitHubLabel] = [
        GitHubLabel(name: "bug", color: "d73a4a"),
        GitHubLabel(name: "Security", color: "B60205", description: "Security issue"),
        GitHubLabel(name: "docs"),
        GitHubLabel(name: "missing", color: "ededed"),
        GitHubLabel(name: "needs triage", color: "fbca04", description: ""),
    ]

    private static let remote: [LabelSnapshot] = [
        LabelSnapshot(name: "bug", color: "d73a4a", description: nil),
        LabelSnapshot(name: "wontfix", color: "ffffff", description: "Not planned"),
        LabelSnapshot(name: "security", color: "ee0701", description: nil),
        LabelSnapshot(name: "docs", color: "0075ca", description: "Documentation"),
        LabelSnapshot(name: "good first issue", color: "7057ff", description: nil),
        LabelSnapshot(name: "Needs Triage", color: "fbca04", description: "old"),
        LabelSnapshot(name: "duplicate", color: "cfd3d7", description: nil),
    ]

    private func expectSame(_ left: GitHubReconciler.LabelResult, _ right: GitHubReconciler.LabelResult) {
        #expect(left.checks == right.checks)
        #expect(left.changes == right.changes)
        #expect(left.coverage == right.coverage)
    }

    private func pages(of labels: [LabelSnapshot], size: Int) -> [[LabelSnapshot]] {
        stride(from: 0, to: labels.count, by: size).map { Array(labels[$0..<min($0 + size, labels.count)]) }
    }

    @Test(arguments: [false, true])
    func pagesInAnyOrderGiveTheWholeComparison(prune: Bool) {
        let whole = GitHubReconciler.labels(desired: Self.desired, remote: Self.remote, prune: prune)
        #expect(!whole.changes.isEmpty && whole.checks.count > Self.desired.count)
        for size in 1...3 {
            for order in [{ (pages: [[LabelSnapshot]]) in pages }, { $0.reversed() }, { $0.shuffled() }] {
                let matcher = GitHubLabelMatcher(desired: Self.desired, index: GitHubLabelIndex(Self.desired), prune: prune)
                for page in order(pages(of: Self.remote, size: size)) { matcher.add(page) }
                expectSame(matcher.result(remote: Self.remote), whole)
            }
        }
    }

    @Test func declaredLabelsOnNoPageAreCreated() {
        let matcher = GitHubLabelMatcher(desired: Self.desired, index: GitHubLabelIndex(Self.desired), prune: false)
        matcher.add([])
        let result = matcher.result(remote: [])
        expectSame(result, GitHubReconciler.labels(desired: Self.desired, remote: [], prune: false))
        #expect(result.changes.map(\.id.description).allSatisfy { $0.hasPrefix("github.label.create.") })
        #expect(result.changes.count == Self.desired.count)
    }

    /// GitHub refuses two labels whose names differ only in case; if a listing holds them
    /// anyway, the first in listing order is the one compared, as before.
    @Test func aNameListedTwiceIsComparedAsTheWholeListingWould() {
        let remote = Self.remote + [LabelSnapshot(name: "BUG", color: "000000", description: nil)]
        let whole = GitHubReconciler.labels(desired: Self.desired, remote: remote, prune: true)
        let matcher = GitHubLabelMatcher(desired: Self.desired, index: GitHubLabelIndex(Self.desired), prune: true)
        for page in pages(of: remote, size: 2).reversed() { matcher.add(page) }
        expectSame(matcher.result(remote: remote), whole)
    }

    /// The desired state's decoder refuses two declared names that differ only in case; given
    /// them anyway, each is compared as the whole listing would compare it.
    @Test func declaredNamesThatDifferOnlyInCaseAreComparedAsTheWholeListingWould() {
        let desired = Self.desired + [GitHubLabel(name: "BUG", color: "000000")]
        let whole = GitHubReconciler.labels(desired: desired, remote: Self.remote, prune: false)
        #expect(whole.checks.filter { $0.id.lowercased() == "github.label.bug" }.count == 2)
        let matcher = GitHubLabelMatcher(desired: desired, index: GitHubLabelIndex(desired), prune: false)
        for page in pages(of: Self.remote, size: 2) { matcher.add(page) }
        expectSame(matcher.result(remote: Self.remote), whole)
    }

    /// An undeclared label listed twice is noticed as a declared one is: pruned, the two
    /// deletions keep the listing's order, not the order their pages arrived in.
    @Test func anUndeclaredNameListedTwiceIsComparedAsTheWholeListingWould() {
        let remote = Self.remote + [LabelSnapshot(name: "wontfix", color: "000000", description: nil)]
        let whole = GitHubReconciler.labels(desired: Self.desired, remote: remote, prune: true)
        #expect(whole.changes.filter { $0.id.description.hasSuffix(".wontfix") }.map(\.before) == [
            .object(["name": "wontfix", "color": "ffffff", "description": "Not planned"]),
            .object(["name": "wontfix", "color": "000000", "description": .null]),
        ])
        let matcher = GitHubLabelMatcher(desired: Self.desired, index: GitHubLabelIndex(Self.desired), prune: true)
        for page in pages(of: remote, size: 3).reversed() { matcher.add(page) }
        expectSame(matcher.result(remote: remote), whole)
    }

    /// Pages seen that are not the listing given (a page decoded twice, or one never seen)
    /// leave the comparison to the whole listing.
    @Test func pagesThatAreNotTheListingAreNotTrusted() {
        let whole = GitHubReconciler.labels(desired: Self.desired, remote: Self.remote, prune: false)
        let missingPage = GitHubLabelMatcher(desired: Self.desired, index: GitHubLabelIndex(Self.desired), prune: false)
        missingPage.add(Array(Self.remote.prefix(3)))
        expectSame(missingPage.result(remote: Self.remote), whole)

        let pageTwice = GitHubLabelMatcher(desired: Self.desired, index: GitHubLabelIndex(Self.desired), prune: false)
        for page in pages(of: Self.remote, size: 3) + [Array(Self.remote.prefix(3))] { pageTwice.add(page) }
        expectSame(pageTwice.result(remote: Self.remote), whole)
    }
}
