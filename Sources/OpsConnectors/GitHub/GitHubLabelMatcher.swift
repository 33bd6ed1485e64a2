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
    private let prune: Bool
    /// Lowercased declared name → the declared labels with it, in declared order. Made when the
    /// first page arrives rather than when the matcher is: the matcher is made just before the
    /// listing's first request, and a thousand names' index took a third of a millisecond
    /// there, where the first page gives it the length of a round trip (docs/performance.md).
    private let index = Mutex<[String: [Int]]?>(nil)

    private struct State {
        /// The comparison of each declared label whose remote label a page held; empty until
        /// the first page is compared.
        var outcomes: [GitHubReconciler.LabelOutcome?] = []
        var seenNames: Set<String> = []
        var repeatedName = false
        var labelsSeen = 0
        var managed = 0
        var undeclared: [LabelSnapshot] = []
    }

    private let state: Mutex<State>

    init(desired: [GitHubLabel], prune: Bool) {
        self.desired = desired
        self.prune = prune
        state = Mutex(State())
    }

    /// The index of declared names, made by the first page to need it; the pages after it wait
    /// for it, as they would have to anyway.
    private var declaredByName: [String: [Int]] {
        index.withLock { index in
            if let index { return index }
            var byName: [String: [Int]] = [:]
            byName.reserveCapacity(desired.count)
            for (position, label) in desired.enumerated() { byName[label.name.lowercased(), default: []].append(position) }
            index = byName
            return byName
        }
    }

    /// Compares the declared labels `page` holds; called once for each page of the listing,
    /// from any thread.
    @Sendable func add(_ page: [LabelSnapshot]) {
        let declaredByName = declaredByName
        var compared: [(index: Int, outcome: GitHubReconciler.LabelOutcome)] = []
        var names: [String] = []
        var undeclared: [LabelSnapshot] = []
        names.reserveCapacity(page.count)
        for remote in page {
            let name = remote.name.lowercased()
            names.append(name)
            guard let indices = declaredByName[name] else {
                undeclared.append(remote)
                continue
            }
            for index in indices { compared.append((index, GitHubReconciler.compare(desired[index], with: remote))) }
        }
        state.withLock { state in
            if state.outcomes.isEmpty { state.outcomes = Array(repeating: nil, count: desired.count) }
            for name in names where !state.seenNames.insert(name).inserted { state.repeatedName = true }
            for (index, outcome) in compared { state.outcomes[index] = outcome }
            state.labelsSeen += page.count
            state.managed += page.count - undeclared.count
            state.undeclared += undeclared
        }
    }

    /// The labels' checks, changes and coverage for the whole listing `remote`.
    func result(remote: [LabelSnapshot]) -> GitHubReconciler.LabelResult {
        let seen = state.withLock { $0 }
        guard !seen.repeatedName, seen.labelsSeen == remote.count else {
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
