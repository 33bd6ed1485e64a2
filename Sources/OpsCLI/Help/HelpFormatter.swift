import OpsCore

/// Help text, built from the command table so that it cannot drift from what the parser
/// accepts. It lives here rather than in OpsRender because it is a view of argv knowledge
/// (option spellings, usage lines) that only OpsCLI has; it is plain text, never coloured.
enum HelpFormatter {
    static func overview(_ registry: CommandRegistry) -> String {
        var lines = [
            "opsctl \(OpsctlVersion.current): keeps the configuration of SaaS services in line with a declared desired state.",
            "",
            "Usage: opsctl [global options] <command> [options] [arguments]",
            "",
            "Commands:",
        ]
        lines += table(registry.commands.map { ($0.name, $0.summary) })
        lines += ["", "Global options (before or after the command):"]
        lines += table(GlobalOptions.Flags.all.map { ($0.helpLabel, $0.summary) })
        lines += [
            "",
            "Exit status: 0 success, 1 error, 2 attention needed (changes or failing checks with plan --detailed-exitcode, changes awaiting approval after apply, a broken receipts log), 64 usage error.",
            "Run 'opsctl help <command>' for the options of a command.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    static func commandHelp(_ command: CommandDescriptor) -> String {
        var lines = ["Usage: opsctl \(command.usage)", "", command.summary + "."]
        if !command.discussion.isEmpty {
            lines += ["", command.discussion]
        }
        if !command.positionals.isEmpty {
            lines += ["", "Arguments:"]
            lines += table(command.positionals.map { ($0.usageLabel, $0.summary) })
        }
        let ownFlags = command.featuredGlobalFlags + command.flags
        if !ownFlags.isEmpty {
            lines += ["", "Options:"]
            lines += table(ownFlags.map { ($0.helpLabel, $0.summary) })
        }
        let otherGlobals = GlobalOptions.Flags.all.filter { global in
            !command.featuredGlobalFlags.contains { $0.long == global.long }
        }
        lines += ["", "Global options:"]
        lines += table(otherGlobals.map { ($0.helpLabel, $0.summary) })
        return lines.joined(separator: "\n") + "\n"
    }

    /// Two aligned columns, indented by two spaces.
    private static func table(_ rows: [(label: String, text: String)]) -> [String] {
        let width = rows.map(\.label.count).max() ?? 0
        return rows.map { row in
            "  " + row.label + String(repeating: " ", count: width - row.label.count + 2) + row.text
        }
    }
}
