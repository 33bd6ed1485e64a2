import OpsCore

/// The options every command accepts, before or after the command name (README.md, "The loop").
struct GlobalOptions: Sendable, Hashable {
    enum Verbosity: Sendable, Hashable {
        case quiet, normal, verbose
    }

    static let defaultReceiptsPath = ".opsctl/receipts.jsonl"

    var desiredStatePath = ConfigLoader.defaultDesiredStatePath
    var policyPath = ConfigLoader.defaultPolicyPath
    /// `--receipts`, a file path or a PostgreSQL address; nil when not given, which leaves the
    /// choice to OPSCTL_RECEIPTS_URL, else the default file (`ReceiptStoreChoice`).
    var receiptsPath: String?
    var colourDisabled = false
    var verbosity = Verbosity.normal

    enum Flags {
        static let desiredState = FlagSpec(
            long: "desired-state", short: "f", kind: .value(placeholder: "FILE"),
            summary: "Desired state to read (default: \(ConfigLoader.defaultDesiredStatePath))"
        )
        static let policy = FlagSpec(
            long: "policy", short: "p", kind: .value(placeholder: "FILE"),
            summary: "Change policy to read (default: \(ConfigLoader.defaultPolicyPath))"
        )
        static let receipts = FlagSpec(
            long: "receipts", kind: .value(placeholder: "PATH|URL"),
            summary: "Receipt log: a file, or postgres://… (default: OPSCTL_RECEIPTS_URL, else \(GlobalOptions.defaultReceiptsPath))"
        )
        static let noColor = FlagSpec(long: "no-color", summary: "Never colour the output (so does NO_COLOR=1)")
        static let quiet = FlagSpec(long: "quiet", short: "q", summary: "Print errors only")
        static let verbose = FlagSpec(long: "verbose", short: "v", summary: "Print more detail")
        static let help = FlagSpec(long: "help", short: "h", summary: "Show help and exit")
        static let version = FlagSpec(long: "version", summary: "Print the version and exit")

        /// In the order help lists them.
        static let all = [desiredState, policy, receipts, noColor, quiet, verbose, help, version]
    }

    static func parse(_ arguments: ScannedArguments, command: String?) -> ParseResult<GlobalOptions> {
        var options = GlobalOptions()
        var problems: [UsageError] = []

        func path(_ flag: FlagSpec) -> String? {
            guard let option = arguments.singleOccurrence(of: flag, command: command, problems: &problems),
                let value = option.value
            else { return nil }
            if value.isEmpty {
                problems.append(UsageError(
                    .invalidValue(option: option.spelling, value: value, reason: "a path must not be empty"),
                    command: command,
                    argumentIndex: option.index
                ))
                return nil
            }
            return value
        }

        options.desiredStatePath = path(Flags.desiredState) ?? options.desiredStatePath
        options.policyPath = path(Flags.policy) ?? options.policyPath
        options.receiptsPath = path(Flags.receipts)
        options.colourDisabled = arguments.contains(Flags.noColor)

        let quiet = arguments.occurrences(of: Flags.quiet).first
        let verbose = arguments.occurrences(of: Flags.verbose).first
        if let quiet, let verbose {
            let later = max(quiet.index, verbose.index)
            problems.append(UsageError(.conflictingOptions(quiet.spelling, verbose.spelling), command: command, argumentIndex: later))
        } else if quiet != nil {
            options.verbosity = .quiet
        } else if verbose != nil {
            options.verbosity = .verbose
        }
        return ParseResult(options, problems: problems)
    }
}
