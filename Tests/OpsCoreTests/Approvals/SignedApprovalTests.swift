import Foundation
import Testing

@testable import OpsCore

/// The approval rule with SSH signatures: statements signed by the real ssh-keygen, judged by
/// `ApprovalEvaluator`, the one place that decides which approvals count.
@Suite(.serialized)
final class SignedApprovalTests {
    let keys: SSHKeyFixture
    let signers: SSHAllowedSigners
    let fingerprint: String
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let target = Change(
        id: ChangeID("github.branch_protection.update.main")!, description: "protect main", risk: .high, before: .null,
        after: .object(["x": 1]), observed: "sha256:0")
    let planDigest = "sha256:" + String(repeating: "ab", count: 32)

    init() throws {
        keys = try SSHKeyFixture()
        try keys.generate("alice", type: "ed25519")
        signers = try keys.allowedSigners("alice@example.com \(try keys.publicKeyLine("alice"))\n")
        fingerprint = try keys.fingerprint("alice")
    }

    deinit {
        keys.remove()
    }

    func policy(members: [String], requireSigned: Bool = false, ruleOverride: Bool? = nil, signers: SSHAllowedSigners? = nil) -> ChangePolicy {
        ChangePolicy(
            roles: [PolicyRole(name: "admin", members: members)],
            approvalRules: [ApprovalRule(
                pattern: ChangeKindPattern("github.*")!, requiresApproval: true, approvers: ["admin"], requireSignedApprovals: ruleOverride)],
            approvalTTLSeconds: 3600, allowedSigners: signers ?? self.signers, requireSignedApprovals: requireSigned
        )
    }

    /// A signature by alice's key over the statement for `principal`, expiring `expiresIn` after the approval.
    func signature(principal: String = "alice@example.com", expiresIn: TimeInterval = 3600) throws -> ApprovalSignature {
        let expires = ReceiptTimestamp.string(from: now.addingTimeInterval(-60 + expiresIn))
        let statement = ApprovalStatement(
            approver: principal, changeDigest: PlanDigest.of(target), changeID: target.id.description, expires: expires,
            nonce: "0f1e2d3c4b5a69788796a5b4c3d2e1f0", planDigest: planDigest)
        let armoured = try keys.sign(statement.canonicalBytes, with: "alice")
        return ApprovalSignature(
            principal: principal, nonce: statement.nonce, expires: expires, fingerprint: fingerprint, keyType: "ssh-ed25519", armoured: armoured)
    }

    func record(by actor: String = "alice-laptop", signature: ApprovalSignature?, planDigest: String? = nil) -> ApprovalRecord {
        ApprovalRecord(
            verdict: .approve, changeID: target.id.description, changeDigest: PlanDigest.of(target), planDigest: planDigest ?? self.planDigest,
            approver: actor, reason: "", recordedAt: now.addingTimeInterval(-60), seq: 3, signature: signature)
    }

    func evaluate(_ records: [ApprovalRecord], policy: ChangePolicy) -> ApprovalState {
        let decision = PolicyEvaluator.decide(for: target, policy: policy)
        return ApprovalEvaluator.evaluate(change: target, decision: decision, records: records, planner: "planner@example.com", policy: policy, now: now)
    }

    func refusal(_ state: ApprovalState) -> RefusedApproval? {
        if case .pending(_, _, let refused) = state { return refused.first }
        return nil
    }

    @Test func aVerifiedSignatureCountsAsItsSSHPrincipal() throws {
        let state = evaluate([record(signature: try signature())], policy: policy(members: ["ssh:alice@example.com"]))
        #expect(state == .approved(by: [CountedApproval(identity: "ssh:alice@example.com", method: .sshSigned(fingerprint: fingerprint))]))
    }

    @Test func theRoleMustNameTheSSHPrincipal() throws {
        let state = evaluate([record(by: "alice@example.com", signature: try signature())], policy: policy(members: ["alice@example.com"]))
        #expect(refusal(state) == .missingRole(approver: "ssh:alice@example.com", roles: ["admin"]))
    }

    @Test func unsignedApprovalsDoNotCountWhenSignaturesAreRequired() throws {
        let unsigned = record(by: "alice@example.com", signature: nil)
        let state = evaluate([unsigned], policy: policy(members: ["alice@example.com"], requireSigned: true))
        #expect(refusal(state) == .unsigned(approver: "alice@example.com"))
        #expect(refusal(state)?.explanation == "the approval by alice@example.com is not signed, and policy requires signed approvals (requireSignedApprovals)")
        // A rule may say otherwise for the changes it matches.
        let relaxed = evaluate([unsigned], policy: policy(members: ["alice@example.com"], requireSigned: true, ruleOverride: false))
        #expect(relaxed == .approved(by: [CountedApproval(identity: "alice@example.com")]))
        let strict = evaluate([unsigned], policy: policy(members: ["alice@example.com"], ruleOverride: true))
        #expect(refusal(strict) == .unsigned(approver: "alice@example.com"))
        #expect(evaluate([record(signature: try signature())], policy: policy(members: ["ssh:alice@example.com"], requireSigned: true)).allowsApply)
    }

