import OpsCore

/// What a shell may offer after a flag or in a positional slot. The command table says which
/// flags and positionals exist; this says what their values look like, by their names, so a
/// new flag called `--plan` or a new `<changeId>` argument completes like the others without
/// being listed anywhere else.
enum CompletionValues: Sendable, Equatable {
    /// A boolean flag: nothing follows it.
    case none
    /// Free text (a reason, a port): nothing sensible to offer.
    case text
    case files
    case words([String])
    /// Comma-separated words, each completed on its own (`--scope github,ver<TAB>`).
    case commaSeparatedWords([String])
    /// Change IDs read from the plan on the command line (or `plan.json`) when completing.
    case changeIDs
    /// Several change IDs, comma-separated (`--only`).
    case commaSeparatedChangeIDs
}

/// The shells `opsctl completion` writes scripts for.
enum CompletionShell: String, Sendable, CaseIterable {
    case bash, zsh, fish
}

enum CompletionVocabulary {
    static let scopes = ServiceScope.allCases.map(\.rawValue)
    static let receiptKinds: [ReceiptKind] = [.plan, .approve, .reject, .intent, .outcome, .export, .recovery]

    static func values(of flag: FlagSpec) -> CompletionValues {
        guard flag.takesValue else { return .none }
        switch flag.long {
        case "scope": return .commaSeparatedWords(scopes)
        case "only": return .commaSeparatedChangeIDs
        case "change": return .changeIDs
        case "kind": return .words(receiptKinds.map(\.rawValue))
        case "desired-state", "policy", "receipts", "out", "plan", "state", "change-ids": return .files
        default: return .text
        }
    }

    static func values(of positional: PositionalSpec, in command: CommandDescriptor, registry: CommandRegistry) -> CompletionValues {
        switch (command.name, positional.name) {
        case (_, "changeId"): .changeIDs
        case (_, "plan"): .files
        case ("help", "command"): .words(registry.names)
        case ("receipts", "action"): .words(ReceiptsArguments.Action.allCases.map(\.rawValue))
        case ("sandbox", "action"): .words(SandboxArguments.Action.allCases.map(\.rawValue))
        case ("completion", "shell"): .words(CompletionShell.allCases.map(\.rawValue))
        default: .text
        }
    }

    /// Every flag a command accepts: its own, then the global ones (accepted anywhere).
    static func flags(of command: CommandDescriptor) -> [FlagSpec] {
        command.flags + GlobalOptions.Flags.all
    }

    /// Every distinct flag of the whole table, for the value cases that do not depend on the
    /// command.
    static func allFlags(_ registry: CommandRegistry) -> [FlagSpec] {
        var seen = Set<String>()
        return (GlobalOptions.Flags.all + registry.commands.flatMap(\.flags)).filter { seen.insert($0.long).inserted }
    }
}
