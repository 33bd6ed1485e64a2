import Foundation
import Testing
@testable import OpsCore

/// What a pull request's reviews come to for a plan: which changes they may approve (only rules
/// with `method: github`), what is recorded once, and what is refused before any receipt exists.
struct PullRequestReviewCheckTests {
    static let head = "9f3c2b1a0e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b"
    static let policyText = """
        version: 1
        roles:
          admin: [github:alice, github:bob]
        approvalRules:
          github.label.*:
            requiresApproval: true
            approvers: [admin]
            method: github
          github.branch_protection.*:
            requiresApproval: true
            approvers: [admin]
        separationOfDuties: true
        """

    static func policy() throws -> ChangePolicy {
        let loaded = ConfigLoader.loadChangePolicy(SourceText(path: "change-policy.yaml", text: policyText))
        #expect(loaded.diagnostics.isEmpty)
        return try #require(loaded.model)
    }

    static let label = Change(id: ChangeID("github.label.create.bug")!, description: "bug", risk: .low, before: .null, after: ["name": "bug"], observed: "sha256:0")
    static let protection = Change(
        id: ChangeID("github.branch_protection.update.main")!, description: "main", risk: .high, before: .null, after: ["x": 1], observed: "sha256:0")
    static let plan = Plan(
        createdAt: "2027-01-15T08:00:00Z", createdBy: "github:carol", scope: [.github], inputs: [], checks: [], changes: [label, protection],
        pullRequest: PlanPullRequest(repository: "acme/app", number: 7, headSHA: head))

    static func snapshot(_ reviews: [GitHubReviewApprovals.Review], commentUpdatedAt: String = "2027-01-15T08:00:00Z") -> PullRequestReviewSnapshot {
        PullRequestReviewSnapshot(
            headSHA: head, lastPusher: "dave", commentedPlanDigest: PlanDigest.of(plan), commentUpdatedAt: commentUpdatedAt, reviews: reviews)
    }

    static func review(_ id: Int, _ login: String, at time: String = "2027-01-15T09:00:00Z") -> GitHubReviewApprovals.Review {
        .init(id: id, login: login, state: "APPROVED", commitID: head, submittedAt: time)
    }

    @Test func aReviewApprovesOnlyTheChangesWhoseRuleSaysGitHubAndIsRecordedOnce() throws {
        let policy = try Self.policy()
        #expect(PullRequestReviewCheck.reviewable(Self.plan.changes, policy: policy) == [Self.label])
        let check = PullRequestReviewCheck.judge(
            plan: Self.plan, changes: [Self.label], snapshot: Self.snapshot([Self.review(11, "alice")]), policy: policy, recorded: [], now: Date())
        #expect(check.confirmedReviews == [11])
        #expect(check.receipts.map(\.actor) == ["github:alice"])
        #expect(check.receipts.first?.body.change.changeID == "github.label.create.bug")
        #expect(check.receipts.first?.body.source == .githubReview(GitHubReviewEvidence(
            repository: "acme/app", pullRequest: 7, reviewID: 11, commitID: Self.head, login: "alice", submittedAt: "2027-01-15T09:00:00Z")))

        let recorded = ApprovalRecord(
            verdict: .approve, changeID: "github.label.create.bug", changeDigest: PlanDigest.of(Self.label), planDigest: PlanDigest.of(Self.plan),
            approver: "github:alice", reason: "", recordedAt: Date(), seq: 3, source: check.receipts.first?.body.source)
        let again = PullRequestReviewCheck.judge(
            plan: Self.plan, changes: [Self.label], snapshot: Self.snapshot([Self.review(11, "alice")]), policy: policy, recorded: [recorded],
            now: Date())
        #expect(again.receipts.isEmpty)
        #expect(again.confirmedReviews == [11])
    }

    @Test func aReviewSubmittedBeforeTheCommentLastChangedIsOfAnEarlierPlan() throws {
        let check = PullRequestReviewCheck.judge(
            plan: Self.plan, changes: [Self.label],
            snapshot: Self.snapshot([Self.review(11, "alice", at: "2027-01-15T07:59:59Z")]), policy: try Self.policy(), recorded: [], now: Date())
        #expect(check.confirmedReviews.isEmpty)
        #expect(check.refusals.map(\.reason) == [
            "alice approved at 2027-01-15T07:59:59Z, before the plan comment was last updated at 2027-01-15T08:00:00Z",
        ])
    }

    @Test func aReviewNamingOnlyChangesReviewersMayNotApproveIsSaidSo() throws {
        var review = Self.review(12, "bob")
        review.body = "/opsctl approve github.branch_protection.update.main"
        let check = PullRequestReviewCheck.judge(
            plan: Self.plan, changes: [Self.label], snapshot: Self.snapshot([review]), policy: try Self.policy(), recorded: [], now: Date())
        #expect(check.receipts.isEmpty)
        #expect(check.refusals.first?.reason.contains("approves only github.branch_protection.update.main") == true)
    }
}
