/// The name a variable's check and change go by (`vercel.env.<name>`): its key, or
/// `KEY.production+preview` when the key appears more than once (once per set of targets), so
/// that every ID stays unique and the same drift keeps the same ID. Declared variables and the
/// undeclared ones `prune` removes are named alike.
enum VercelEnvName {
    /// How many times each key appears: counted, not grouped (grouping copied every variable
    /// into an array per key).
    static func counts(of keys: some Sequence<String>, expecting count: Int = 0) -> [String: Int] {
        var counts: [String: Int] = [:]
        counts.reserveCapacity(count)
        for key in keys { counts[key, default: 0] += 1 }
        return counts
    }

    /// `targets`: the variable's targets, normalised (`VercelTargets.normalized`).
    static func name(key: String, targets: [String], counts: [String: Int]) -> String {
        (counts[key] ?? 0) > 1 ? "\(key).\(targets.joined(separator: "+"))" : key
    }
}
