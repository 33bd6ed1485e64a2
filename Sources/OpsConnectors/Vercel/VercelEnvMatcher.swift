/// How one declared variable relates to the variables Vercel holds for its key.
enum VercelEnvMatch: Sendable, Equatable {
    /// No variable of the key covers any of the declared targets.
    case missing
    /// One variable covers the declared targets exactly, or is the only one overlapping them.
    case found(VercelRemoteEnv)
    /// Several variables share the declared targets between them; merging them would take a
    /// delete, which is not opsctl's to propose here.
    case split([VercelRemoteEnv])
    /// One variable covers targets that desired-state.yaml splits across several entries.
    case shared(VercelRemoteEnv, withNames: [String])
}

/// Pairs declared variables with Vercel's, per key (pure, so the rules are tested without a
/// network). Vercel keeps one object per key and set of targets, and refuses overlapping
/// targets, so a declared entry matches the object with exactly its targets first, and
/// otherwise the single object that overlaps it, which an edit of targets can then correct.
enum VercelEnvMatcher {
    static func match(_ desired: [VercelDesiredEnv], remote: [VercelRemoteEnv]) -> [VercelEnvMatch] {
        var results = [VercelEnvMatch](repeating: .missing, count: desired.count)
        // Grouped once (filtering the whole listing per key made 10,000 variables quadratic),
        // by position (a variable is copied only into the match that claims it), and chained
        // rather than in an array per key: nearly every key has one declared and one listed
        // variable, and 20,000 one-element arrays were a third of the matching's time.
        var groups: [String: KeyGroup] = Dictionary(minimumCapacity: desired.count)
        var declaredChain = PositionChain(count: desired.count)
        for index in desired.indices {
            declaredChain.append(index, to: &groups[desired[index].key, default: KeyGroup()].declared)
        }
        var listedChain = PositionChain(count: remote.count)
        for index in remote.indices where !remote[index].isScopedBeyondTargets {
            // A key nobody declares is the reconciler's (unmanaged or pruned), not the matcher's.
            guard let group = groups.index(forKey: remote[index].key) else { continue }
            listedChain.append(index, to: &groups.values[group].listed)
        }
        for group in groups.values {
            if group.declared.isSingle, group.listed.first < 0 || group.listed.isSingle {
                // What the general rules below decide for one declared variable and at most one
                // listed: exact targets or an overlap are both that variable, anything else none.
                let index = group.declared.first
                guard group.listed.first >= 0 else { continue }
                let candidate = remote[group.listed.first]
                if VercelTargets.sameTargets(candidate.targets, desired[index].targets) || candidate.overlaps(desired[index].targets) {
                    results[index] = .found(candidate)
                }
                continue
            }
            var unclaimed = listedChain.positions(from: group.listed)
            // Exact target sets first, so a partial overlap never steals an exact match.
            var open: [Int] = []
            for index in declaredChain.positions(from: group.declared) {
                if let exact = unclaimed.firstIndex(where: { VercelTargets.sameTargets(remote[$0].targets, desired[index].targets) }) {
                    results[index] = .found(remote[unclaimed.remove(at: exact)])
                } else {
                    open.append(index)
                }
            }
            for index in open {
                let overlapping = unclaimed.filter { remote[$0].overlaps(desired[index].targets) }
                switch overlapping.count {
                case 0:
                    results[index] = .missing
                case 1:
                    let candidate = remote[overlapping[0]]
                    let sharers = open.filter { candidate.overlaps(desired[$0].targets) }
                    results[index] = sharers.count == 1
                        ? .found(candidate)
                        : .shared(candidate, withNames: sharers.map { desired[$0].name })
                default:
                    results[index] = .split(overlapping.map { remote[$0] })
                }
            }
        }
        return results
    }

    /// One key's declared and listed variables, as the ends of their chains.
    private struct KeyGroup {
        var declared = PositionChain.Ends()
        var listed = PositionChain.Ends()
    }

    /// Positions linked in order, each to the next with the same key.
    private struct PositionChain {
        struct Ends {
            /// -1 while the chain is empty.
            var first = -1
            var last = -1
            var isSingle: Bool { first >= 0 && first == last }
        }

        private var next: [Int]

        init(count: Int) {
            next = [Int](repeating: -1, count: count)
        }

        mutating func append(_ position: Int, to ends: inout Ends) {
            if ends.first < 0 { ends.first = position } else { next[ends.last] = position }
            ends.last = position
        }

        func positions(from ends: Ends) -> [Int] {
            var positions: [Int] = []
            var position = ends.first
            while position >= 0 {
                positions.append(position)
                position = next[position]
            }
            return positions
        }
    }
}
