import Foundation

/// Issue 10 §2, the rule alone: which pull-request reviews count as approvals of a plan's
/// changes. `PullRequestReviewCheck` feeds it what GitHub says and turns what counts into
/// `approve` receipts; this is the one place the rule lives.
///
/// A review counts for a reviewer only when it is their latest review that is not a comment
/// (GitHub lists reviews in chronological order), its state is `APPROVED`, it was made on the
/// pull request's head commit (still the one the plan was made for), the plan comment names the
/// plan being applied and is older than the review, and the reviewer is neither the planner
/// (with separation of duties) nor the last pusher. Roles are the
/// approval evaluator's business (`github:LOGIN`), as for every other approval.
package enum GitHubReviewApprovals {
    /// One review as `GET /repos/{o}/{r}/pulls/{n}/reviews` lists it.
    package struct Review: Sendable, Equatable {
        package var id: Int
        package var login: String
        /// `APPROVED`, `CHANGES_REQUESTED`, `COMMENTED`, `DISMISSED` or `PENDING`.
        package var state: String
        package var commitID: String
        package var submittedAt: String
        package var body: String

        package init(id: Int, login: String, state: String, commitID: String, submittedAt: String, body: String = "") {
            self.id = id
            self.login = login
            self.state = state
            self.commitID = commitID
            self.submittedAt = submittedAt
            self.body = body
        }
    }

    /// What the pull request says besides its reviews.
    package struct PullRequest: Sendable, Equatable {
        package var headSHA: String
        /// Who pushed the head commit last; a reviewer who pushed cannot approve their own push.
        package var lastPusher: String?
        /// The plan digest in opsctl's comment on the pull request, nil when there is none.
        package var commentedPlanDigest: String?
        /// The head the plan was made for (`Plan.pullRequest`); nil: not recorded. A head that
        /// moved since may hold other desired state than the plan shows.
        package var plannedHeadSHA: String?
        /// When opsctl's comment was last written (ISO 8601, UTC, as GitHub spells it); a review
        /// submitted before it was given on an earlier plan.
        package var commentUpdatedAt: String?

        package init(
            headSHA: String, lastPusher: String?, commentedPlanDigest: String?, plannedHeadSHA: String? = nil,
            commentUpdatedAt: String? = nil
        ) {
            self.headSHA = headSHA
            self.lastPusher = lastPusher
            self.commentedPlanDigest = commentedPlanDigest
            self.plannedHeadSHA = plannedHeadSHA
            self.commentUpdatedAt = commentUpdatedAt
        }
    }

    /// A review that counts, and the evidence an `approve` receipt records for it.
    package struct Approval: Sendable, Equatable {
        package var login: String
        package var reviewID: Int
        package var commitID: String
        package var submittedAt: String
        /// The changes named by `/opsctl approve <id>` lines; nil: every change of the plan.
        package var changeIDs: Set<String>?

        package var identity: String { "github:" + login }

        package func covers(_ changeID: String) -> Bool { changeIDs?.contains(changeID) ?? true }
    }

    package struct Refusal: Sendable, Equatable {
        package var login: String
        package var reason: String
    }

    package struct Result: Sendable, Equatable {
        package var approvals: [Approval]
        package var refusals: [Refusal]
    }

    package static func evaluate(
        reviews: [Review], pullRequest: PullRequest, planDigest: String, planner: String, separationOfDuties: Bool
    ) -> Result {
        var latest: [String: Review] = [:]
        var order: [String] = []
        for review in reviews where review.state != "COMMENTED" && review.state != "PENDING" {
            if latest[review.login] == nil { order.append(review.login) }
            latest[review.login] = review
        }
        var approvals: [Approval] = []
        var refusals: [Refusal] = []
        for login in order {
            guard let review = latest[login] else { continue }
            func refuse(_ reason: String) { refusals.append(Refusal(login: login, reason: reason)) }
            if review.state != "APPROVED" {
                refuse("the latest review by \(login) is \(review.state.lowercased().replacingOccurrences(of: "_", with: " ")), not an approval")
            } else if review.commitID != pullRequest.headSHA {
                refuse("\(login) approved commit \(review.commitID.prefix(7)), not the pull request's head \(pullRequest.headSHA.prefix(7))")
            } else if let planned = pullRequest.plannedHeadSHA, planned != pullRequest.headSHA {
                refuse("the pull request's head moved from \(planned.prefix(7)) to \(pullRequest.headSHA.prefix(7)) after the plan was posted, so \(login)'s review is of other changes; re-run plan --pr")
            } else if pullRequest.commentedPlanDigest != planDigest {
                refuse(pullRequest.commentedPlanDigest == nil
                    ? "the pull request has no opsctl plan comment, so \(login)'s review names no plan"
                    : "\(login) reviewed a pull request whose plan comment names another plan")
            } else if let updated = pullRequest.commentUpdatedAt, UTCTimestampOrder.isBefore(review.submittedAt, updated) {
                refuse("\(login) approved at \(review.submittedAt), before the plan comment was last updated at \(updated)")
            } else if separationOfDuties, "github:" + login == planner {
                refuse("\(login) made the plan and cannot approve it (separationOfDuties)")
            } else if let pusher = pullRequest.lastPusher, pusher == login {
                refuse("\(login) pushed the head commit and cannot approve their own push")
            } else {
                approvals.append(Approval(
                    login: login, reviewID: review.id, commitID: review.commitID, submittedAt: review.submittedAt,
                    changeIDs: namedChanges(in: review.body)))
            }
        }
        return Result(approvals: approvals, refusals: refusals)
    }

    /// Instants as GitHub writes them, RFC 3339 in UTC with whole seconds
    /// (`2026-12-01T20:57:51Z`, the receipts' own spelling); compared as text otherwise.
    enum UTCTimestampOrder {
        static func isBefore(_ earlier: String, _ later: String) -> Bool {
            guard let first = ReceiptTimestamp.date(from: earlier), let second = ReceiptTimestamp.date(from: later) else {
                return earlier < later
            }
            return first < second
        }
    }

    /// `/opsctl approve <id>` lines, each at the start of a line; nil when there are none.
    static func namedChanges(in body: String) -> Set<String>? {
        let prefix = "/opsctl approve "
        let named = body.split(whereSeparator: \.isNewline).compactMap { line -> String? in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix(prefix) else { return nil }
            let id = text.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            return id.isEmpty || id.contains(" ") ? nil : id
        }
        return named.isEmpty ? nil : Set(named)
    }
}
