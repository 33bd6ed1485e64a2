import Foundation
import Testing
@testable import OpsCore

private func change(_ id: String, risk: Risk) -> Change {
    Change(id: ChangeID(id)!, description: id, risk: risk, before: .null, after: .object(["x": 1]), observed: "sha256:0")
}

private func rule(_ pattern: String, requiresApproval: Bool? = nil, approvers: [String] = [], minApprovals: Int = 1, risk: Risk? = nil) -> ApprovalRule {
    ApprovalRule(pattern: ChangeKindPattern(pattern)!, requiresApproval: requiresApproval, approvers: approvers, minApprovals: minApprovals, risk: risk)
}

private let policy = ChangePolicy(
    roles: [PolicyRole(name: "admin", members: ["alice@example.com", "github:alice"]), PolicyRole(name: "dba", members: ["bob@example.com"])],
    autoApplyAllowed: [.github: true, .vercel: true, .supabase: false],
    approvalRules: [
        rule("*", requiresApproval: false),
        rule("github.*", requiresApproval: false),
        rule("github.branch_protection.*", requiresApproval: true, approvers: ["admin"]),
        rule("github.label.update", requiresApproval: true, approvers: ["dba"]),
        rule("vercel.env.*", risk: .low),
    ]
)

@Suite("Policy evaluation")
struct PolicyEvaluatorTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var id: String
        var risk: Risk
        var policy: ChangePolicy
        var requiresApproval: Bool
        var rule: String?
        var reasonWords: String
        var testDescription: String { "\(id) (\(risk))" }
    }

    static let rows: [Row] = [
        // The exact rule beats scope.resource.*, which beats scope.*, which beats *.
        Row(id: "github.label.update.bug", risk: .low, policy: policy, requiresApproval: true, rule: "github.label.update", reasonWords: "rule 'github.label.update'"),
        Row(id: "github.branch_protection.update.main", risk: .high, policy: policy, requiresApproval: true, rule: "github.branch_protection.*", reasonWords: "needs approval"),
        Row(id: "github.label.create.bug", risk: .low, policy: policy, requiresApproval: false, rule: "github.*", reasonWords: "does not need"),
        Row(id: "stripe.price.create.pro", risk: .high, policy: policy, requiresApproval: false, rule: "*", reasonWords: "rule '*'"),
        // Destructive changes and database schema changes always need a human.
        Row(id: "github.label.delete.old", risk: .low, policy: policy, requiresApproval: true, rule: "github.*", reasonWords: "destructive"),
        Row(id: "supabase.table.create.public.profiles", risk: .high, policy: policy, requiresApproval: true, rule: "*", reasonWords: "database schema"),
        Row(id: "supabase.table.drop.public.old", risk: .critical, policy: policy, requiresApproval: true, rule: "*", reasonWords: "destructive"),
        // Without a rule: risk, then autoApplyAllowed.
        Row(id: "github.label.create.bug", risk: .low, policy: ChangePolicy(autoApplyAllowed: [.github: true]), requiresApproval: false, rule: nil, reasonWords: "may auto-apply"),
        Row(id: "github.branch_protection.update.main", risk: .high, policy: ChangePolicy(autoApplyAllowed: [.github: true]), requiresApproval: true, rule: nil, reasonWords: "risk is high"),
        Row(id: "vercel.env.add.KEY", risk: .medium, policy: ChangePolicy(autoApplyAllowed: [.github: true]), requiresApproval: true, rule: nil, reasonWords: "autoApplyAllowed"),
        Row(id: "supabase.bucket.create.avatars", risk: .low, policy: ChangePolicy(autoApplyAllowed: [.supabase: true]), requiresApproval: false, rule: nil, reasonWords: "may auto-apply"),
        Row(id: "github.label.create.bug", risk: .low, policy: ChangePolicy(), requiresApproval: true, rule: nil, reasonWords: "autoApplyAllowed"),
    ]

    @Test(arguments: rows)
    func decision(row: Row) {
        let decision = PolicyEvaluator.decide(for: change(row.id, risk: row.risk), policy: row.policy)
        #expect(decision.requiresApproval == row.requiresApproval)
        #expect(decision.rule?.description == row.rule)
        #expect(decision.reason.contains(row.reasonWords), "reason was: \(decision.reason)")
    }

    @Test func ruleRiskOverridesTheDefaultRisk() {
        let decision = PolicyEvaluator.decide(for: change("vercel.env.add.KEY", risk: .medium), policy: policy)
        #expect(decision.risk == .low)
        #expect(decision.requiresApproval == false)
    }

    @Test func annotateFillsApprovalNeedsAndRoles() {
        let annotated = PolicyEvaluator.annotate([change("github.branch_protection.update.main", risk: .high)], policy: policy)
        #expect(annotated[0].requiresApproval)
        #expect(annotated[0].approvers == ["admin"])
    }
}

