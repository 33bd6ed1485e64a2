/// `opsctl help [command]`, `-h/--help` anywhere, and `opsctl` alone: help on standard output.
/// `opsctl help --man` prints the whole manual page (`opsctl.1`) instead.
enum HelpCommand {
    /// The command whose help to show, or nil for the overview.
    struct Arguments: Sendable {
        var topic: CommandDescriptor?
        var manualPage = false
    }

    static let man = FlagSpec(long: "man", summary: "Print the manual page opsctl.1 (troff) built from the same commands")

    static let descriptor = CommandDescriptor(
        name: "help",
        summary: "Show help for opsctl or one of its commands",
        usage: "help [command] [--man]",
        flags: [man],
        positionals: [PositionalSpec(name: "command", isRequired: false, summary: "The command to explain")],
        needsLibcrypto: false,
        parse: parse,
        run: { arguments, context in
            if arguments.manualPage {
                context.standardOutput.write(ManPage.render(context.registry))
                return .success
            }
            return run(topic: arguments.topic, context: context)
        }
    )

    @Sendable static func parse(_ input: CommandInput) -> ParseResult<Arguments> {
        if input.arguments.contains(man) { return ParseResult(Arguments(topic: nil, manualPage: true)) }
        guard let requested = input.arguments.positionals.first else { return ParseResult(Arguments(topic: nil)) }
        guard let topic = input.registry.command(named: requested.value) else {
            let problem = UsageError(
                .unknownCommand(requested.value),
                argumentIndex: requested.index,
                suggestion: input.registry.suggestion(for: requested.value)
            )
            return ParseResult(Arguments(topic: nil), problems: [problem])
        }
        return ParseResult(Arguments(topic: topic))
    }

    /// The command as `--help` binds it, without going through argument parsing.
    static func bound(topic: CommandDescriptor?) -> BoundCommand {
        BoundCommand(name: descriptor.name, needsLibcrypto: descriptor.needsLibcrypto) { context in run(topic: topic, context: context) }
    }

    private static func run(topic: CommandDescriptor?, context: CommandContext) -> CommandOutcome {
        let text = topic.map { HelpFormatter.commandHelp($0) } ?? HelpFormatter.overview(context.registry)
        context.standardOutput.write(text)
        return .success
    }
}
