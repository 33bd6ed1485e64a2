import Foundation

/// Why an approval on record did not count.
package enum RefusedApproval: Sendable, Equatable {
    case differentDigest(approver: String)
    case expired(approver: String, age: Int, ttl: Int)
    case selfApproval(approver: String)
    case missingRole(approver: String, roles: [String])
    /// The rule requires signed approvals (`requireSignedApprovals`) and this one is not signed.
    case unsigned(approver: String)
    /// The approval is signed, but the signature does not check out.
    case badSignature(approver: String, problem: SSHSignatureError)
    /// The signed statement's `expires` has passed.
    case signatureExpired(approver: String, expires: String)
    /// A receipt names a GitHub review that this run did not find approving on GitHub (it was
    /// dismissed, superseded, or GitHub was not asked).
    case reviewNotConfirmed(approver: String, reviewID: Int)

    package var approver: String {
        switch self {
        case .differentDigest(let approver), .expired(let approver, _, _), .selfApproval(let approver),
            .missingRole(let approver, _), .unsigned(let approver), .badSignature(let approver, _),
            .signatureExpired(let approver, _), .reviewNotConfirmed(let approver, _):
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
        case .unsigned(let approver):
            "the approval by \(approver) is not signed, and policy requires signed approvals (requireSignedApprovals)"
        case .badSignature(let approver, let problem):
            "the signed approval by \(approver) does not count: \(problem.message)"
        case .signatureExpired(let approver, let expires):
            "the signed approval by \(approver) expired at \(expires)"
        case .reviewNotConfirmed(let approver, let reviewID):
            "the review \(reviewID) by \(approver) is not an approval on GitHub now"
        }
    }

    /// What would make the approval count.
    package var hint: String {
        switch self {
        case .differentDigest: "re-run plan and approve the change as it now stands"
        case .expired, .signatureExpired: "approve it again"
        case .selfApproval: "ask someone else to approve, or set OPSCTL_ACTOR to your own identity if this is wrong"
        case .missingRole(let approver, _): "add \(approver) to one of those roles in change-policy.yaml, or ask a member to approve"
        case .unsigned: "approve it again with a signature: opsctl approve ID --sign ~/.ssh/id_ed25519"
        case .badSignature(_, let problem): problem.diagnostic.hint ?? "approve it again with opsctl approve --sign"
        case .reviewNotConfirmed: "ask for an approving review of the pull request's head commit"
        }
    }

    package var diagnostic: Diagnostic { Diagnostic(message: explanation, hint: hint) }
}

/// How an approval that counted was made.
package enum ApprovalMethod: Sendable, Equatable {
    /// `opsctl approve` as the acting identity, which nothing proves.
    case cli
    /// `opsctl approve --sign`: an SSH signature allowed_signers vouches for.
    case sshSigned(fingerprint: String)
    /// An approving pull-request review, re-checked with GitHub by this run.
    case githubReview(repository: String, pullRequest: Int, reviewID: Int)
    /// A Slack button, slash command or reaction by the user the e-mail belongs to.
    case slack(kind: SlackActionEvidence.Kind, user: String)

    package var description: String {
        switch self {
        case .cli: "cli"
        case .sshSigned(let fingerprint): "ssh-signed \(fingerprint)"
        case .githubReview(let repository, let pullRequest, let reviewID): "github review \(reviewID) on \(repository)#\(pullRequest)"
        case .slack(let kind, let user): "slack \(kind.rawValue) by \(user)"
        }
    }
}

/// An approval that counted: who (an actor, or `ssh:PRINCIPAL` for a signed one) and how.
package struct CountedApproval: Sendable, Equatable {
    package var identity: String
    package var method: ApprovalMethod

    package init(identity: String, method: ApprovalMethod = .cli) {
        self.identity = identity
        self.method = method
    }

    /// The same person counts once, whether their approval is signed or not. (A GitHub login
    /// and an e-mail cannot be told to be the same person; they count as two.)
    var person: String { Self.person(of: identity) }

    /// The person behind an identity: a signed approval's `ssh:` principal is the same person
    /// as the plain identity, and case does not tell people apart.
    static func person(of identity: String) -> String {
        (identity.hasPrefix("ssh:") ? String(identity.dropFirst(4)) : identity).lowercased()
    }
}

package enum ApprovalState: Sendable, Equatable {
    case notRequired
    case approved(by: [CountedApproval])
    case pending(counted: [CountedApproval], needed: Int, refused: [RefusedApproval])
    case rejected(by: String, reason: String)

    package var allowsApply: Bool {
        switch self {
        case .notRequired, .approved: true
        case .pending, .rejected: false
        }
    }
}