@Suite("Approval evaluation")
struct ApprovalEvaluatorTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let target = change("github.branch_protection.update.main", risk: .high)

    static func record(_ verdict: ApprovalRecord.Verdict = .approve, by approver: String, ageSeconds: Int = 60, digest: String? = nil, seq: Int = 0) -> ApprovalRecord {
        ApprovalRecord(
            verdict: verdict,
            changeID: target.id.description,
            changeDigest: digest ?? PlanDigest.of(target),
            planDigest: "sha256:plan",
            approver: approver,
            reason: "ok",
            recordedAt: now.addingTimeInterval(-Double(ageSeconds)),
            seq: seq
        )
    }

    static func evaluate(_ records: [ApprovalRecord], minApprovals: Int = 1, roles: [String] = ["admin", "dba"], ttl: Int = 3600, separation: Bool = true, planner: String = "carol@example.com") -> ApprovalState {
        var teamPolicy = policy
        teamPolicy.approvalTTLSeconds = ttl
        teamPolicy.separationOfDuties = separation
        teamPolicy.roles.append(PolicyRole(name: "ops", members: ["carol@example.com"]))
        let decision = PolicyDecision(requiresApproval: true, approverRoles: roles, minApprovals: minApprovals, method: .cli, risk: .high, reason: "", rule: nil)
        return ApprovalEvaluator.evaluate(change: target, decision: decision, records: records, planner: planner, policy: teamPolicy, now: now)
    }

    static func cli(_ identities: String...) -> [CountedApproval] { identities.map { CountedApproval(identity: $0) } }

    @Test func oneValidApprovalApproves() {
        #expect(Self.evaluate([Self.record(by: "alice@example.com")]) == .approved(by: Self.cli("alice@example.com")))
    }

    @Test func selfApprovalIsRefusedWithSeparationOfDuties() {
        let state = Self.evaluate([Self.record(by: "carol@example.com")], roles: ["ops"])
        #expect(state == .pending(counted: [], needed: 1, refused: [.selfApproval(approver: "carol@example.com")]))
        #expect(Self.evaluate([Self.record(by: "carol@example.com")], roles: ["ops"], separation: false) == .approved(by: Self.cli("carol@example.com")))
    }

    @Test func expiredApprovalIsRefused() {
        let state = Self.evaluate([Self.record(by: "alice@example.com", ageSeconds: 7200)])
        #expect(state == .pending(counted: [], needed: 1, refused: [.expired(approver: "alice@example.com", age: 7200, ttl: 3600)]))
    }

    @Test func approverWithoutTheRoleIsRefused() {
        let state = Self.evaluate([Self.record(by: "mallory@example.com")])
        #expect(state == .pending(counted: [], needed: 1, refused: [.missingRole(approver: "mallory@example.com", roles: ["admin", "dba"])]))
    }

    @Test func approvalOfADifferentDigestIsRefused() {
        let state = Self.evaluate([Self.record(by: "alice@example.com", digest: "sha256:other")])
        #expect(state == .pending(counted: [], needed: 1, refused: [.differentDigest(approver: "alice@example.com")]))
    }

    @Test func rejectionWinsOverApprovals() {
        let state = Self.evaluate([
            Self.record(by: "alice@example.com", seq: 1),
            Self.record(.reject, by: "bob@example.com", seq: 2),
            Self.record(by: "github:alice", seq: 3),
        ], minApprovals: 2)
        #expect(state == .rejected(by: "bob@example.com", reason: "ok"))
    }

    /// The digest is the change's content, so planning again cannot lift a rejection; the person
    /// who rejected can, by approving later. Someone else's approval cannot.
    @Test func aLaterApprovalByTheRejectorLiftsTheirRejection() {
        let changedMind = Self.evaluate([
            Self.record(.reject, by: "bob@example.com", seq: 1),
            Self.record(by: "bob@example.com", seq: 2),
        ])
        #expect(changedMind == .approved(by: Self.cli("bob@example.com")))
        let overruled = Self.evaluate([
            Self.record(.reject, by: "bob@example.com", seq: 1),
            Self.record(by: "alice@example.com", seq: 2),
        ])
        #expect(overruled == .rejected(by: "bob@example.com", reason: "ok"))
        let rejectedAgain = Self.evaluate([
            Self.record(by: "bob@example.com", seq: 1),
            Self.record(.reject, by: "bob@example.com", seq: 2),
        ])
        #expect(rejectedAgain == .rejected(by: "bob@example.com", reason: "ok"))
    }

    @Test func aRejectionOfAnotherDigestDoesNotCount() {
        let state = Self.evaluate([Self.record(by: "alice@example.com"), Self.record(.reject, by: "bob@example.com", digest: "sha256:old")])
        #expect(state == .approved(by: Self.cli("alice@example.com")))
    }

    @Test func nOfMCountsDistinctApprovers() {
        let twiceByAlice = Self.evaluate([Self.record(by: "alice@example.com"), Self.record(by: "alice@example.com")], minApprovals: 2)
        #expect(twiceByAlice == .pending(counted: Self.cli("alice@example.com"), needed: 2, refused: []))
        let aliceAndBob = Self.evaluate([Self.record(by: "alice@example.com"), Self.record(by: "bob@example.com")], minApprovals: 2)
        #expect(aliceAndBob == .approved(by: Self.cli("alice@example.com", "bob@example.com")))
    }

    @Test func emptyRoleListAcceptsAnyoneButThePlanner() {
        #expect(Self.evaluate([Self.record(by: "dave@example.com")], roles: []) == .approved(by: Self.cli("dave@example.com")))
    }

    @Test func changesThatNeedNoApprovalAreNotRequired() {
        let decision = PolicyDecision(requiresApproval: false, approverRoles: [], minApprovals: 1, method: .cli, risk: .low, reason: "", rule: nil)
        #expect(ApprovalEvaluator.evaluate(change: Self.target, decision: decision, records: [], planner: "x", policy: policy, now: Self.now) == .notRequired)
    }
}
