import Foundation
import OpsCore

/// Decides a Slack approval (a button, a slash command, a reaction) by the rules `approve`
/// and `apply` use (docs/approvals.md): the change is looked up in the plan file as it is now,
/// a button must carry that change's digest, the Slack user is mapped to the e-mail roles name
/// with `users.info`, and `ApprovalEvaluator` refuses what `apply` would not count (a missing
/// role, the planner under separationOfDuties, requireSignedApprovals). What passes becomes
/// an `approve` or `reject` receipt whose `source` is the Slack evidence.
package struct SlackApprovalDesk: Sendable {
    let api: SlackAPI
    let planPath: String
    let policy: ChangePolicy
    let store: any ReceiptStore

    package static func make(context: ConnectorContext, planPath: String, policy: ChangePolicy, store: any ReceiptStore)
        -> Result<SlackApprovalDesk, MissingCredentials>
    {
        context.settings(secrets: [SlackConnector.tokenVariable]).flatMap { settings in
            SlackConnector.client(context: context, token: settings[SlackConnector.tokenVariable] ?? "").map { client in
                SlackApprovalDesk(api: SlackAPI(client: client), planPath: planPath, policy: policy, store: store)
            }
        }
    }

    package func decide(_ interaction: SlackInteraction, now: Date = Date()) async -> SlackApprovalOutcome {
        let user = interaction.user
        let plan: Plan
        do {
            plan = try PlanFile.read(from: planPath)
        } catch {
            return .refused(changeID: interaction.changeID, slackUser: user, Diagnostic(
                message: "the receiver cannot read its plan \(planPath)", hint: "run opsctl plan --out \(planPath) where serve slack runs"))
        }
        guard let change = plan.changes.first(where: { $0.id.description == interaction.changeID }) else {
            return .refused(changeID: interaction.changeID, slackUser: user, Diagnostic(
                message: "the plan this receiver serves has no change \(interaction.changeID)",
                hint: "ask for approval again from the current plan (opsctl approve --request)"))
        }
        if let digest = interaction.changeDigest, digest != PlanDigest.of(change) {
            return .refused(changeID: interaction.changeID, slackUser: user, Diagnostic(
                message: "this request is for another version of \(interaction.changeID) than the plan this receiver serves",
                hint: "ask again from the current plan: opsctl approve --request \(interaction.changeID)"))
        }
        let decision = PolicyEvaluator.decide(for: change, policy: policy)
        if interaction.action == .status {
            return .status(changeID: change.id.description, state: state(of: change, decision: decision, planner: plan.createdBy, now: now))
        }
        let email: String
        do {
            email = try await self.email(of: user)
        } catch {
            return .refused(changeID: interaction.changeID, slackUser: user, error.diagnostic)
        }
        let evidence = SlackActionEvidence(
            kind: interaction.kind, team: interaction.team, channel: interaction.channel, user: user, email: email,
            messageTS: interaction.messageTS, actionTS: interaction.actionTS)
        let verdict: ApprovalRecord.Verdict = interaction.action == .approve ? .approve : .reject
        return record(verdict, change: change, plan: plan, decision: decision, evidence: evidence, reason: interaction.reason, now: now)
    }

    /// Records a verdict given in Slack once its rules pass: the refusals are the evaluator's,
    /// and a rejection, which stops a change, is taken only from someone who could approve it.
    package func record(
        _ verdict: ApprovalRecord.Verdict, change: Change, plan: Plan, decision: PolicyDecision, evidence: SlackActionEvidence,
        reason: String?, now: Date
    ) -> SlackApprovalOutcome {
        let source = ApprovalSource.slack(evidence)
        let planDigest = PlanDigest.of(plan)
        let id = change.id.description
        if verdict == .approve {
            if let refusal = ApprovalEvaluator.refusal(
                ofApprovalBy: source.identity, source: source, planDigest: planDigest, change: change, decision: decision,
                planner: plan.createdBy, policy: policy, now: now)
            {
                return .refused(changeID: id, slackUser: evidence.user, refusal.diagnostic)
            }
        } else if !decision.approverRoles.isEmpty, !policy.members(of: decision.approverRoles).contains(source.identity) {
            return .refused(changeID: id, slackUser: evidence.user,
                            RefusedApproval.missingRole(approver: source.identity, roles: decision.approverRoles).diagnostic)
        }
        let what = evidence.kind == .reaction ? "a reaction" : evidence.kind == .button ? "a button" : "/ops"
        do {
            let receipt = try store.append(
                VerdictReceiptBody(
                    verdict: verdict, change: ChangeReference(change, planDigest: planDigest),
                    reason: reason ?? "\(verdict == .approve ? "approved" : "rejected") in Slack with \(what)", source: source),
                actor: source.identity, date: now)
            return .recorded(
                verdict: verdict, changeID: id, approver: source.identity, slackUser: evidence.user, seq: receipt.seq,
                state: state(of: change, decision: decision, planner: plan.createdBy, now: now))
        } catch {
            return .refused(changeID: id, slackUser: evidence.user, error.diagnostic)
        }
    }

    func state(of change: Change, decision: PolicyDecision, planner: String, now: Date) -> ApprovalState {
        let receipts = (try? store.list(kind: nil, changeID: change.id.description)) ?? []
        return ApprovalEvaluator.evaluate(
            change: change, decision: decision, records: ReceiptLedger(receipts: receipts).approvals, planner: planner, policy: policy, now: now)
    }

    /// The e-mail roles name the user by, from `users.info`.
    package func email(of user: String) async throws(SlackIdentityProblem) -> String {
        let member: SlackUserBody
        do {
            member = try await api.member(user)
        } catch let error as any DiagnosticError {
            throw SlackIdentityProblem(diagnostic: error.diagnostic)
        } catch {
            throw SlackIdentityProblem(diagnostic: Diagnostic(message: "users.info failed for \(user)"))
        }
        guard member.deleted != true, member.is_bot != true else {
            throw SlackIdentityProblem(diagnostic: Diagnostic(message: "the Slack user \(user) is deactivated or a bot", hint: "approve as a person"))
        }
        guard let email = member.profile?.email, !email.isEmpty else {
            throw SlackIdentityProblem(diagnostic: Diagnostic(
                message: "Slack gave no e-mail for \(user)",
                hint: "give the app the users:read.email scope, reinstall it, and name the user's e-mail in a role"))
        }
        return email
    }

    /// `reactions.get` on a request message.
    package func reactions(channel: String, ts: String) async throws -> [SlackReaction] {
        try await api.reactions(channel: channel, ts: ts).map { SlackReaction(name: $0.name, users: $0.users) }
    }
}

/// One emoji on a message and who added it.
package struct SlackReaction: Sendable, Equatable {
    package var name: String
    package var users: [String]
}

/// Why a Slack user could not be mapped to an e-mail.
package struct SlackIdentityProblem: DiagnosticError {
    package var diagnostic: Diagnostic
}
