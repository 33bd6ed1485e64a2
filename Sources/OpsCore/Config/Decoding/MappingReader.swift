/// Reads the keys of one YAML mapping. It remembers every key it is asked for, so that the
/// keys nobody asked for can be reported as unknown, with the asked-for ones as suggestions.
///
/// Its state is unchecked for exclusive access: a reader lives on one thread, inside the one
/// decoding closure it is given, and the run-time checks were a fifth of each key's look-up
/// (docs/performance.md).
final class MappingReader {
    let value: ConfigValue
    /// The pairs of `value`'s node; 0 for a null value, read as an empty mapping.
    private let pairCount: Int
    /// The keys asked for, in the order asked (a key asked twice is listed twice): the first
    /// four in place, the rest in `laterKeys`. Decoders ask a mapping for a handful of keys, and
    /// an array of its own was an allocation for every mapping of a large file; the keys are
    /// read only to report a key nobody asked for.
    @exclusivity(unchecked) private var firstKeys: (String, String, String, String) = ("", "", "", "")
    @exclusivity(unchecked) private var keysAsked = 0
    @exclusivity(unchecked) private var laterKeys: [String] = []
    /// Bit i set: pair i was asked for. Pairs from the 64th on are checked against the keys asked.
    @exclusivity(unchecked) private var askedPairs: UInt64 = 0
    /// Where the last key asked for was found: decoders mostly ask for keys in the order files
    /// write them, so the next key is usually the next pair and a scan from here finds it at once.
    @exclusivity(unchecked) private var cursor = 0
    @exclusivity(unchecked) private var acceptsAnyKey = false

    init(value: ConfigValue, pairs: Int) {
        self.value = value
        pairCount = pairs
    }

    private var mapping: YAMLNode { value.node }

    /// Made once per mapping and shared by the paths of all its values.
    var path: ConfigPath {
        if let madePath { return madePath }
        let path = value.path
        madePath = path
        return path
    }

    @exclusivity(unchecked) private var madePath: ConfigPath?
    var location: SourceLocation { value.location }

    /// The value under `key`, or nil when the key is absent or has no value.
    subscript(key: String) -> ConfigValue? {
        guard let position = position(of: key) else { return nil }
        let value = child(mapping.value(position), key)
        return value.isNull ? nil : value
    }

    /// Like the subscript, but a null value is returned rather than treated as absent.
    func raw(_ key: String) -> (key: ConfigValue, value: ConfigValue)? {
        guard let position = position(of: key) else { return nil }
        return (child(mapping.key(position), key), child(mapping.value(position), key))
    }

    /// The value under a key every entry must have; reports it when absent or empty.
    func required(_ key: String, hint: String? = nil) -> ConfigValue? {
        guard let position = position(of: key) else {
            value.error("\(describedEntry) is missing the required key '\(key)'", hint: hint ?? "add '\(key):' to it")
            return nil
        }
        let child = child(mapping.value(position), key)
        guard !child.isNull else {
            value.report.error("\(child.path) needs a value", at: mapping.key(position).mark, hint: hint ?? "write a value after '\(key):'")
            return nil
        }
        return child
    }

    /// Every pair, for mappings whose keys are names chosen by the user (roles, rule patterns).
    var entries: [(key: ConfigValue, value: ConfigValue)] {
        acceptsAnyKey = true
        return (0..<pairCount).map { position in
            let key = mapping.key(position)
            let name = key.scalarText ?? ""
            return (child(key, name), child(mapping.value(position), name))
        }
    }

    func reportUnknownKeys() {
        guard !acceptsAnyKey else { return }
        if pairCount <= 64, askedPairs == (pairCount == 64 ? UInt64.max : (1 << UInt64(pairCount)) - 1) { return }
        var knownKeys: [String] = []
        for key in keysInOrderAsked where !knownKeys.contains(key) { knownKeys.append(key) }
        for index in 0..<pairCount {
            if index < 64, askedPairs & (1 << UInt64(index)) != 0 { continue }
            let keyNode = mapping.key(index)
            let key = keyNode.scalarText ?? keyNode.description
            guard !knownKeys.contains(key) else { continue }
            let hint = closestMatch(to: key, in: knownKeys).map { "did you mean '\($0)'?" }
                ?? "allowed keys here: \(knownKeys.joined(separator: ", "))"
            let place = path.isRoot ? "at the top level" : "in \(path)"
            value.report.error("unknown key '\(key)' \(place)", at: keyNode.mark, hint: hint)
        }
    }

    private var describedEntry: String {
        path.isRoot ? "the file" : "\(path)"
    }

    private var keysInOrderAsked: [String] {
        let first = [firstKeys.0, firstKeys.1, firstKeys.2, firstKeys.3]
        return Array(first.prefix(min(keysAsked, first.count))) + laterKeys
    }

    private func remember(_ key: String) {
        switch keysAsked {
        case 0: firstKeys.0 = key
        case 1: firstKeys.1 = key
        case 2: firstKeys.2 = key
        case 3: firstKeys.3 = key
        default:
            // Once, at the size the largest decoders ask for: grown from empty it was regrown twice.
            if laterKeys.isEmpty { laterKeys.reserveCapacity(12) }
            laterKeys.append(key)
        }
        keysAsked += 1
    }

    /// Where the pair with `key` is among the mapping's pairs.
    private func position(of key: String) -> Int? {
        remember(key)
        guard pairCount > 0, let index = mapping.pairPosition(ofKey: key, from: cursor) else { return nil }
        if index < 64 { askedPairs |= 1 << UInt64(index) }
        cursor = index + 1
        return index
    }

    private func child(_ node: YAMLNode, _ key: String) -> ConfigValue {
        ConfigValue(node: node, parentPath: path, component: .key(key), report: value.report)
    }
}