/// The one rule for which approvals count, used by `approve`, `apply` and `status`. An
/// approval counts only when its change digest equals the change being applied; when it is
/// signed, its signature verifies for a principal allowed_signers lists and its statement has
/// not expired (then it counts as `ssh:PRINCIPAL`); when the rule requires signed approvals, it
/// is signed; it is not the planner's own (with `separationOfDuties`); its approver holds one
/// of the rule's roles; it is younger than `approvalTTL`. No reject may name the digest, unless
/// the person who rejected it approved it later: a person's latest verdict is theirs (the
/// digest is the change's content, so planning again cannot lift a rejection).
/// N-of-M counts distinct people.
package enum ApprovalEvaluator {
    package static func evaluate(
        change: Change,
        decision: PolicyDecision,
        records: [ApprovalRecord],
        planner: String,
        policy: ChangePolicy,
        now: Date,
        confirmedReviews: Set<Int> = []
    ) -> ApprovalState {
        guard decision.requiresApproval else { return .notRequired }
        let digest = PlanDigest.of(change)
        let relevant = records.filter { $0.changeID == change.id.description }
        if let rejection = standingRejection(among: relevant, digest: digest) {
            return .rejected(by: rejection.approver, reason: rejection.reason)
        }
        let eligible = decision.approverRoles.isEmpty ? nil : Set(policy.members(of: decision.approverRoles))
        var counted: [CountedApproval] = []
        var refused: [RefusedApproval] = []
        for record in relevant where record.verdict == .approve {
            switch judge(
                record, digest: digest, eligible: eligible, decision: decision, planner: planner, policy: policy, now: now,
                confirmedReviews: confirmedReviews)
            {
            case .failure(let why): refused.append(why)
            case .success(let approval):
                if !counted.contains(where: { $0.person == approval.person }) { counted.append(approval) }
            }
        }
        if counted.count >= decision.minApprovals { return .approved(by: counted) }
        return .pending(counted: counted, needed: decision.minApprovals, refused: refused)
    }

    /// Why an approval `approver` is about to give (signed with `signature`, when given) would
    /// not count, judged by the same rules `evaluate` applies, so `approve` refuses at once what
    /// `apply` would ignore.
    package static func refusal(
        ofApprovalBy approver: String, signature: ApprovalSignature? = nil, source: ApprovalSource? = nil, planDigest: String = "",
        change: Change, decision: PolicyDecision, planner: String, policy: ChangePolicy, now: Date, confirmedReviews: Set<Int> = []
    ) -> RefusedApproval? {
        let record = ApprovalRecord(
            verdict: .approve, changeID: change.id.description, changeDigest: PlanDigest.of(change), planDigest: planDigest,
            approver: approver, reason: "", recordedAt: now, seq: -1, signature: signature, source: source
        )
        let eligible = decision.approverRoles.isEmpty ? nil : Set(policy.members(of: decision.approverRoles))
        if case .failure(let why) = judge(
            record, digest: record.changeDigest, eligible: eligible, decision: decision, planner: planner, policy: policy, now: now,
            confirmedReviews: confirmedReviews)
        {
            return why
        }
        return nil
    }

    /// The latest reject of `digest` whose author has not approved the same digest since.
    private static func standingRejection(among records: [ApprovalRecord], digest: String) -> ApprovalRecord? {
        var latest: [String: ApprovalRecord] = [:]
        for record in records.sorted(by: { $0.seq < $1.seq }) where record.changeDigest == digest {
            latest[person(record)] = record
        }
        return latest.values.filter { $0.verdict == .reject }.max { $0.seq < $1.seq }
    }

    /// Who gave a verdict, whichever way they gave it: signed, from GitHub or Slack, or at the CLI.
    private static func person(_ record: ApprovalRecord) -> String {
        CountedApproval.person(of: record.source?.identity ?? record.signature.map { $0.principal } ?? record.approver)
    }

    /// One approval's fate.
    private enum Judgement {
        case success(CountedApproval)
        case failure(RefusedApproval)
    }

    private static func judge(
        _ record: ApprovalRecord,
        digest: String,
        eligible: Set<String>?,
        decision: PolicyDecision,
        planner: String,
        policy: ChangePolicy,
        now: Date,
        confirmedReviews: Set<Int>
    ) -> Judgement {
        if record.changeDigest != digest { return .failure(.differentDigest(approver: record.approver)) }
        var approval = CountedApproval(identity: record.approver)
        if let source = record.source {
            switch source {
            case .githubReview(let review):
                approval = CountedApproval(
                    identity: source.identity,
                    method: .githubReview(repository: review.repository, pullRequest: review.pullRequest, reviewID: review.reviewID))
                // The receipt is what this or an earlier run saw; only GitHub's answer now counts.
                guard confirmedReviews.contains(review.reviewID) else {
                    return .failure(.reviewNotConfirmed(approver: approval.identity, reviewID: review.reviewID))
                }
            case .slack(let action):
                approval = CountedApproval(identity: source.identity, method: .slack(kind: action.kind, user: action.user))
            }
            if decision.requiresSignedApprovals { return .failure(.unsigned(approver: approval.identity)) }
        } else if let signature = record.signature {
            do {
                let verified = try SignedApprovalCheck.verify(
                    signature, changeID: record.changeID, changeDigest: record.changeDigest, planDigest: record.planDigest,
                    recordedAt: record.recordedAt, allowedSigners: policy.allowedSigners
                )
                approval = CountedApproval(identity: signature.identity, method: .sshSigned(fingerprint: verified.fingerprint))
            } catch {
                return .failure(.badSignature(approver: signature.identity, problem: error))
            }
            guard let expiry = signature.expiryDate, now < expiry, record.recordedAt < expiry else {
                return .failure(.signatureExpired(approver: approval.identity, expires: signature.expires))
            }
        } else if decision.requiresSignedApprovals {
            return .failure(.unsigned(approver: record.approver))
        }
        if policy.separationOfDuties, isPlanner(planner, record: record) { return .failure(.selfApproval(approver: approval.identity)) }
        if let eligible, !eligible.contains(approval.identity) {
            return .failure(.missingRole(approver: approval.identity, roles: decision.approverRoles))
        }
        let age = Int(now.timeIntervalSince(record.recordedAt))
        if age >= policy.approvalTTLSeconds {
            return .failure(.expired(approver: approval.identity, age: age, ttl: policy.approvalTTLSeconds))
        }
        return .success(approval)
    }

    /// The planner may not approve as the actor who ran approve, nor as the principal they signed for.
    private static func isPlanner(_ planner: String, record: ApprovalRecord) -> Bool {
        if record.approver == planner { return true }
        if let source = record.source { return source.identity.lowercased() == planner.lowercased() }
        guard let principal = record.signature?.principal else { return false }
        return principal == planner || "ssh:" + principal == planner
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
