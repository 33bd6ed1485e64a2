import OpsCore

/// Target names in the order Vercel's dashboard shows them, for stable snapshots and IDs.
enum VercelTargets {
    static let order = VercelTarget.allCases.map(\.rawValue)

    /// Deduplicated, known targets first in `order`, unknown ones after them sorted.
    static func normalized(_ targets: [String]) -> [String] {
        // Listings and files nearly always name known targets in this order already; seeing
        // that costs a few comparisons, where building the sets cost more than decoding the
        // variable (docs/performance.md).
        if isNormalized(targets) { return targets }
        let unique = Set(targets)
        return order.filter(unique.contains) + unique.subtracting(order).sorted()
    }

    /// Known targets only, each after the one before it in `order`: what `normalized` returns
    /// unchanged.
    private static func isNormalized(_ targets: [String]) -> Bool {
        var previous = -1
        for target in targets {
            guard let position = order.firstIndex(of: target), position > previous else { return false }
            previous = position
        }
        return true
    }

    /// Whether two lists name the same targets; lists already normalised compare as they are.
    static func sameTargets(_ some: [String], _ other: [String]) -> Bool {
        some == other || Set(some) == Set(other)
    }

    static func json(_ targets: [String]) -> JSONValue {
        .array(targets.map(JSONValue.string))
    }

    static func describe(_ targets: [String]) -> String {
        targets.isEmpty ? "no target" : targets.joined(separator: ", ")
    }
}
