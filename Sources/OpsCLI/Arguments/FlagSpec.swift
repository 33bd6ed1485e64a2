/// What an option is called and whether it takes a value: enough to scan arguments and to
/// list the option in help.
struct FlagSpec: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case boolean
        /// Takes one value; `placeholder` names it in help and errors (`FILE`, `PATH`).
        case value(placeholder: String)
    }

    /// Without dashes: `desired-state`.
    var long: String
    var short: Character?
    var kind: Kind
    var summary: String

    init(long: String, short: Character? = nil, kind: Kind = .boolean, summary: String) {
        self.long = long
        self.short = short
        self.kind = kind
        self.summary = summary
    }

    var longName: String { "--\(long)" }
    var shortName: String? { short.map { "-\($0)" } }
    var takesValue: Bool { kind != .boolean }

    /// `-f, --desired-state FILE` as shown in help.
    var helpLabel: String {
        var label = shortName.map { "\($0), " } ?? "    "
        label += longName
        if case .value(let placeholder) = kind { label += " \(placeholder)" }
        return label
    }
}
