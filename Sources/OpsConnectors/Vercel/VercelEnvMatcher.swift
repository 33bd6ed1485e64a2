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
        let byKey = Dictionary(grouping: desired.indices, by: { desired[$0].key })
        // Grouped once (filtering the whole listing per key made 10,000 variables quadratic),
        // and by position: a variable is copied only into the match that claims it, not into
        // every grouping on the way (each copy retains its seven strings and arrays).
        var remoteByKey: [String: [Int]] = [:]
        remoteByKey.reserveCapacity(remote.count)
        for index in remote.indices where !remote[index].isScopedBeyondTargets {
            remoteByKey[remote[index].key, default: []].append(index)
        }
        for (key, indices) in byKey {
            var unclaimed = remoteByKey[key] ?? []
            // Exact target sets first, so a partial overlap never steals an exact match.
            var open: [Int] = []
            for index in indices {
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
}
