import OpsCore

/// Target names in the order Vercel's dashboard shows them, for stable snapshots and IDs.
enum VercelTargets {
    static let order = VercelTarget.allCases.map(\.rawValue)

    /// Deduplicated, known targets first in `order`, unknown ones after them sorted.
    static func normalized(_ targets: [String]) -> [String] {
        let unique = Set(targets)
        return order.filter(unique.contains) + unique.subtracting(order).sorted()
    }

    static func json(_ targets: [String]) -> JSONValue {
        .array(targets.map(JSONValue.string))
    }

    static func describe(_ targets: [String]) -> String {
        targets.isEmpty ? "no target" : targets.joined(separator: ", ")
    }
}
