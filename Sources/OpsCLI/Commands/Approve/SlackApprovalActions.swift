import Foundation
import OpsConnectors
import OpsCore
import OpsRender

/// `approve --request` and `approve --wait`: approvals asked for and given in Slack
/// (docs/approvals.md, "Slack").
enum SlackApprovalActions {
    /// Posts one request per change to `slack.approvalChannel` and records a `request` receipt
    /// for each, naming the channel and the message.
    static func request(_ arguments: VerdictCommand.Arguments, context: CommandContext) async -> CommandOutcome {
        guard let plan = context.readPlan(arguments.planPath) else { return .failure }
        var changes: [Change] = []
        for id in [arguments.changeID] + arguments.moreChangeIDs {
            guard let change = context.change(named: id, in: plan, planPath: arguments.planPath) else { return .failure }
            changes.append(change)
        }
        guard let configuration = ConfigurationInputs.load(arguments.globals, context: context) else { return .failure }
        guard let channel = configuration.desired.slack?.approvalChannel else {
            context.report(Diagnostic(
                message: "approve --request posts to slack.approvalChannel, which \(arguments.globals.desiredStatePath) does not set",
                hint: "add slack: { approvalChannel: \"#ops-approvals\" } to the desired state"))
            return .failure
        }
        let runtime = context.resolveRuntime()
        let requests: SlackApprovalRequests
        switch SlackApprovalRequests.make(context: runtime.connectorContext) {
        case .success(let made): requests = made
        case .failure(let missing):
            context.report(Diagnostic(message: missing.message, hint: missing.suggestedAction))
            return .failure
        }
        let planDigest = PlanDigest.of(plan)
        let redactor = runtime.redactor
        for change in changes {
            let message = SlackApprovalMessage.request(for: change, planDigest: planDigest, requestedBy: runtime.actor)
            do {
                let posted = try await requests.post(
                    channel: channel, text: redactor.redact(message.text), blocks: ServeSlackCommand.redacted(message.blocks, redactor))
                let receipt = try runtime.receiptLog.append(
                    ApprovalRequestReceiptBody(change: ChangeReference(change, planDigest: planDigest), channel: posted.channel, messageTS: posted.ts),
                    actor: runtime.actor)
                context.standardOutput.write(
                    "opsctl: asked for approval of \(TerminalSafeText.sanitized(change.id.description)) in \(TerminalSafeText.sanitized(channel)) (message \(posted.ts), receipt #\(receipt.seq))\n")
            } catch let error as any DiagnosticError {
                context.report(error)
                return .failure
            } catch {
                context.report(Diagnostic(message: redactor.redact("cannot post the approval request: \(error)")))
                return .failure
            }
        }
        return .success
    }

    /// Reads the reactions on the change's latest request until a member holding a role adds
    /// the approving emoji (success) or the rejecting one (attention), or the time runs out.
    static func wait(_ arguments: VerdictCommand.Arguments, options: SlackApprovalMode.WaitOptions, context: CommandContext) async -> CommandOutcome {
        guard let plan = context.readPlan(arguments.planPath) else { return .failure }
        guard let change = context.change(named: arguments.changeID, in: plan, planPath: arguments.planPath) else { return .failure }
        guard let configuration = ConfigurationInputs.load(arguments.globals, needDesiredState: false, context: context) else { return .failure }
        let runtime = context.resolveRuntime()
        let digest = PlanDigest.of(change)
        let requested: ApprovalRequestReceiptBody
        do {
            let found = try runtime.receiptLog.list(kind: .request, changeID: change.id.description).compactMap(ApprovalRequestReceiptBody.init)
            guard let latest = found.last(where: { $0.change.changeDigest == digest }) else {
                context.report(Diagnostic(
                    message: "no Slack request was posted for this version of \(change.id)",
                    hint: "post one first: opsctl approve --request \(change.id) --plan \(arguments.planPath)"))
                return .failure
            }
            requested = latest
        } catch {
            context.report(error)
            return .failure
        }
        let desk: SlackApprovalDesk
        switch SlackApprovalDesk.make(context: runtime.connectorContext, planPath: arguments.planPath, policy: configuration.policy, store: runtime.receiptLog) {
        case .success(let made): desk = made
        case .failure(let missing):
            context.report(Diagnostic(message: missing.message, hint: missing.suggestedAction))
            return .failure
        }
        let decision = PolicyEvaluator.decide(for: change, policy: configuration.policy)
        let redactor = runtime.redactor
        let started = Date()
        var interval = options.pollSeconds
        var judged: Set<String> = []
        func say(_ line: String) {
            context.standardOutput.write("opsctl: " + TerminalSafeText.sanitized(redactor.redact(line)) + "\n")
        }
        say("waiting up to \(Int(options.timeoutSeconds))s for :\(options.approveEmoji): or :\(options.rejectEmoji): on the request in \(requested.channel) (message \(requested.messageTS))")
        while true {
            let reactions: [SlackReaction]
            do {
                reactions = try await desk.reactions(channel: requested.channel, ts: requested.messageTS)
            } catch let error as any DiagnosticError {
                context.report(error)
                return .failure
            } catch {
                context.report(Diagnostic(message: redactor.redact("reactions.get failed: \(error)")))
                return .failure
            }
            for reaction in reactions where reaction.name == options.approveEmoji || reaction.name == options.rejectEmoji {
                let verdict: ApprovalRecord.Verdict = reaction.name == options.approveEmoji ? .approve : .reject
                for user in reaction.users where judged.insert(verdict.rawValue + " " + user).inserted {
                    let now = Date()
                    let email: String
                    do {
                        email = try await desk.email(of: user)
                    } catch {
                        say("ignored :\(reaction.name): by \(user): \(error.diagnostic.message)")
                        continue
                    }
                    let evidence = SlackActionEvidence(
                        kind: .reaction, team: "", channel: requested.channel, user: user, email: email, messageTS: requested.messageTS,
                        actionTS: String(format: "%.6f", now.timeIntervalSince1970))
                    let outcome = desk.record(verdict, change: change, plan: plan, decision: decision, evidence: evidence, reason: nil, now: now)
                    say(SlackApprovalMessage.sentence(outcome))
                    if case .recorded(_, _, _, _, _, let state) = outcome {
                        if case .rejected = state { return .attention }
                        if state.allowsApply { return .success }
                    }
                }
            }
            let elapsed = Date().timeIntervalSince(started)
            guard elapsed < options.timeoutSeconds else {
                context.report(Diagnostic(
                    message: "no approving reaction on \(change.id) within \(Int(options.timeoutSeconds))s",
                    hint: "ask a member holding the role to add :\(options.approveEmoji): to the request, or wait longer with --timeout"))
                return .failure
            }
            let pause = min(interval, options.timeoutSeconds - elapsed)
            try? await Task.sleep(for: .milliseconds(Int(pause * 1000)))
            interval = min(interval * 1.5, 60)
        }
    }
}
