import Glibc

/// Where each check or change stands in a plan: by scope, in `ServiceScope.allCases` order, then
/// by ID as Swift orders strings, stably.
///
/// The IDs are copied once into one buffer and compared there. Compared as `String`s, a
/// 10,000-table Supabase plan's 40,000 checks (which its connector emits table by table, not in
/// ID order) took about 600,000 comparisons at 155 instructions each, 3% of the plan's
/// instructions (docs/performance.md). An ID made of ASCII is ordered by its bytes, which is
/// Swift's order for such strings; a pair where either ID is not ASCII is compared as strings,
/// so canonically equivalent spellings order as `<` orders them.
struct PlanOrder {
    private struct Entry {
        var scopeRank: Int
        var start: Int
        var count: Int
        var isASCII: Bool
    }

    /// Made once: `allCases` builds its array at each reading.
    private static let scopes = ServiceScope.allCases

    private var bytes: [UInt8] = []
    private var entries: [Entry] = []

    init(capacity: Int) {
        entries.reserveCapacity(capacity)
        bytes.reserveCapacity(capacity * 40)
    }

    /// The next element's key.
    mutating func append(scope: ServiceScope, id: String) {
        let scopeRank = Self.scopes.firstIndex(of: scope) ?? .max
        let start = bytes.count
        var id = id
        let isASCII = id.withUTF8 { utf8 in
            bytes.append(contentsOf: utf8)
            return utf8.allSatisfy { $0 < 0x80 }
        }
        entries.append(Entry(scopeRank: scopeRank, start: start, count: bytes.count - start, isASCII: isASCII))
    }

    /// For each position of the ordered plan, where the element that belongs there is now.
    func sources() -> [Int] {
        bytes.withUnsafeBufferPointer { buffer in
            // No buffer: no ID has a byte, so only the scopes order them.
            guard let base = buffer.baseAddress else { return entries.indices.sorted { entries[$0].scopeRank < entries[$1].scopeRank } }
            return entries.withUnsafeBufferPointer { entries in
                entries.indices.sorted { Self.precedes(entries[$0], entries[$1], in: base) }
            }
        }
    }

    private static func precedes(_ lhs: Entry, _ rhs: Entry, in base: UnsafePointer<UInt8>) -> Bool {
        if lhs.scopeRank != rhs.scopeRank { return lhs.scopeRank < rhs.scopeRank }
        guard lhs.isASCII, rhs.isASCII else { return string(lhs, in: base) < string(rhs, in: base) }
        let order = memcmp(base + lhs.start, base + rhs.start, min(lhs.count, rhs.count))
        return order != 0 ? order < 0 : lhs.count < rhs.count
    }

    private static func string(_ entry: Entry, in base: UnsafePointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(start: base + entry.start, count: entry.count), as: UTF8.self)
    }

    /// Puts `elements` (one for each key, in the order they were appended) in order, in place.
    /// Positions are sorted against the keys (sorting the checks themselves copied two of them
    /// for every comparison, 8% of a 2,000-table plan's instructions), then each cycle of that
    /// permutation is followed, moving each element once, so no second array of the elements
    /// exists and no element is copied (docs/performance.md).
    func apply<Element>(to elements: inout [Element]) {
        precondition(elements.count == entries.count, "one key for each element")
        // source[position]: where the element that belongs at `position` is now.
        var source = sources()
        elements.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // Moved, not assigned: an assignment (or a swap) retains and releases every
            // reference a check holds. Nothing between the first move and the last
            // initialisation can fail, so no element is left uninitialised.
            for start in source.indices where source[start] != start {
                let first = (base + start).move()
                var position = start
                while source[position] != start {
                    let next = source[position]
                    (base + position).moveInitialize(from: base + next, count: 1)
                    source[position] = position
                    position = next
                }
                (base + position).initialize(to: first)
                source[position] = position
            }
        }
    }
}
