import Foundation
import OpsConnectors
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
        var ledger: ReceiptLedger
        let runtime = context.resolveRuntime()
        do {
            ledger = ReceiptLedger(receipts: try runtime.receiptLog.list(kind: nil, changeID: nil))
        } catch {
            context.report(error)
            return .failure
        }
        let now = Date()
        let reviews = await reviewCheck(plan: plan, changes: changes, policy: configuration.policy, ledger: ledger, runtime: runtime, now: now)
        // What apply would record from the reviews counts here as if it had been.
        for receipt in reviews?.receipts ?? [] {
            ledger.record(ApprovalRecord(
                verdict: .approve, changeID: receipt.body.change.changeID, changeDigest: receipt.body.change.changeDigest,
                planDigest: receipt.body.change.planDigest, approver: receipt.actor, reason: receipt.body.reason, recordedAt: now, seq: -1,
                source: receipt.body.source))
        }
        let rows = changes.map {
            StatusRenderer.Row(change: $0, lifecycle: ChangeLifecycle.of(
                $0, in: plan, policy: configuration.policy, ledger: ledger, now: now, confirmedReviews: reviews?.confirmedReviews ?? []))
        }
        let output = context.standardOutput
        output.write(StatusView(format: ViewFormat(json: arguments.json, colour: output.colour), redactor: context.redactor).render(rows, reviews: reviews))
        return .success
    }

    /// What the plan's pull request says now, as apply would judge it (nothing is recorded).
    private static func reviewCheck(
        plan: Plan, changes: [Change], policy: ChangePolicy, ledger: ReceiptLedger, runtime: Runtime, now: Date
    ) async -> PullRequestReviewCheck? {
        guard let pull = plan.pullRequest else { return nil }
        let open = changes.filter { ledger.lastOutcome(for: $0) == nil }
        switch GitHubPullRequestConversation.make(context: runtime.connectorContext) {
        case .success(let conversation):
            return await PullRequestReviewCheck.run(
                plan: plan, changes: open, policy: policy, recorded: ledger.approvals, reader: conversation, now: now)
        case .failure(let missing):
            guard !PullRequestReviewCheck.reviewable(open, policy: policy).isEmpty else { return nil }
            return PullRequestReviewCheck(pullRequest: pull, problem: Diagnostic(
                message: "the reviews of \(pull.reference) were not read: \(missing.message)",
                hint: "set OPS_GITHUB_TOKEN, OPS_GITHUB_OWNER and OPS_GITHUB_REPO so status can ask GitHub"))
        }
    }
}
