import OpsCore

/// The command table: the single list that parsing, help and suggestions read.
///
/// Each command's descriptor (its help texts, options and parse function) is made the first
/// time something asks for that command: a run parses one command, so it makes one
/// descriptor, not fifteen. Making them all at start was about a twentieth of `opsctl
/// version`'s instructions (docs/performance.md). Help, completion scripts and the search for
/// an option's owner ask for all of them.
struct CommandRegistry: Sendable {
    /// A command by name, and how to make its descriptor; `name` is the descriptor's own
    /// (`CommandRegistryTests` checks every standard entry).
    struct Entry: Sendable {
        var name: String
        var descriptor: @Sendable () -> CommandDescriptor
    }

    /// In the order help lists them.
    private(set) var entries: [Entry]

    init(entries: [Entry]) {
        self.entries = entries
    }

    init(commands: [CommandDescriptor]) {
        entries = commands.map { command in Entry(name: command.name, descriptor: { command }) }
    }

    /// The commands this build of opsctl has, in the order help lists them. Commands that do not
    /// work yet are absent rather than stubbed.
    static let standard = CommandRegistry(entries: [
        Entry(name: "validate") { ValidateCommand.descriptor },
        Entry(name: "plan") { PlanCommand.descriptor },
        Entry(name: "show") { ShowCommand.descriptor },
        Entry(name: "approve") { VerdictCommand.approveDescriptor },
        Entry(name: "reject") { VerdictCommand.rejectDescriptor },
        Entry(name: "status") { StatusCommand.descriptor },
        Entry(name: "apply") { ApplyCommand.descriptor },
        Entry(name: "receipts") { ReceiptsCommand.descriptor },
        Entry(name: "export") { ExportCommand.descriptor },
        Entry(name: "unlock") { UnlockCommand.descriptor },
        Entry(name: "serve") { ServeSlackCommand.descriptor },
        Entry(name: "sandbox") { SandboxCommand.descriptor },
        Entry(name: "version") { VersionCommand.descriptor },
        Entry(name: "completion") { CompletionCommand.descriptor },
        Entry(name: "help") { HelpCommand.descriptor },
    ])

    /// Every command's descriptor, each made if it was not yet.
    var commands: [CommandDescriptor] { entries.map { $0.descriptor() } }

    func command(named name: String) -> CommandDescriptor? {
        entries.first { $0.name == name }?.descriptor()
    }

    var names: [String] { entries.map(\.name) }

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
