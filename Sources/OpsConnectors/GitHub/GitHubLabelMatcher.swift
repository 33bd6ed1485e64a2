import OpsCore
import Synchronization

/// Declared labels compared with the repository's page by page, as each page of the listing is
/// decoded, so that most of the comparing happens while the last pages are still in flight
/// rather than after them (docs/performance.md). `result(remote:)` gives what
/// `GitHubReconciler.labels(desired:remote:prune:)` gives for the whole listing: it compares
/// at the end the declared labels no page held, and falls back to that function whole when the
/// pages it saw are not the listing it is given, or when the listing holds a name twice
/// (GitHub refuses that; the whole comparison keeps the first).
final class GitHubLabelMatcher: Sendable {
    private let desired: [GitHubLabel]
    /// The declared labels by lower-cased name, as the desired state's decoder built it while
    /// checking the names for repeats. Declared names that differ only in case cannot reach a
    /// plan (the decoder refuses them); if they are given anyway, the whole comparison decides
    /// (`result`).
    private let index: GitHubLabelIndex
    private let prune: Bool

    private struct State {
        /// The comparison of each declared label whose remote label a page held; empty until
        /// the first page is compared.
        var outcomes: [GitHubReconciler.LabelOutcome?] = []
        /// Lowercased, to notice one listed twice as the declared ones are noticed (an outcome
        /// given twice).
        var undeclaredNames: Set<String> = []
        var repeatedName = false
        var labelsSeen = 0
        var managed = 0
        var undeclared: [LabelSnapshot] = []
    }

    private let state: Mutex<State>

    init(desired: [GitHubLabel], index: GitHubLabelIndex, prune: Bool) {
        self.desired = desired
        self.index = index
        self.prune = prune
        state = Mutex(State())
    }

    private struct Compared {
        var position: Int
        var outcome: GitHubReconciler.LabelOutcome
    }

    /// Compares the declared labels `page` holds; called once for each page of the listing,
    /// from any thread.
    @Sendable func add(_ page: [LabelSnapshot]) {
        var compared: [Compared] = []
        var undeclared: [LabelSnapshot] = []
        var undeclaredNames: [String] = []
        compared.reserveCapacity(page.count)
        for remote in page {
            let name = remote.name.lowercased()
            guard let position = index.position(ofLowercased: name) else {
                undeclared.append(remote)
                undeclaredNames.append(name)
                continue
            }
            compared.append(Compared(position: position, outcome: GitHubReconciler.compare(desired[position], with: remote)))
        }
        state.withLock { state in
            if state.outcomes.isEmpty { state.outcomes = Array(repeating: nil, count: desired.count) }
            for entry in compared {
                if state.outcomes[entry.position] != nil { state.repeatedName = true }
                state.outcomes[entry.position] = entry.outcome
            }
            for name in undeclaredNames where !state.undeclaredNames.insert(name).inserted { state.repeatedName = true }
            state.labelsSeen += page.count
            state.managed += compared.count
            state.undeclared += undeclared
        }
    }

    /// The labels' checks, changes and coverage for the whole listing `remote`.
    func result(remote: [LabelSnapshot]) -> GitHubReconciler.LabelResult {
        let seen = state.withLock { $0 }
        guard !seen.repeatedName, !index.namesRepeat, seen.labelsSeen == remote.count else {
            return GitHubReconciler.labels(desired: desired, remote: remote, prune: prune)
        }
        // A declared label on no page does not exist. Lazily, so the outcomes go straight into
        // the result's checks without an array of their own.
        let outcomes = desired.indices.lazy.map { index in
            (seen.outcomes.isEmpty ? nil : seen.outcomes[index]) ?? GitHubReconciler.compare(self.desired[index], with: nil)
        }
        return GitHubReconciler.result(
            outcomes: outcomes, managed: seen.managed, total: remote.count, undeclared: seen.undeclared, prune: prune)
    }
}
