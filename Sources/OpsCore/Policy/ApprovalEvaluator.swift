import Foundation

/// Why an approval on record did not count.
package enum RefusedApproval: Sendable, Equatable {
    case differentDigest(approver: String)
    case expired(approver: String, age: Int, ttl: Int)
    case selfApproval(approver: String)
    case missingRole(approver: String, roles: [String])

    package var approver: String {
        switch self {
        case .differentDigest(let approver), .expired(let approver, _, _), .selfApproval(let approver),
            .missingRole(let approver, _):
            approver
        }
    }

    package var explanation: String {
        switch self {
        case .differentDigest(let approver):
            "\(approver) approved a different version of this change"
        case .expired(let approver, let age, let ttl):
            "the approval by \(approver) expired (\(DurationText.format(seconds: age)) old, approvalTTL is \(DurationText.format(seconds: ttl)))"
        case .selfApproval(let approver):
            "\(approver) made the plan and cannot approve it (separationOfDuties)"
        case .missingRole(let approver, let roles):
            "\(approver) holds none of the roles \(roles.joined(separator: ", "))"
        }
    }

    /// What would make the approval count.
    package var hint: String {
        switch self {
        case .differentDigest: "re-run plan and approve the change as it now stands"
        case .expired: "approve it again"
        case .selfApproval: "ask someone else to approve, or set OPSCTL_ACTOR to your own identity if this is wrong"
        case .missingRole(let approver, _): "add \(approver) to one of those roles in change-policy.yaml, or ask a member to approve"
        }
    }

    package var diagnostic: Diagnostic { Diagnostic(message: explanation, hint: hint) }
}

package enum ApprovalState: Sendable, Equatable {
    case notRequired
    case approved(by: [String])
    case pending(counted: [String], needed: Int, refused: [RefusedApproval])
    case rejected(by: String, reason: String)

    package var allowsApply: Bool {
        switch self {
        case .notRequired, .approved: true
        case .pending, .rejected: false
        }
    }
}

/// An approval counts only when its change digest equals the change being
/// applied, the approver holds one of the rule's roles, it is younger than `approvalTTL`,
/// it is not the planner's own (with `separationOfDuties`), and no reject names the digest.
/// N-of-M counts distinct approvers.
package enum ApprovalEvaluator {
    package static func evaluate(
        change: Change,
        decision: PolicyDecision,
        records: [ApprovalRecord],
        planner: String,
        policy: ChangePolicy,
        now: Date
    ) -> ApprovalState {
        guard decision.requiresApproval else { return .notRequired }
        let digest = PlanDigest.of(change)
        let relevant = records.filter { $0.changeID == change.id.description }
        if let rejection = relevant.last(where: { $0.verdict == .reject && $0.changeDigest == digest }) {
            return .rejected(by: rejection.approver, reason: rejection.reason)
        }
        let eligible = decision.approverRoles.isEmpty ? nil : Set(policy.members(of: decision.approverRoles))
        var counted: [String] = []
        var refused: [RefusedApproval] = []
        for record in relevant where record.verdict == .approve {
            if let why = refusal(of: record, digest: digest, eligible: eligible, decision: decision, planner: planner, policy: policy, now: now) {
                refused.append(why)
            } else if !counted.contains(record.approver) {
                counted.append(record.approver)
            }
        }
        if counted.count >= decision.minApprovals { return .approved(by: counted) }
        return .pending(counted: counted, needed: decision.minApprovals, refused: refused)
    }

    /// Why an approval `approver` is about to give would not count, judged by the same rules
    /// `evaluate` applies, so `approve` refuses at once what `apply` would ignore.
    package static func refusal(
        ofApprovalBy approver: String, change: Change, decision: PolicyDecision, planner: String, policy: ChangePolicy, now: Date
    ) -> RefusedApproval? {
        let record = ApprovalRecord(
            verdict: .approve, changeID: change.id.description, changeDigest: PlanDigest.of(change), planDigest: "",
            approver: approver, reason: "", recordedAt: now, seq: -1
        )
        let eligible = decision.approverRoles.isEmpty ? nil : Set(policy.members(of: decision.approverRoles))
        return refusal(of: record, digest: record.changeDigest, eligible: eligible, decision: decision, planner: planner, policy: policy, now: now)
    }

    private static func refusal(
        of record: ApprovalRecord,
        digest: String,
        eligible: Set<String>?,
        decision: PolicyDecision,
        planner: String,
        policy: ChangePolicy,
        now: Date
    ) -> RefusedApproval? {
        if record.changeDigest != digest { return .differentDigest(approver: record.approver) }
        if policy.separationOfDuties, record.approver == planner { return .selfApproval(approver: record.approver) }
        if let eligible, !eligible.contains(record.approver) {
            return .missingRole(approver: record.approver, roles: decision.approverRoles)
        }
        let age = Int(now.timeIntervalSince(record.recordedAt))
        if age >= policy.approvalTTLSeconds { return .expired(approver: record.approver, age: age, ttl: policy.approvalTTLSeconds) }
        return nil
    }
}

enum DurationText {
    static func format(seconds: Int) -> String {
        if seconds >= 86_400, seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        if seconds >= 3600 { return seconds % 3600 == 0 ? "\(seconds / 3600)h" : "\(seconds / 3600)h\((seconds % 3600) / 60)m" }
        if seconds >= 60 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }
}