    @Test func aReceiptWhosePlanDigestWasEditedDoesNotVerify() throws {
        let state = evaluate([record(signature: try signature(), planDigest: "sha256:" + String(repeating: "cd", count: 32))],
                             policy: policy(members: ["ssh:alice@example.com"]))
        #expect(refusal(state) == .badSignature(approver: "ssh:alice@example.com", problem: SSHSignatureError(.doesNotVerify)))
    }

    @Test func aPrincipalTheKeyMayNotSignAsIsRefused() throws {
        let state = evaluate([record(signature: try signature(principal: "bob@example.com"))], policy: policy(members: ["ssh:bob@example.com"]))
        #expect(refusal(state) == .badSignature(
            approver: "ssh:bob@example.com", problem: SSHSignatureError(.principalNotAllowed(principal: "bob@example.com", fingerprint: fingerprint))))
    }

    @Test func aSignedStatementStopsCountingWhenItExpires() throws {
        let state = evaluate([record(signature: try signature(expiresIn: 30))], policy: policy(members: ["ssh:alice@example.com"]))
        guard case .signatureExpired(let approver, _)? = refusal(state) else {
            Issue.record("expected an expired signature, got \(state)")
            return
        }
        #expect(approver == "ssh:alice@example.com")
    }

    @Test func withoutAllowedSignersNoSignatureCounts() throws {
        var bare = policy(members: ["ssh:alice@example.com"])
        bare.allowedSigners = nil
        let state = evaluate([record(signature: try signature())], policy: bare)
        #expect(refusal(state) == .badSignature(approver: "ssh:alice@example.com", problem: SSHSignatureError(.noAllowedSigners)))
    }

    @Test func thePlannerCannotApproveBySigning() throws {
        let planner = evaluate([record(signature: try signature())], policy: policy(members: ["ssh:alice@example.com"]))
        #expect(planner.allowsApply)
        let decision = PolicyEvaluator.decide(for: target, policy: policy(members: ["ssh:alice@example.com"]))
        let own = ApprovalEvaluator.evaluate(
            change: target, decision: decision, records: [record(signature: try signature())], planner: "alice@example.com",
            policy: policy(members: ["ssh:alice@example.com"]), now: now)
        #expect(refusal(own) == .selfApproval(approver: "ssh:alice@example.com"))
    }

    @Test func aSignedAndAnUnsignedApprovalByOnePersonCountOnce() throws {
        let both = [record(by: "alice@example.com", signature: nil), record(signature: try signature())]
        let decision = PolicyDecision(
            requiresApproval: true, approverRoles: ["admin"], minApprovals: 2, method: .cli, risk: .high, reason: "", rule: nil)
        let team = policy(members: ["alice@example.com", "ssh:alice@example.com", "bob@example.com"])
        let state = ApprovalEvaluator.evaluate(change: target, decision: decision, records: both, planner: "p", policy: team, now: now)
        #expect(state == .pending(counted: [CountedApproval(identity: "alice@example.com")], needed: 2, refused: []))
    }

    @Test func theApproveReceiptCarriesTheSignatureInBodyVersionTwo() throws {
        let signature = try signature()
        let body = VerdictReceiptBody(
            verdict: .approve, change: ChangeReference(changeID: target.id.description, changeDigest: PlanDigest.of(target), planDigest: planDigest),
            reason: "", signature: signature)
        #expect(body.members["bodyVersion"] == .int(2))
        #expect(body.members["signature"]?["fingerprint"] == .string(fingerprint))
        let receipt = try Receipt(seq: 0, ts: "2027-01-15T07:59:00Z", kind: .approve, actor: "alice-laptop", body: body.members, prev: Receipt.genesisHash)
        #expect(VerdictReceiptBody(receipt) == body)
        let ledger = ReceiptLedger(receipts: [receipt])
        #expect(ledger.approvals.first?.signature == signature)
        // A signature member that does not read is not taken for an unsigned approval.
        var broken = body.members
        broken["signature"] = .object(["format": .string("sshsig")])
        let brokenReceipt = try Receipt(seq: 0, ts: "2027-01-15T07:59:00Z", kind: .approve, actor: "a", body: broken, prev: Receipt.genesisHash)
        #expect(VerdictReceiptBody(brokenReceipt) == nil)
        // A rejection never carries one.
        let rejection = VerdictReceiptBody(verdict: .reject, change: body.change, reason: "no", signature: signature)
        #expect(rejection.members["bodyVersion"] == .int(1))
        #expect(rejection.members["signature"] == nil)
    }

    @Test func theStatementIsCanonicalJSONWithSortedKeys() {
        let statement = ApprovalStatement(
            approver: "alice@example.com", changeDigest: "sha256:1", changeID: "github.label.create.a/b", expires: "2027-01-15T09:00:00Z",
            nonce: "00", planDigest: "sha256:2")
        #expect(String(decoding: statement.canonicalBytes, as: UTF8.self)
            == #"{"approver":"alice@example.com","change_digest":"sha256:1","change_id":"github.label.create.a/b","expires":"2027-01-15T09:00:00Z","nonce":"00","plan_digest":"sha256:2"}"#)
    }
}
