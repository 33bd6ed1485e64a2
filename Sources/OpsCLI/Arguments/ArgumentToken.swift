/// One command-line argument, classified by its spelling alone. Whether `-f` takes a value or
/// `validate` is a command is decided later, by `OptionScanner` and `CommandLineParser`.
struct ArgumentToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// `--name` or `--name=value` (the value may be empty: `--name=`).
        case longOption(name: String, attachedValue: String?)
        /// `-q`, `-qv`, `-fVALUE` (letters after the dash, meaning decided by the scanner), or
        /// `-f=VALUE` (one letter with an attached value).
        case shortOptions(letters: [Character], attachedValue: String?)
        /// Anything else: a command name, a positional argument, or an option's value.
        case value(String)
        /// `--`: everything after it is a value, even when it starts with a dash.
        case terminator
    }

    var kind: Kind
    /// Position in the argument list, 0 being the first argument after the program name, so
    /// that errors can say which argument they are about.
    var index: Int
    /// The argument exactly as given.
    var text: String

    init(_ kind: Kind, index: Int, text: String) {
        self.kind = kind
        self.index = index
        self.text = text
    }

    var isTerminator: Bool { kind == .terminator }

    var valueText: String? {
        if case .value(let text) = kind { return text }
        return nil
    }
}
