/// One YAML node being decoded, together with its place in the file and the report that
/// collects its problems. Every typed read reports a mismatch itself and returns nil.
struct ConfigValue {
    let node: YAMLNode
    /// The path of the collection holding this value, and the key or index under which it holds
    /// it: `path` is put together only when asked for (a message, or a child's path), so the many
    /// values that decode cleanly cost no path of their own.
    private let parentPath: ConfigPath
    private let component: ConfigPath.Component?
    let report: ConfigReport

    init(node: YAMLNode, path: ConfigPath, report: ConfigReport) {
        self.init(node: node, parentPath: path, component: nil, report: report)
    }

    /// The value under `component` of the collection at `parentPath`.
    init(node: YAMLNode, parentPath: ConfigPath, component: ConfigPath.Component?, report: ConfigReport) {
        self.node = node
        self.parentPath = parentPath
        self.component = component
        self.report = report
    }

    /// What the scalar stands for; resolved on each call (a value is usually read once), so
    /// that a value carries no string of its own while it is passed around.
    var resolved: ResolvedScalar? { node.resolved }

    /// The same value, with its problems reported to `report` (and its node reached through
    /// another handle on the same node, when given).
    func reporting(to report: ConfigReport, through node: YAMLNode? = nil) -> ConfigValue {
        ConfigValue(node: node ?? self.node, parentPath: parentPath, component: component, report: report)
    }

    var path: ConfigPath {
        guard let component else { return parentPath }
        return parentPath.appending(component)
    }

    var mark: Mark { node.mark }
    var location: SourceLocation { report.location(node.mark) }
    var isNull: Bool { node.isNull }

    /// The scalar's text as written, whatever it resolves to.
    var text: String? { node.scalarText }

    /// How many entries this list has; 0 for anything else.
    var itemCount: Int { node.isSequence ? node.count : 0 }

    /// Where this value stands in its list, when it is a list's entry.
    var listPosition: Int? {
        if case .index(let position)? = component { return position }
        return nil
    }

    /// This list's entry at `position`, as `list` hands it to its decoder.
    func item(_ position: Int) -> ConfigValue? {
        guard node.isSequence, position >= 0, position < node.count else { return nil }
        return ConfigValue(node: node.item(position), parentPath: path, component: .index(position), report: report)
    }

    /// The value under `key` of this mapping, read for a message about it: unlike a
    /// `MappingReader`'s look-ups it records nothing, so a mapping decoded before is not
    /// reported again.
    func peek(_ key: String) -> ConfigValue? {
        guard node.isMapping, let position = node.pairPosition(ofKey: key, from: 0) else { return nil }
        return ConfigValue(node: node.value(position), parentPath: path, component: .key(key), report: report)
    }

    /// Whether this is a list with no entries (`[]`).
    var isEmptyList: Bool { node.isSequence && node.count == 0 }

    func error(_ message: String, hint: String, notes: [Diagnostic.Note] = [], quotingSource: Bool = true) {
        report.error(message, at: node.mark, hint: hint, notes: notes, quotingSource: quotingSource)
    }

    func warning(_ message: String, hint: String) {
        report.warning(message, at: node.mark, hint: hint)
    }

    func typeMismatch(expected: String, hint: String? = nil) {
        error("expected \(expected) for \(path), found \(node.kindDescription)", hint: hint ?? "write \(expected) here")
    }

    // MARK: Scalars

    /// A string. Numbers are accepted as the digits written, so `color: 000000` stays `000000`;
    /// booleans and null are not, because `name: yes` and `name: true` differ in YAML 1.2.
    func string() -> String? {
        guard node.isScalar else {
            typeMismatch(expected: "a string")
            return nil
        }
        let resolved = self.resolved
        switch resolved {
        case .string(let text)?: return text
        case .int?, .float?: return node.scalarText
        case .bool?:
            typeMismatch(expected: "a string", hint: "put quotes around \(node.scalarText ?? "") to use it as text")
            return nil
        case .null?, nil:
            typeMismatch(expected: "a string")
            return nil
        }
    }

    /// A string that must not be empty or only white space.
    func nonEmptyString() -> String? {
        guard let text = string() else { return nil }
        if text.isBlank {
            error("\(path) must not be empty", hint: "write a value, or remove the key")
            return nil
        }
        return text
    }

