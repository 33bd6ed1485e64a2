import OpsCore

/// Target names in the order Vercel's dashboard shows them, for stable snapshots and IDs.
enum VercelTargets {
    static let order = VercelTarget.allCases.map(\.rawValue)

    /// Every list of known targets in `order`, by the bits of the targets it holds (`bit(of:)`),
    /// made once and shared: the 10,000 variables of a listing or a file name a handful of
    /// target sets, and each kept an array of its own (docs/performance.md).
    private static let known: [[String]] = (0..<(1 << order.count)).map { bits in
        order.indices.filter { bits & 1 << $0 != 0 }.map { order[$0] }
    }

    /// The bit of a known target, or nil for another name.
    static func bit(of target: String) -> Int? {
        order.firstIndex(of: target).map { 1 << $0 }
    }

    /// The shared list of the known targets whose bits `bits` holds, in `order`.
    static func known(_ bits: Int) -> [String] {
        known[bits]
    }

    /// Deduplicated, known targets first in `order`, unknown ones after them sorted.
    static func normalized(_ targets: [String]) -> [String] {
        // Listings and files nearly always name known targets only: their shared list is found
        // from a few comparisons, where building the sets cost more than decoding the variable.
        knownBits(targets).map { known[$0] } ?? withOthers(targets)
    }

    /// The bits of `targets` when each is a known target (repeats allowed), else nil.
    private static func knownBits(_ targets: [String]) -> Int? {
        var bits = 0
        for target in targets {
            guard let bit = bit(of: target) else { return nil }
            bits |= bit
        }
        return bits
    }

    static func normalized(_ targets: [VercelTarget]) -> [String] {
        var bits = 0
        for target in targets { bits |= bit(of: target.rawValue) ?? 0 }
        return known[bits]
    }

    private static func withOthers(_ targets: [String]) -> [String] {
        let unique = Set(targets)
        return order.filter(unique.contains) + unique.subtracting(order).sorted()
    }

    /// Whether two lists name the same targets; lists already normalised compare as they are.
    static func sameTargets(_ some: [String], _ other: [String]) -> Bool {
        some == other || Set(some) == Set(other)
    }

    static func json(_ targets: [String]) -> JSONValue {
        .array(targets.map(JSONValue.string))
    }

    /// The targets as a person reads them, comma-separated. Every check of a Vercel plan names
    /// its variable's targets, nearly always a known list: its text is made once per list and
    /// shared, where joining the names made a string for each variable (docs/performance.md).
    static func describe(_ targets: [String]) -> String {
        guard !targets.isEmpty else { return "no target" }
        // Only a list in `order`, each once, reads as its shared text; any other keeps its own.
        if let bits = knownBits(targets), known[bits] == targets { return knownDescriptions[bits] }
        return targets.joined(separator: ", ")
    }

    /// `describe` of each list in `known`, by the same bits.
    private static let knownDescriptions: [String] = known.map { $0.joined(separator: ", ") }
}
