import Foundation
import OpsCore
import OpsRender

/// `opsctl status [<changeId>] [--plan FILE]`: each change's lifecycle, from policy and receipts.
enum StatusCommand {
    struct Arguments: Sendable, Hashable {
        var changeID: String?
        var planPath: String
        var json: Bool
        var globals: GlobalOptions
    }

    static let json = FlagSpec(long: "json", summary: "Print one JSON document on standard output")

    static let descriptor = CommandDescriptor(
        name: "status",
        summary: "Show where each change of a plan stands",
        usage: "status [<changeId>] [--plan FILE] [--json]",
        discussion: """
            pending → approved / rejected → applied / failed, derived from change-policy.yaml and
            the receipts log. A database change delivered as a pull request is "awaiting merge"
            until a later plan no longer proposes it.
            """,
        flags: [VerdictCommand.plan, json],
        featuredGlobalFlags: [GlobalOptions.Flags.policy, GlobalOptions.Flags.receipts],
        positionals: [PositionalSpec(name: "changeId", isRequired: false, summary: "Show only this change")],
        parse: { input in
            var problems: [UsageError] = []
            let plan = input.arguments.singleOccurrence(of: VerdictCommand.plan, command: "status", problems: &problems)?.value
            return ParseResult(Arguments(
                changeID: input.arguments.positionals.first?.value,
                planPath: plan ?? PlanArguments.defaultPlanPath,
                json: input.arguments.contains(json),
                globals: input.globals
            ), problems: problems)
        },
        run: run
    )

    @Sendable static func run(_ arguments: Arguments, context: CommandContext) async -> CommandOutcome {
        guard let plan = context.readPlan(arguments.planPath) else { return .failure }
        guard let configuration = ConfigurationInputs.load(arguments.globals, needDesiredState: false, context: context) else {
            return .failure
        }
        var changes = plan.changes
        if let wanted = arguments.changeID {
            guard let named = context.change(named: wanted, in: plan, planPath: arguments.planPath) else { return .failure }
            changes = [named]
        }
        let ledger: ReceiptLedger
        do {
            ledger = ReceiptLedger(receipts: try context.resolveRuntime().receiptLog.list(kind: nil, changeID: nil))
        } catch {
            context.report(error)
            return .failure
        }
        let now = Date()
        let rows = changes.map {
            StatusRenderer.Row(change: $0, lifecycle: ChangeLifecycle.of($0, in: plan, policy: configuration.policy, ledger: ledger, now: now))
        }
        let output = context.standardOutput
        output.write(StatusView(format: ViewFormat(json: arguments.json, colour: output.colour), redactor: context.redactor).render(rows))
        return .success
    }
}
