/// A positional argument as help shows it and the generic layer checks it.
struct PositionalSpec: Sendable, Hashable {
    var name: String
    var isRequired: Bool
    var summary: String
    /// Takes every further value too (`approve --request ID…`); only the last may.
    var isVariadic = false

    /// `<changeId>` when required, `[command]` when optional.
    var usageLabel: String { isRequired ? "<\(name)>" : "[\(name)]" }
}

/// What a command's `parse` receives: the scanned command line, the global options already
/// parsed from it, and the command table (help needs it to name other commands).
struct CommandInput: Sendable {
    var arguments: ScannedArguments
    var globals: GlobalOptions
    var registry: CommandRegistry
}

/// A command whose arguments parsed: ready to run.
struct BoundCommand: Sendable {
    var name: String
    /// Whether it may hash, sign, verify or draw random bytes: libcrypto is opened only for
    /// such commands, and checked before they run (`OpsctlEntrypoint`).
    var needsLibcrypto = true
    /// Whether its work runs on the concurrency runtime's threads (`@concurrent`): `main` then
    /// runs it in a detached task that ends the process, and the main thread waits
    /// (`OpsctlEntrypoint`).
    var worksOffTheMainThread = false
    var execute: @Sendable (CommandContext) async -> CommandOutcome
}

/// One entry of the command table: everything help, the parser and the runner need to know
/// about a command. A new command is one new descriptor in `CommandRegistry.standard`.
struct CommandDescriptor: Sendable {
    var name: String
    /// One line, no full stop, for the command list.
    var summary: String
    /// The usage line after `opsctl `, e.g. `validate [-f FILE] [-p FILE] [--json]`.
    var usage: String
    /// Paragraphs shown by `opsctl help <name>` below the summary.
    var discussion: String
    /// Options of this command only.
    var flags: [FlagSpec]
    /// Global options that matter to this command, listed with its own options in help.
    var featuredGlobalFlags: [FlagSpec]
    var positionals: [PositionalSpec]
    /// False for the few commands that never hash (`version`, `help`, `validate`), which then
    /// never open libcrypto.
    var needsLibcrypto: Bool
    /// True for the commands whose `run` is `@concurrent` (`plan`, `apply`).
    var worksOffTheMainThread: Bool
    private var bindArguments: @Sendable (CommandInput) -> Result<BoundCommand, UsageError>

    /// Pairs a parse function (arguments into a typed value, no I/O) with a run function for
    /// that value, hiding the value's type so that every descriptor fits in one table.
    init<Arguments: Sendable>(
        name: String,
        summary: String,
        usage: String,
        discussion: String = "",
        flags: [FlagSpec] = [],
        featuredGlobalFlags: [FlagSpec] = [],
        positionals: [PositionalSpec] = [],
        needsLibcrypto: Bool = true,
        worksOffTheMainThread: Bool = false,
        parse: @escaping @Sendable (CommandInput) -> ParseResult<Arguments>,
        run: @escaping @Sendable (Arguments, CommandContext) async -> CommandOutcome
    ) {
        self.name = name
        self.summary = summary
        self.usage = usage
        self.discussion = discussion
        self.flags = flags
        self.featuredGlobalFlags = featuredGlobalFlags
        self.positionals = positionals
        self.needsLibcrypto = needsLibcrypto
        self.worksOffTheMainThread = worksOffTheMainThread
        self.bindArguments = { input in
            parse(input).result.map { arguments in
                BoundCommand(name: name, needsLibcrypto: needsLibcrypto, worksOffTheMainThread: worksOffTheMainThread) { context in
                    await run(arguments, context)
                }
            }
        }
    }

    /// Checks the number of positional arguments, then lets the command parse the rest.
    func bind(_ input: CommandInput) -> Result<BoundCommand, UsageError> {
        let given = input.arguments.positionals
        if given.count > positionals.count, positionals.last?.isVariadic != true {
            let extra = given[positionals.count]
            return .failure(UsageError(.unexpectedArgument(extra.value), command: name, argumentIndex: extra.index))
        }
        if let missing = positionals.dropFirst(given.count).first(where: \.isRequired) {
            return .failure(UsageError(.missingArgument(missing.name), command: name))
        }
        return bindArguments(input)
    }
}
