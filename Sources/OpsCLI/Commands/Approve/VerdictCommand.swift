import Foundation
import OpsCore
import OpsRender

/// `opsctl approve` and `opsctl reject`: one receipt naming the change, its digest, the plan's
/// digest, the actor and a reason. Problems `apply` would refuse anyway (self-approval, a
/// missing role) are refused here at once, so nobody waits on an approval that cannot count.
enum VerdictCommand {
    struct Arguments: Sendable, Hashable {
        var verdict: ApprovalRecord.Verdict
        var changeID: String
        var planPath: String
        var reason: String?
        var globals: GlobalOptions
    }

    static let plan = FlagSpec(long: "plan", kind: .value(placeholder: "FILE"), summary: "The plan holding the change (default: plan.json)")
    static let reason = FlagSpec(long: "reason", kind: .value(placeholder: "TEXT"), summary: "Why; recorded in the receipt")

    static let approveDescriptor = descriptor(for: .approve)
    static let rejectDescriptor = descriptor(for: .reject)

    private static func descriptor(for verdict: ApprovalRecord.Verdict) -> CommandDescriptor {
        let approving = verdict == .approve
        return CommandDescriptor(
            name: verdict.rawValue,
            summary: approving ? "Approve a change of a plan" : "Reject a change of a plan",
            usage: approving ? "approve <changeId> [--plan FILE] [--reason TEXT]" : "reject <changeId> [--plan FILE] --reason TEXT",
            discussion: approving
                ? """
                Records an approval receipt for the exact change in the plan (its digest), as the
                acting identity: OPSCTL_ACTOR, else github:GITHUB_ACTOR, else git's user.email,
                else the login name. apply counts it while it is younger than approvalTTL.
                """
                : "Records a rejection receipt; a rejected change is never applied, whatever approvals it has.",
            flags: [plan, reason],
            featuredGlobalFlags: [GlobalOptions.Flags.policy, GlobalOptions.Flags.receipts],
            positionals: [PositionalSpec(name: "changeId", isRequired: true, summary: "The change, as 'opsctl show' lists it")],
            parse: { input in parse(input, verdict: verdict) },
            run: run
        )
    }

    static func parse(_ input: CommandInput, verdict: ApprovalRecord.Verdict) -> ParseResult<Arguments> {
        var problems: [UsageError] = []
        let name = verdict.rawValue
        var arguments = Arguments(
            verdict: verdict,
            changeID: input.arguments.positionals.first?.value ?? "",
            planPath: PlanArguments.defaultPlanPath,
            reason: nil,
            globals: input.globals
        )
        if let option = input.arguments.singleOccurrence(of: plan, command: name, problems: &problems), let value = option.value {
            arguments.planPath = value
        }
        if let option = input.arguments.singleOccurrence(of: reason, command: name, problems: &problems) {
            arguments.reason = option.value
        }
        if verdict == .reject, (arguments.reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(UsageError(.missingArgument("--reason TEXT"), command: name))
        }
        return ParseResult(arguments, problems: problems)
    }

    @Sendable static func run(_ arguments: Arguments, context: CommandContext) async -> CommandOutcome {
        guard let plan = context.readPlan(arguments.planPath) else { return .failure }
        guard let change = context.change(named: arguments.changeID, in: plan, planPath: arguments.planPath) else {
            return .failure
        }
        guard let configuration = ConfigurationInputs.load(arguments.globals, needDesiredState: false, context: context) else {
            return .failure
        }
        let runtime = context.resolveRuntime()
        let actor = runtime.actor
        let policy = configuration.policy
        let decision = PolicyEvaluator.decide(for: change, policy: policy)
        let now = Date()
        // The rule apply uses decides here too, so nobody waits on an approval that cannot count.
        if arguments.verdict == .approve,
            let refusal = ApprovalEvaluator.refusal(ofApprovalBy: actor, change: change, decision: decision, planner: plan.createdBy, policy: policy, now: now)
        {
            context.report(refusal.diagnostic)
            return .failure
        }
        let log = runtime.receiptLog
        do {
            let receipt = try log.append(VerdictReceiptBody(
                verdict: arguments.verdict,
                change: ChangeReference(change, planDigest: PlanDigest.of(plan)),
                reason: arguments.reason ?? ""
            ), actor: actor, date: now)
            let ledger = ReceiptLedger(receipts: try log.list(kind: nil, changeID: change.id.description))
            let state = ApprovalEvaluator.evaluate(
                change: change, decision: decision, records: ledger.approvals, planner: plan.createdBy, policy: policy, now: now
            )
            let view = VerdictView(colour: context.standardOutput.colour, redactor: runtime.redactor)
            context.standardOutput.write(view.recorded(verdict: arguments.verdict, change: change.id, actor: actor, seq: receipt.seq, state: state))
        } catch {
            context.report(error)
            return .failure
        }
        return .success
    }
}
