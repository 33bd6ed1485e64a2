/// Reads the keys of one YAML mapping. It remembers every key it is asked for, so that the
/// keys nobody asked for can be reported as unknown, with the asked-for ones as suggestions.
final class MappingReader {
    let value: ConfigValue
    private let pairs: [YAMLPair]
    private var knownKeys: [String] = []
    private var acceptsAnyKey = false

    init(value: ConfigValue, pairs: [YAMLPair]) {
        self.value = value
        self.pairs = pairs
    }

    var path: ConfigPath { value.path }
    var location: SourceLocation { value.location }

    /// The value under `key`, or nil when the key is absent or has no value.
    subscript(key: String) -> ConfigValue? {
        guard let pair = pair(for: key) else { return nil }
        let value = child(pair.value, key)
        return value.isNull ? nil : value
    }

    /// Like the subscript, but a null value is returned rather than treated as absent.
    func raw(_ key: String) -> (key: ConfigValue, value: ConfigValue)? {
        guard let pair = pair(for: key) else { return nil }
        return (child(pair.key, key), child(pair.value, key))
    }

    /// The value under a key every entry must have; reports it when absent or empty.
    func required(_ key: String, hint: String? = nil) -> ConfigValue? {
        guard let pair = pair(for: key) else {
            value.error("\(describedEntry) is missing the required key '\(key)'", hint: hint ?? "add '\(key):' to it")
            return nil
        }
        let child = child(pair.value, key)
        guard !child.isNull else {
            value.report.error("\(child.path) needs a value", at: pair.key.mark, hint: hint ?? "write a value after '\(key):'")
            return nil
        }
        return child
    }

    /// Every pair, for mappings whose keys are names chosen by the user (roles, rule patterns).
    var entries: [(key: ConfigValue, value: ConfigValue)] {
        acceptsAnyKey = true
        return pairs.map { pair in
            let name = pair.key.scalar?.text ?? ""
            return (child(pair.key, name), child(pair.value, name))
        }
    }

    func reportUnknownKeys() {
        guard !acceptsAnyKey else { return }
        for pair in pairs {
            let key = pair.key.scalar?.text ?? pair.key.description
            guard !knownKeys.contains(key) else { continue }
            let hint = closestMatch(to: key, in: knownKeys).map { "did you mean '\($0)'?" }
                ?? "allowed keys here: \(knownKeys.joined(separator: ", "))"
            let place = path.isRoot ? "at the top level" : "in \(path)"
            value.report.error("unknown key '\(key)' \(place)", at: pair.key.mark, hint: hint)
        }
    }

    private var describedEntry: String {
        path.isRoot ? "the file" : "\(path)"
    }

    private func pair(for key: String) -> YAMLPair? {
        if !knownKeys.contains(key) { knownKeys.append(key) }
        return pairs.first { $0.key.scalar?.text == key }
    }

    private func child(_ node: YAMLNode, _ key: String) -> ConfigValue {
        ConfigValue(node: node, path: path.appending(key), report: value.report)
    }
}
