import Testing

@testable import OpsCore

/// Issue 10 §2's rule for pull-request reviews as approvals, on review lists as GitHub returns
/// them (chronological, one entry per review).
struct GitHubReviewApprovalsTests {
    static let head = "9f3c2b1a0e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b"
    static let planDigest = "sha256:" + String(repeating: "ab", count: 32)
    static let pull = GitHubReviewApprovals.PullRequest(headSHA: head, lastPusher: "erin", commentedPlanDigest: planDigest)

    static func review(_ id: Int, _ login: String, _ state: String, commit: String = head, body: String = "") -> GitHubReviewApprovals.Review {
        .init(id: id, login: login, state: state, commitID: commit, submittedAt: "2027-01-15T08:0\(id % 10):00Z", body: body)
    }

    static func evaluate(_ reviews: [GitHubReviewApprovals.Review], pull: GitHubReviewApprovals.PullRequest = pull, planner: String = "github:carol")
        -> GitHubReviewApprovals.Result
    {
        GitHubReviewApprovals.evaluate(reviews: reviews, pullRequest: pull, planDigest: planDigest, planner: planner, separationOfDuties: true)
    }

    @Test func anApprovalOnTheHeadCountsWithItsEvidence() {
        let result = Self.evaluate([Self.review(1, "alice", "APPROVED")])
        #expect(result.approvals == [.init(login: "alice", reviewID: 1, commitID: Self.head, submittedAt: "2027-01-15T08:01:00Z", changeIDs: nil)])
        #expect(result.approvals.first?.identity == "github:alice")
        #expect(result.refusals.isEmpty)
    }

    @Test func onlyTheLatestNonCommentReviewCounts() {
        // A comment after an approval does not withdraw it; a later request for changes does.
        let kept = Self.evaluate([Self.review(1, "alice", "APPROVED"), Self.review(2, "alice", "COMMENTED")])
        #expect(kept.approvals.map(\.reviewID) == [1])
        let withdrawn = Self.evaluate([Self.review(1, "alice", "APPROVED"), Self.review(2, "alice", "CHANGES_REQUESTED")])
        #expect(withdrawn.approvals.isEmpty)
        #expect(withdrawn.refusals == [.init(login: "alice", reason: "the latest review by alice is changes requested, not an approval")])
        let dismissed = Self.evaluate([Self.review(1, "alice", "APPROVED"), Self.review(2, "alice", "DISMISSED")])
        #expect(dismissed.approvals.isEmpty)
    }

    @Test func anApprovalOfAnOlderCommitDoesNotCount() {
        let result = Self.evaluate([Self.review(1, "alice", "APPROVED", commit: "1111111222222233333334444444555555566666")])
        #expect(result.refusals.first?.reason == "alice approved commit 1111111, not the pull request's head 9f3c2b1")
    }

    @Test func theCommentMustNameThePlanBeingApplied() {
        var other = Self.pull
        other.commentedPlanDigest = "sha256:" + String(repeating: "cd", count: 32)
        #expect(Self.evaluate([Self.review(1, "alice", "APPROVED")], pull: other).approvals.isEmpty)
        other.commentedPlanDigest = nil
        #expect(Self.evaluate([Self.review(1, "alice", "APPROVED")], pull: other).refusals.first?.reason
            == "the pull request has no opsctl plan comment, so alice's review names no plan")
    }

    @Test func neitherThePlannerNorTheLastPusherCanApprove() {
        let result = Self.evaluate([Self.review(1, "carol", "APPROVED"), Self.review(2, "erin", "APPROVED"), Self.review(3, "bob", "APPROVED")])
        #expect(result.approvals.map(\.login) == ["bob"])
        #expect(result.refusals.map(\.login) == ["carol", "erin"])
    }

    @Test func approveLinesNarrowAReviewToNamedChanges() {
        let body = "Looks right.\n/opsctl approve github.branch_protection.update.main\n  /opsctl approve vercel.env.add.KEY \nnot /opsctl approve x"
        let approval = Self.evaluate([Self.review(1, "alice", "APPROVED", body: body)]).approvals.first
        #expect(approval?.changeIDs == ["github.branch_protection.update.main", "vercel.env.add.KEY"])
        #expect(approval?.covers("vercel.env.add.KEY") == true)
        #expect(approval?.covers("github.label.create.bug") == false)
    }
}
