/// A command line that cannot be run as written. Rendered as one sentence plus a hint, and
/// always exit status 64 (EX_USAGE).
struct UsageError: Error, Sendable, Hashable {
    enum Reason: Sendable, Hashable {
        case unknownCommand(String)
        case unknownOption(String)
        /// A command's option written before the command name, where only global options go.
        case optionBeforeCommand(String, command: String)
        case missingValue(option: String, placeholder: String)
        case unexpectedValue(option: String, value: String)
        case invalidValue(option: String, value: String, reason: String)
        case unexpectedArgument(String)
        case missingArgument(String)
        case repeatedOption(String)
        case conflictingOptions(String, String)
    }

    var reason: Reason
    /// The command whose help the hint points at; nil before a command is known.
    var command: String?
    /// Index of the offending argument (0 = first after the program name), when one is to blame.
    var argumentIndex: Int?
    /// A "did you mean" candidate found by edit distance.
    var suggestion: String?

    init(_ reason: Reason, command: String? = nil, argumentIndex: Int? = nil, suggestion: String? = nil) {
        self.reason = reason
        self.command = command
        self.argumentIndex = argumentIndex
        self.suggestion = suggestion
    }

    var message: String {
        switch reason {
        case .unknownCommand(let name):
            "unknown command '\(name)'"
        case .unknownOption(let option):
            command.map { "unknown option '\(option)' for '\($0)'" } ?? "unknown option '\(option)'"
        case .optionBeforeCommand(let option, let command):
            "option '\(option)' belongs to '\(command)' and must follow the command name"
        case .missingValue(let option, let placeholder):
            "option '\(option)' needs a value (\(placeholder))"
        case .unexpectedValue(let option, let value):
            "option '\(option)' does not take a value, but was given '\(value)'"
        case .invalidValue(let option, let value, let reason):
            "invalid value '\(value)' for '\(option)': \(reason)"
        case .unexpectedArgument(let argument):
            command.map { "unexpected argument '\(argument)' for '\($0)'" } ?? "unexpected argument '\(argument)'"
        case .missingArgument(let name):
            "missing argument <\(name)>"
        case .repeatedOption(let option):
            "option '\(option)' was given more than once"
        case .conflictingOptions(let first, let second):
            "options '\(first)' and '\(second)' cannot be used together"
        }
    }

    /// The suggestion if there is one, then where to read more.
    var hint: String {
        let seeHelp = command.map { "See 'opsctl help \($0)'." } ?? "See 'opsctl help'."
        if let suggestion { return "did you mean '\(suggestion)'? \(seeHelp)" }
        if case .optionBeforeCommand(let option, let command) = reason {
            return "write 'opsctl \(command) \(option)'. \(seeHelp)"
        }
        return seeHelp
    }
}
