import OpsCore

/// The command table: the single list that parsing, help and suggestions read.
struct CommandRegistry: Sendable {
    var commands: [CommandDescriptor]

    /// The commands this build of opsctl has, in the order help lists them. Commands that do not
    /// work yet are absent rather than stubbed.
    static let standard = CommandRegistry(commands: [
        ValidateCommand.descriptor,
        PlanCommand.descriptor,
        ShowCommand.descriptor,
        VerdictCommand.approveDescriptor,
        VerdictCommand.rejectDescriptor,
        StatusCommand.descriptor,
        ApplyCommand.descriptor,
        ReceiptsCommand.descriptor,
        ExportCommand.descriptor,
        UnlockCommand.descriptor,
        ServeSlackCommand.descriptor,
        SandboxCommand.descriptor,
        VersionCommand.descriptor,
        CompletionCommand.descriptor,
        HelpCommand.descriptor,
    ])

    func command(named name: String) -> CommandDescriptor? {
        commands.first { $0.name == name }
    }

    var names: [String] { commands.map(\.name) }

    /// The closest command name to a mistyped one.
    func suggestion(for name: String) -> String? {
        closestMatch(to: name, in: names)
    }

    /// The first command that has `option` (`--json`) among its own options.
    func command(owningOption option: String) -> CommandDescriptor? {
        commands.first { command in
            command.flags.contains { $0.longName == option || $0.shortName == option }
        }
    }
}
