import Foundation
import OpsCore

/// `opsctl completion bash|zsh|fish`: a completion script on standard output, generated from
/// the command table. `--change-ids FILE` is what the scripts call to offer change IDs: it
/// prints a plan's IDs one per line, and nothing at all when the plan cannot be read, so a
/// missing plan never puts an error under the user's cursor.
enum CompletionCommand {
    enum Arguments: Sendable, Equatable {
        case script(CompletionShell)
        case changeIDs(planPath: String)
    }

    static let changeIDs = FlagSpec(
        long: "change-ids", kind: .value(placeholder: "FILE"),
        summary: "Print the change IDs of a plan file, one per line (what the scripts call)"
    )

    static let descriptor = CommandDescriptor(
        name: "completion",
        summary: "Print a shell completion script for bash, zsh or fish",
        // Continuation lines line up under "Usage: opsctl ", as in `receipts`.
        usage: """
            completion bash|zsh|fish
                   opsctl completion --change-ids FILE
            """,
        discussion: """
            The script completes commands, flags, scopes, receipt kinds and, for approve,
            reject, status, apply --only and receipts list --change, the change IDs of the plan
            named on the command line (--plan, or the plan argument of apply), else plan.json.
            bash: opsctl completion bash > /etc/bash_completion.d/opsctl
            zsh:  opsctl completion zsh > "${fpath[1]}/_opsctl"
            fish: opsctl completion fish > ~/.config/fish/completions/opsctl.fish
            """,
        flags: [changeIDs],
        positionals: [PositionalSpec(name: "shell", isRequired: false, summary: "bash, zsh or fish")],
        parse: parse,
        run: { arguments, context in run(arguments, context: context) }
    )

    @Sendable static func parse(_ input: CommandInput) -> ParseResult<Arguments> {
        var problems: [UsageError] = []
        let planOption = input.arguments.singleOccurrence(of: changeIDs, command: "completion", problems: &problems)
        let shellArgument = input.arguments.positionals.first
        switch (shellArgument, planOption?.value) {
        case (nil, let path?):
            return ParseResult(.changeIDs(planPath: path), problems: problems)
        case (let given?, nil):
            guard let shell = CompletionShell(rawValue: given.value) else {
                let names = CompletionShell.allCases.map(\.rawValue)
                problems.append(UsageError(
                    .invalidValue(option: "shell", value: given.value, reason: "opsctl writes completions for \(names.joined(separator: ", "))"),
                    command: "completion", argumentIndex: given.index, suggestion: closestMatch(to: given.value, in: names)
                ))
                return ParseResult(.script(.bash), problems: problems)
            }
            return ParseResult(.script(shell), problems: problems)
        case (let given?, _?):
            problems.append(UsageError(.unexpectedArgument(given.value), command: "completion", argumentIndex: given.index))
            return ParseResult(.script(.bash), problems: problems)
        case (nil, nil):
            problems.append(UsageError(.missingArgument("shell"), command: "completion"))
            return ParseResult(.script(.bash), problems: problems)
        }
    }

    static func run(_ arguments: Arguments, context: CommandContext) -> CommandOutcome {
        switch arguments {
        case .script(let shell):
            context.standardOutput.write(script(for: shell, registry: context.registry))
        case .changeIDs(let path):
            guard let data = FileManager.default.contents(atPath: path), let plan = try? PlanFile.decode(Array(data), path: path) else {
                return .success
            }
            context.standardOutput.write(plan.changes.map { $0.id.description + "\n" }.joined())
        }
        return .success
    }

    static func script(for shell: CompletionShell, registry: CommandRegistry) -> String {
        switch shell {
        case .bash: BashCompletionScript.render(registry)
        case .zsh: ZshCompletionScript.render(registry)
        case .fish: FishCompletionScript.render(registry)
        }
    }
}
