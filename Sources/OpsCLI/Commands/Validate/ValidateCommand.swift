import Foundation
import OpsCore
import OpsRender

/// `opsctl validate`: reads both configuration files and reports every problem in them.
enum ValidateCommand {
    static let descriptor = CommandDescriptor(
        name: "validate",
        summary: "Check desired-state.yaml and change-policy.yaml for errors",
        usage: "validate [-f FILE] [-p FILE] [--json]",
        discussion: """
            Reads both files without contacting any service and reports every problem as
            file:line:column with the offending line, a caret under the place, and a hint.
            Exits with 0 when both files are valid, 1 when either has an error or cannot be
            read, 64 on a usage error.
            """,
        flags: [ValidateArguments.Flags.json],
        featuredGlobalFlags: [GlobalOptions.Flags.desiredState, GlobalOptions.Flags.policy],
        needsLibcrypto: false,
        parse: ValidateArguments.parse,
        run: run
    )

    @Sendable static func run(_ arguments: ValidateArguments, context: CommandContext) async -> CommandOutcome {
        // Problems only: neither file's digest is needed.
        let desiredState = ConfigLoader.loadDesiredState(path: arguments.desiredStatePath, digest: false)
        let desiredStateDiagnostics = desiredState.diagnostics
        // Only the problems are reported: the model is freed off the path to the report.
        BackgroundRelease.release(consume desiredState)
        let report = ValidationReport(files: [
            ValidationReport.File(
                path: arguments.desiredStatePath,
                diagnostics: withMissingFileHint(
                    desiredStateDiagnostics,
                    path: arguments.desiredStatePath,
                    option: GlobalOptions.Flags.desiredState
                )
            ),
            ValidationReport.File(
                path: arguments.policyPath,
                diagnostics: withMissingFileHint(
                    ConfigLoader.loadChangePolicy(path: arguments.policyPath, digest: false).diagnostics,
                    path: arguments.policyPath,
                    option: GlobalOptions.Flags.policy
                )
            ),
        ])
        let outcome: CommandOutcome = report.isValid ? .success : .failure

        let view = ValidateView(
            format: ViewFormat(json: arguments.json, colour: context.standardOutput.colour), errorColour: context.standardError.colour,
            redactor: context.redactor, quiet: context.globals.verbosity == .quiet
        )
        let output = view.render(report)
        context.standardError.write(output.standardError)
        context.standardOutput.write(output.standardOutput)
        return outcome
    }

    /// A file that does not exist gets a hint naming the option that picks another one: the
    /// loader cannot know about options, which are command-line knowledge.
    private static func withMissingFileHint(_ diagnostics: [Diagnostic], path: String, option: FlagSpec) -> [Diagnostic] {
        guard !diagnostics.isEmpty, !FileManager.default.fileExists(atPath: path) else { return diagnostics }
        let flag = option.shortName ?? option.longName
        return diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            if diagnostic.hint == nil {
                diagnostic.hint = "create \(path), or name another file with '\(flag) FILE'"
            }
            return diagnostic
        }
    }
}
