import Foundation

/// What GitHub says now about the pull request a plan was posted to: its head, who pushed it,
/// opsctl's plan comment and every review, as `apply` and `status` read them before counting
/// a review (docs/approvals.md, "GitHub pull-request reviews").
package struct PullRequestReviewSnapshot: Sendable, Equatable {
    package var headSHA: String
    package var lastPusher: String?
    /// The digest in opsctl's comment; nil when there is no comment or it names no plan.
    package var commentedPlanDigest: String?
    /// When that comment was last written.
    package var commentUpdatedAt: String?
    /// In GitHub's (chronological) order.
    package var reviews: [GitHubReviewApprovals.Review]

    package init(
        headSHA: String, lastPusher: String?, commentedPlanDigest: String?, commentUpdatedAt: String?,
        reviews: [GitHubReviewApprovals.Review]
    ) {
        self.headSHA = headSHA
        self.lastPusher = lastPusher
        self.commentedPlanDigest = commentedPlanDigest
        self.commentUpdatedAt = commentUpdatedAt
        self.reviews = reviews
    }
}

/// Reads a pull request's reviews from GitHub. The GitHub connector implements it; the core only
/// decides what the answer means. Errors are `DiagnosticError`s naming the request.
package protocol PullRequestReviewReader: Sendable {
    func snapshot(of pullRequest: PlanPullRequest) async throws -> PullRequestReviewSnapshot
}

/// An approval a review gives one change, to be recorded as an `approve` receipt by
/// `github:LOGIN` with the review as its `source`.
package struct ReviewApprovalReceipt: Sendable, Equatable {
    package var actor: String
    package var body: VerdictReceiptBody
}

/// A review that does not count, and why, in one sentence.
package struct ReviewRefusal: Sendable, Equatable {
    package var login: String
    package var reason: String

    package init(login: String, reason: String) {
        self.login = login
        self.reason = reason
    }
}

/// What the reviews of a plan's pull request come to: which reviews GitHub confirms now (only
/// approvals sourced from those count), which receipts are still to be written, and which
/// reviews do not count and why. `problem` is set when GitHub could not be asked.
package struct PullRequestReviewCheck: Sendable, Equatable {
    package var pullRequest: PlanPullRequest
    package var confirmedReviews: Set<Int> = []
    package var receipts: [ReviewApprovalReceipt] = []
    package var refusals: [ReviewRefusal] = []
    package var problem: Diagnostic?

    package init(pullRequest: PlanPullRequest, problem: Diagnostic? = nil) {
        self.pullRequest = pullRequest
        self.problem = problem
    }

    /// Changes whose rule says `method: github`: those the pull request's reviews may approve.
    /// Every other change keeps to the approvals of its own method.
    package static func reviewable(_ changes: [Change], policy: ChangePolicy) -> [Change] {
        changes.filter {
            let decision = PolicyEvaluator.decide(for: $0, policy: policy)
            return decision.requiresApproval && decision.method == .github
        }
    }

    /// Asks GitHub (through `reader`) and judges every review. Nothing is written here.
    package static func run(
        plan: Plan, changes: [Change], policy: ChangePolicy, recorded: [ApprovalRecord], reader: any PullRequestReviewReader, now: Date
    ) async -> PullRequestReviewCheck? {
        guard let pull = plan.pullRequest else { return nil }
        let reviewable = reviewable(changes, policy: policy)
        guard !reviewable.isEmpty else { return nil }
        let snapshot: PullRequestReviewSnapshot
        do {
            snapshot = try await reader.snapshot(of: pull)
        } catch let error as any DiagnosticError {
            return PullRequestReviewCheck(pullRequest: pull, problem: error.diagnostic)
        } catch {
            return PullRequestReviewCheck(pullRequest: pull, problem: Diagnostic(message: "reading the reviews of \(pull.reference) failed: \(error)"))
        }
        return judge(plan: plan, changes: reviewable, snapshot: snapshot, policy: policy, recorded: recorded, now: now)
    }

    /// The pure part of `run`: which reviews count for which of `changes`, given GitHub's answer.
    package static func judge(
        plan: Plan, changes: [Change], snapshot: PullRequestReviewSnapshot, policy: ChangePolicy, recorded: [ApprovalRecord], now: Date
    ) -> PullRequestReviewCheck {
        guard let pull = plan.pullRequest else { preconditionFailure("judge needs a plan posted to a pull request") }
        var check = PullRequestReviewCheck(pullRequest: pull)
        let planDigest = PlanDigest.of(plan)
        let rule = GitHubReviewApprovals.PullRequest(
            headSHA: snapshot.headSHA, lastPusher: snapshot.lastPusher, commentedPlanDigest: snapshot.commentedPlanDigest,
            plannedHeadSHA: pull.headSHA, commentUpdatedAt: snapshot.commentUpdatedAt)
        let result = GitHubReviewApprovals.evaluate(
            reviews: snapshot.reviews, pullRequest: rule, planDigest: planDigest, planner: plan.createdBy,
            separationOfDuties: policy.separationOfDuties)
        check.refusals = result.refusals.map { ReviewRefusal(login: $0.login, reason: $0.reason) }
        for approval in result.approvals {
            let covered = changes.filter { approval.covers($0.id.description) }
            if covered.isEmpty {
                let named = (approval.changeIDs ?? []).sorted().joined(separator: ", ")
                check.refusals.append(ReviewRefusal(
                    login: approval.login,
                    reason: "\(approval.login)'s review approves only \(named), which this plan does not ask GitHub reviewers to approve"))
                continue
            }
            let evidence = GitHubReviewEvidence(
                repository: pull.repository, pullRequest: pull.number, reviewID: approval.reviewID, commitID: approval.commitID,
                login: approval.login, submittedAt: approval.submittedAt)
            let source = ApprovalSource.githubReview(evidence)
            var countedSomewhere = false
            for change in covered {
                let decision = PolicyEvaluator.decide(for: change, policy: policy)
                if let why = ApprovalEvaluator.refusal(
                    ofApprovalBy: approval.identity, source: source, planDigest: planDigest, change: change, decision: decision,
                    planner: plan.createdBy, policy: policy, now: now, confirmedReviews: [approval.reviewID])
                {
                    check.refusals.append(ReviewRefusal(login: approval.login, reason: "\(why.explanation) (\(change.id))"))
                    continue
                }
                countedSomewhere = true
                let digest = PlanDigest.of(change)
                let already = recorded.contains {
                    guard case .githubReview(let seen)? = $0.source else { return false }
                    return $0.verdict == .approve && seen.reviewID == approval.reviewID && $0.changeID == change.id.description
                        && $0.changeDigest == digest
                }
                if already { continue }
                check.receipts.append(ReviewApprovalReceipt(
                    actor: approval.identity,
                    body: VerdictReceiptBody(
                        verdict: .approve, change: ChangeReference(change, planDigest: planDigest),
                        reason: "approved in review \(approval.reviewID) of \(pull.reference)", source: source)))
            }
            if countedSomewhere { check.confirmedReviews.insert(approval.reviewID) }
        }
        return check
    }
}
