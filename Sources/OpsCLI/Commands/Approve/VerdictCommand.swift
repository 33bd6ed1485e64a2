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
        /// `--sign PATH` or `--sign agent`: sign the approval with an SSH key.
        var signing: ApprovalSigning.KeySource?
        /// `--principal`: the allowed_signers principal to sign as (default: the actor).
        var principal: String?
        /// `--request` or `--wait`: ask in Slack, or wait for a reaction there.
        var slack: SlackApprovalMode?
        /// Further change IDs, for `--request`.
        var moreChangeIDs: [String] = []
        var globals: GlobalOptions
    }

    static let plan = FlagSpec(long: "plan", kind: .value(placeholder: "FILE"), summary: "The plan holding the change (default: plan.json)")
    static let reason = FlagSpec(long: "reason", kind: .value(placeholder: "TEXT"), summary: "Why; recorded in the receipt")
    static let sign = FlagSpec(
        long: "sign", kind: .value(placeholder: "KEY|agent"),
        summary: "Sign the approval with this SSH private key, or with the SSH agent's key ('agent')"
    )
    static let signKey = FlagSpec(
        long: "sign-key", kind: .value(placeholder: "PUBKEY"),
        summary: "With --sign agent: the public key of the agent's key to sign with (default: its only key)"
    )
    static let principal = FlagSpec(
        long: "principal", kind: .value(placeholder: "NAME"),
        summary: "With --sign: the allowed_signers principal to sign as (default: the acting identity)"
    )

    static let request = FlagSpec(long: "request", summary: "Post an approval request for each change to slack.approvalChannel instead of approving")
    static let wait = FlagSpec(long: "wait", summary: "Wait for an approving (or rejecting) reaction on the change's Slack request")
    static let timeout = FlagSpec(long: "timeout", kind: .value(placeholder: "SECONDS"), summary: "With --wait: give up after this long (default 600)")
    static let poll = FlagSpec(long: "poll", kind: .value(placeholder: "SECONDS"), summary: "With --wait: the first interval between reads (default 5, backing off)")
    static let emoji = FlagSpec(long: "emoji", kind: .value(placeholder: "NAME"), summary: "With --wait: the approving emoji (default white_check_mark)")
    static let rejectEmoji = FlagSpec(long: "reject-emoji", kind: .value(placeholder: "NAME"), summary: "With --wait: the rejecting emoji (default x)")

    static let approveDescriptor = descriptor(for: .approve)
    static let rejectDescriptor = descriptor(for: .reject)

    private static func descriptor(for verdict: ApprovalRecord.Verdict) -> CommandDescriptor {
        let approving = verdict == .approve
        return CommandDescriptor(
            name: verdict.rawValue,
            summary: approving ? "Approve a change of a plan" : "Reject a change of a plan",
            usage: approving
                ? "approve <changeId> [--plan FILE] [--reason TEXT] [--sign KEY|agent [--sign-key PUBKEY]] [--principal NAME]\n"
                    + "       approve --request <changeId…> [--plan FILE]\n"
                    + "       approve --wait <changeId> [--plan FILE] [--timeout SECONDS] [--emoji NAME] [--reject-emoji NAME]"
                : "reject <changeId> [--plan FILE] --reason TEXT",
            discussion: approving
                ? """
                Records an approval receipt for the exact change in the plan (its digest), as the
                acting identity: OPSCTL_ACTOR, else github:GITHUB_ACTOR, else git's user.email,
                else the login name. apply counts it while it is younger than approvalTTL.
                With --sign, ssh-keygen signs the approval's statement (change, digests, approver,
                expiry, nonce) in the namespace opsctl-approval@v1, and apply counts it as
                ssh:PRINCIPAL once the signature verifies against change-policy.yaml's allowedSigners.
                With --request, posts each change to slack.approvalChannel with Approve and Reject
                buttons (received by 'opsctl serve slack') and records a request receipt. With
                --wait, reads the reactions on that request until a member holding a role adds the
                approving emoji (or the rejecting one), and records it: an emoji is as strong as
                the Slack account that added it.
                """
                : "Records a rejection receipt; a rejected change is never applied, whatever approvals it has.",
            flags: approving ? [plan, reason, sign, signKey, principal, request, wait, timeout, poll, emoji, rejectEmoji] : [plan, reason],
            featuredGlobalFlags: [GlobalOptions.Flags.policy, GlobalOptions.Flags.receipts],
            positionals: [PositionalSpec(
                name: "changeId", isRequired: true,
                summary: approving ? "The change, as 'opsctl show' lists it (several with --request)" : "The change, as 'opsctl show' lists it",
                isVariadic: approving)],
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
            signing: nil,
            principal: nil,
            globals: input.globals
        )
        if let option = input.arguments.singleOccurrence(of: plan, command: name, problems: &problems), let value = option.value {
            arguments.planPath = value
        }
        if let option = input.arguments.singleOccurrence(of: reason, command: name, problems: &problems) {
            arguments.reason = option.value
        }
        if verdict == .approve {
            let key = input.arguments.singleOccurrence(of: signKey, command: name, problems: &problems)?.value
            if let option = input.arguments.singleOccurrence(of: sign, command: name, problems: &problems), let value = option.value {
                arguments.signing = value == "agent" ? .agent(publicKey: key) : .file(value)
                if key != nil, value != "agent" {
                    problems.append(UsageError(.conflictingOptions("--sign-key", "--sign \(value)"), command: name))
                }
            } else if key != nil {
                problems.append(UsageError(.conflictingOptions("--sign-key", "an unsigned approval (add --sign agent)"), command: name))
            }
            if let option = input.arguments.singleOccurrence(of: principal, command: name, problems: &problems), let value = option.value {
                if arguments.signing == nil {
                    problems.append(UsageError(.conflictingOptions("--principal", "an unsigned approval (add --sign)"), command: name))
                } else if !SSHPrincipalPattern.isLiteralPrincipal(value) {
                    problems.append(UsageError(
                        .invalidValue(option: "--principal", value: value, reason: "a principal has no spaces, commas, quotes or wildcards"),
                        command: name))
                }
                arguments.principal = value
            }
        }
        if verdict == .approve {
            parseSlack(input, into: &arguments, problems: &problems)
        }
        if verdict == .reject, (arguments.reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(UsageError(.missingArgument("--reason TEXT"), command: name))
        }
        return ParseResult(arguments, problems: problems)
    }

    @Sendable static func run(_ arguments: Arguments, context: CommandContext) async -> CommandOutcome {
        switch arguments.slack {
        case .request?: return await SlackApprovalActions.request(arguments, context: context)
        case .wait(let options)?: return await SlackApprovalActions.wait(arguments, options: options, context: context)
        case nil: break
        }
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
        let planDigest = PlanDigest.of(plan)
        var signature: ApprovalSignature?
        if let source = arguments.signing {
            let principal = arguments.principal ?? (actor.hasPrefix("ssh:") ? String(actor.dropFirst(4)) : actor)
            do {
                signature = try ApprovalSigning(source: source, principal: principal).sign(change: change, planDigest: planDigest, policy: policy, now: now)
            } catch let error as any DiagnosticError {
                context.report(error)
                return .failure
            } catch {
                context.report(Diagnostic(message: "cannot sign the approval: \(error)", hint: "check the key and try again"))
                return .failure
            }
        }
        // The rule apply uses decides here too (a signature is verified as apply will verify
        // it), so nobody waits on an approval that cannot count.
        if arguments.verdict == .approve,
            let refusal = ApprovalEvaluator.refusal(
                ofApprovalBy: actor, signature: signature, planDigest: planDigest, change: change, decision: decision, planner: plan.createdBy,
                policy: policy, now: now)
        {
            context.report(refusal.diagnostic)
            return .failure
        }
        let log = runtime.receiptLog
        do {
            let receipt = try log.append(VerdictReceiptBody(
                verdict: arguments.verdict,
                change: ChangeReference(change, planDigest: planDigest),
                reason: arguments.reason ?? "",
                signature: signature
            ), actor: actor, date: now)
            let ledger = ReceiptLedger(receipts: try log.list(kind: nil, changeID: change.id.description))
            let state = ApprovalEvaluator.evaluate(
                change: change, decision: decision, records: ledger.approvals, planner: plan.createdBy, policy: policy, now: now
            )
            let view = VerdictView(colour: context.standardOutput.colour, redactor: runtime.redactor)
            let approver = signature.map { "\($0.identity) (ssh-signed \($0.fingerprint))" } ?? actor
            context.standardOutput.write(view.recorded(verdict: arguments.verdict, change: change.id, actor: approver, seq: receipt.seq, state: state))
        } catch {
            context.report(error)
            return .failure
        }
        return .success
    }
}
