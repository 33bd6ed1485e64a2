/// A command line resolved to the command to run and the global options it was given.
struct ParsedCommandLine: Sendable {
    var command: BoundCommand
    var globals: GlobalOptions
}

/// Turns the argument list into a bound command, or a usage error. No I/O.
///
/// Order of decisions:
/// 1. Global options are scanned up to the first positional argument, the command name.
/// 2. `-h/--help` anywhere (before `--`) shows help for the named command, or general help;
///    `--version` anywhere prints the version. Both win over any other mistake on the line,
///    except an unknown command name, which is reported so the user learns the right one.
/// 3. No command name: general help (`opsctl` alone prints help and succeeds).
/// 4. The rest is scanned with global plus command options, so global options may also
///    follow the command; then the command parses its own value.
struct CommandLineParser: Sendable {
    var registry: CommandRegistry

    func parse(_ arguments: [String]) -> Result<ParsedCommandLine, UsageError> {
        let tokens = Tokenizer.split(arguments)
        let wantsHelp = Self.mentions(GlobalOptions.Flags.help, in: tokens)
        let wantsVersion = Self.mentions(GlobalOptions.Flags.version, in: tokens)

        let leadingScan: OptionScanner.Scan
        switch OptionScanner(flags: GlobalOptions.Flags.all).scan(tokens[...], stopAtFirstPositional: true) {
        case .success(let scan):
            leadingScan = scan
        case .failure(let error):
            if wantsHelp { return .success(help(topic: nil)) }
            if wantsVersion { return .success(version()) }
            return .failure(explainedBeforeCommand(error))
        }

        guard let commandToken = leadingScan.remainder.first, let name = commandToken.valueText else {
            if wantsVersion && !wantsHelp { return .success(version()) }
            return .success(help(topic: nil))
        }
        guard let descriptor = registry.command(named: name) else {
            return .failure(UsageError(.unknownCommand(name), argumentIndex: commandToken.index, suggestion: registry.suggestion(for: name)))
        }
        if wantsHelp { return .success(help(topic: descriptor)) }
        if wantsVersion { return .success(version()) }

        let commandScanner = OptionScanner(flags: GlobalOptions.Flags.all + descriptor.flags, command: name)
        let arguments: ScannedArguments
        switch commandScanner.scan(leadingScan.remainder.dropFirst()) {
        case .success(let scan): arguments = leadingScan.arguments.appending(scan.arguments)
        case .failure(let error): return .failure(error)
        }
        // Help and version may also hide inside a group of short options (`-qh`).
        if arguments.contains(GlobalOptions.Flags.help) { return .success(help(topic: descriptor)) }
        if arguments.contains(GlobalOptions.Flags.version) { return .success(version()) }

        let globals: GlobalOptions
        switch GlobalOptions.parse(arguments, command: name).result {
        case .success(let parsed): globals = parsed
        case .failure(let error): return .failure(error)
        }
        let input = CommandInput(arguments: arguments, globals: globals, registry: registry)
        return descriptor.bind(input).map { ParsedCommandLine(command: $0, globals: globals) }
    }

    /// Whether the user asked for no colour, read from the spelling alone: usage errors must
    /// honour `--no-color` even when the rest of the line does not parse.
    static func requestsNoColour(_ arguments: [String]) -> Bool {
        mentions(GlobalOptions.Flags.noColor, in: Tokenizer.split(arguments))
    }

    /// Whether `flag` is written on its own (`--help`, `-h`) before any `--`.
    private static func mentions(_ flag: FlagSpec, in tokens: [ArgumentToken]) -> Bool {
        for token in tokens {
            switch token.kind {
            case .terminator:
                return false
            case .longOption(let name, nil) where name == flag.long:
                return true
            case .shortOptions(let letters, nil) where letters.count == 1 && letters.first == flag.short:
                return true
            default:
                continue
            }
        }
        return false
    }

    /// Before the command name only global options are known; an option of a command there
    /// gets a hint to move it, rather than a bare "unknown option".
    private func explainedBeforeCommand(_ error: UsageError) -> UsageError {
        guard case .unknownOption(let option) = error.reason, let owner = registry.command(owningOption: option) else {
            return error
        }
        return UsageError(.optionBeforeCommand(option, command: owner.name), command: owner.name, argumentIndex: error.argumentIndex)
    }

    private func help(topic: CommandDescriptor?) -> ParsedCommandLine {
        ParsedCommandLine(command: HelpCommand.bound(topic: topic), globals: GlobalOptions())
    }

    private func version() -> ParsedCommandLine {
        ParsedCommandLine(command: VersionCommand.bound(), globals: GlobalOptions())
    }
}
