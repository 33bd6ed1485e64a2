import Foundation
import Testing
@testable import OpsCore

/// Approvals given outside the CLI (issue 10 §2 and §3): the evidence survives the receipt's
/// wire format, and the evaluator counts each under its source's identity and by the same rules.
@Suite("Approvals with a source")
struct SourcedApprovalTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let target = Change(
        id: ChangeID("github.branch_protection.update.main")!, description: "protect main", risk: .high, before: .null,
        after: .object(["x": 1]), observed: "sha256:0")
    static let review = GitHubReviewEvidence(
        repository: "acme/web", pullRequest: 42, reviewID: 9001, commitID: "0123456789abcdef0123456789abcdef01234567",
        login: "alice", submittedAt: "2027-01-15T08:00:00Z")
    static let slackClick = SlackActionEvidence(
        kind: .button, team: "T0001", channel: "C0001", user: "U0BOB", email: "bob@example.com", messageTS: "1800000000.000100",
        actionTS: "1800000001.000200")

    static func record(_ source: ApprovalSource, approver: String, ageSeconds: Int = 60) -> ApprovalRecord {
        ApprovalRecord(
            verdict: .approve, changeID: target.id.description, changeDigest: PlanDigest.of(target), planDigest: "sha256:plan",
            approver: approver, reason: "", recordedAt: now.addingTimeInterval(-Double(ageSeconds)), seq: 1, source: source)
    }

    static func evaluate(
        _ records: [ApprovalRecord], confirmed: Set<Int> = [], signed: Bool = false, planner: String = "carol@example.com"
    ) -> ApprovalState {
        let policy = ChangePolicy(roles: [PolicyRole(name: "admin", members: ["github:alice", "bob@example.com"])])
        let decision = PolicyDecision(
            requiresApproval: true, approverRoles: ["admin"], minApprovals: 1, method: .github, risk: .high, reason: "", rule: nil,
            requiresSignedApprovals: signed)
        return ApprovalEvaluator.evaluate(
            change: target, decision: decision, records: records, planner: planner, policy: policy, now: now, confirmedReviews: confirmed)
    }

    @Test(arguments: [ApprovalSource.githubReview(review), .slack(slackClick)])
    func theEvidenceSurvivesTheReceiptFormat(source: ApprovalSource) throws {
        let change = ChangeReference(changeID: Self.target.id.description, changeDigest: PlanDigest.of(Self.target), planDigest: "sha256:plan")
        let body = VerdictReceiptBody(verdict: .approve, change: change, reason: "", source: source)
        #expect(body.members["bodyVersion"] == .int(ReceiptBodyFormat.sourcedApprovalVersion))
        let receipt = try Receipt(seq: 1, ts: "2027-01-15T08:00:00Z", kind: .approve, actor: source.identity, body: body.members, prev: Self.genesis)
        #expect(VerdictReceiptBody(receipt) == body)
    }

    static let genesis = String(repeating: "0", count: 64)

    @Test func aSourceThatDoesNotReadDropsTheWholeReceipt() throws {
        let change = ChangeReference(changeID: "github.label.create.bug", changeDigest: "sha256:c", planDigest: "sha256:p")
        var members = VerdictReceiptBody(verdict: .approve, change: change, reason: "").members
        members["source"] = .object(["github": .object(["login": "alice"])])
        let receipt = try Receipt(seq: 1, ts: "2027-01-15T08:00:00Z", kind: .approve, actor: "github:alice", body: members, prev: Self.genesis)
        #expect(VerdictReceiptBody(receipt) == nil)
    }

    @Test func aReviewCountsOnlyWhenThisRunConfirmedItWithGitHub() {
        let records = [Self.record(.githubReview(Self.review), approver: "github:alice")]
        #expect(Self.evaluate(records) == .pending(counted: [], needed: 1, refused: [.reviewNotConfirmed(approver: "github:alice", reviewID: 9001)]))
        #expect(Self.evaluate(records, confirmed: [9001]) == .approved(by: [
            CountedApproval(identity: "github:alice", method: .githubReview(repository: "acme/web", pullRequest: 42, reviewID: 9001))
        ]))
    }

    @Test func aSlackApprovalCountsAsTheUsersEmail() {
        #expect(Self.evaluate([Self.record(.slack(Self.slackClick), approver: "bob@example.com")]) == .approved(by: [
            CountedApproval(identity: "bob@example.com", method: .slack(kind: .button, user: "U0BOB"))
        ]))
    }

    @Test func theSameRulesApply() {
        let slack = Self.record(.slack(Self.slackClick), approver: "bob@example.com")
        #expect(Self.evaluate([slack], planner: "bob@example.com") == .pending(counted: [], needed: 1, refused: [.selfApproval(approver: "bob@example.com")]))
        #expect(Self.evaluate([slack], signed: true) == .pending(counted: [], needed: 1, refused: [.unsigned(approver: "bob@example.com")]))
        let old = Self.record(.githubReview(Self.review), approver: "github:alice", ageSeconds: 90_000)
        #expect(Self.evaluate([old], confirmed: [9001]) == .pending(counted: [], needed: 1, refused: [.expired(approver: "github:alice", age: 90_000, ttl: 86_400)]))
        var stranger = Self.slackClick
        stranger.email = "mallory@example.com"
        #expect(Self.evaluate([Self.record(.slack(stranger), approver: "mallory@example.com")])
            == .pending(counted: [], needed: 1, refused: [.missingRole(approver: "mallory@example.com", roles: ["admin"])]))
    }
}