    func bool() -> Bool? {
        let resolved = self.resolved
        if case .bool(let value)? = resolved { return value }
        var hint: String?
        if case .string(let text)? = resolved {
            switch text.lowercased() {
            case "true", "false":
                hint = "remove the quotes: a quoted \"\(text)\" is text, not a boolean"
            case "yes", "no", "on", "off", "y", "n":
                hint = "write true or false; YAML 1.2 reads '\(text)' as text"
            default:
                hint = "write true or false"
            }
        }
        typeMismatch(expected: "a boolean", hint: hint ?? "write true or false")
        return nil
    }

    func int() -> Int? {
        let resolved = self.resolved
        if case .int(let value)? = resolved { return value }
        var hint: String?
        if case .string(let text)? = resolved, ScalarResolver.int(text) != nil {
            hint = "remove the quotes around \(text)"
        } else if case .float? = resolved {
            hint = "write a whole number"
        }
        typeMismatch(expected: "an integer", hint: hint ?? "write a whole number such as 3")
        return nil
    }

    func int(in range: ClosedRange<Int>) -> Int? {
        guard let value = int() else { return nil }
        guard range.contains(value) else {
            if value < 0, range.lowerBound >= 0 {
                error("\(path) must not be negative, found \(value)", hint: "use a number from \(range.lowerBound) up")
            } else if range.upperBound == Int.max {
                error("\(path) must be at least \(range.lowerBound), found \(value)", hint: "use \(range.lowerBound) or more")
            } else {
                error("\(path) must be between \(range.lowerBound) and \(range.upperBound), found \(value)",
                      hint: "use a number from \(range.lowerBound) to \(range.upperBound)")
            }
            return nil
        }
        return value
    }

    /// One of an enumeration's raw values, spelled exactly; a near miss gets a suggestion.
    func oneOf<Choice: ConfigChoice>(_: Choice.Type) -> Choice? {
        if let choice = node.spelledChoice(Choice.self) { return choice }
        guard let text = string() else { return nil }
        if let choice = Choice(rawValue: text) { return choice }
        let names = Choice.allCases.map(\.rawValue)
        let hint = closestMatch(to: text, in: names).map { "did you mean '\($0)'?" }
        error(
            "expected one of \(names.joined(separator: ", ")) for \(path), found '\(text)'",
            hint: hint ?? "use one of: \(names.joined(separator: ", "))"
        )
        return nil
    }

    // MARK: Collections

    /// The entries of a list, each decoded by `decodeEntry`. An entry whose decoding reported
    /// an error is left out, so the model only ever holds entries that are fully valid.
    /// A missing value (`key:` with nothing after it) is an empty list.
    func list<Entry>(_ decodeEntry: (ConfigValue) -> Entry?) -> [Entry]? {
        if isNull { return [] }
        guard node.isSequence else {
            let hint = node.scalarText.map { "write it as a list: [\($0)]" }
            typeMismatch(expected: "a list", hint: hint ?? "write the entries one per line, each starting with '- '")
            return nil
        }
        var entries: [Entry] = []
        let count = node.count
        entries.reserveCapacity(count)
        let listPath = path
        for index in 0..<count {
            let errorsBefore = report.errorCount
            let value = ConfigValue(node: node.item(index), parentPath: listPath, component: .index(index), report: report)
            if let entry = decodeEntry(value), report.errorCount == errorsBefore {
                entries.append(entry)
            }
        }
        return entries
    }

    func stringList() -> [String]? {
        list { $0.nonEmptyString() }
    }

    /// Decodes a mapping through a reader that remembers which keys the decoder asked for;
    /// whatever else the mapping holds is reported as unknown afterwards. A missing value
    /// (`key:` with nothing after it) is an empty mapping.
    func mapping<Model>(_ decode: (MappingReader) -> Model?) -> Model? {
        guard isNull || node.isMapping else {
            typeMismatch(expected: "a mapping", hint: node.isSequence
                ? "write 'key: value' pairs instead of list entries starting with '- '"
                : "write 'key: value' pairs indented under it")
            return nil
        }
        let reader = MappingReader(value: self, pairs: isNull ? 0 : node.count)
        let model = decode(reader)
        reader.reportUnknownKeys()
        return model
    }
}

/// A closed set of words a configuration value may take.
protocol ConfigChoice: RawRepresentable<String>, CaseIterable {}

extension String {
    /// Empty or only white space. Most values start with a visible ASCII character, which settles it at once.
    var isBlank: Bool {
        if let first = utf8.first, first > 0x20, first < 0x80 { return false }
        return allSatisfy(\.isWhitespace)
    }
}
