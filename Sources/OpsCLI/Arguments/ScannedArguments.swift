/// An option recognised on the command line, with its value if it takes one.
struct ResolvedOption: Sendable, Hashable {
    var flag: FlagSpec
    /// How the user wrote it (`-p` or `--policy`), so errors quote the user's own spelling.
    var spelling: String
    var value: String?
    var index: Int
}

/// An argument that is not an option nor an option's value.
struct PositionalArgument: Sendable, Hashable {
    var value: String
    var index: Int
}

/// The arguments of one command line after options were matched against their specs, in the
/// order given. Holding no meaning yet: each command's `parse` turns this into its own value.
struct ScannedArguments: Sendable, Hashable {
    var options: [ResolvedOption] = []
    var positionals: [PositionalArgument] = []

    func occurrences(of flag: FlagSpec) -> [ResolvedOption] {
        options.filter { $0.flag.long == flag.long }
    }

    func contains(_ flag: FlagSpec) -> Bool {
        options.contains { $0.flag.long == flag.long }
    }

    /// The one occurrence of a single-valued option; a second occurrence is a usage error, as
    /// `-f a.yaml -f b.yaml` more likely means a mistake than "the last one wins".
    func singleOccurrence(of flag: FlagSpec, command: String?, problems: inout [UsageError]) -> ResolvedOption? {
        let found = occurrences(of: flag)
        if found.count > 1 {
            problems.append(UsageError(.repeatedOption(flag.longName), command: command, argumentIndex: found[1].index))
        }
        return found.first
    }

    func appending(_ other: ScannedArguments) -> ScannedArguments {
        ScannedArguments(options: options + other.options, positionals: positionals + other.positionals)
    }
}
