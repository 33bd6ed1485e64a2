import Foundation
import Testing

@testable import OpsCore

/// change-policy.yaml's keys for signed approvals: `allowedSigners`, `requireSignedApprovals`
/// (top level and per rule) and `ssh:` role members, and the allowed_signers file read with it.
struct SignedApprovalPolicyTests {
    @Test func signingKeysDecode() throws {
        let result = ConfigFixture.policy("""
            version: 1
            allowedSigners: .opsctl/allowed_signers
            requireSignedApprovals: true
            roles:
              admin: [ssh:alice@example.com, bob@example.com]
            approvalRules:
              github.label.*:
                requiresApproval: true
                approvers: [admin]
                requireSignedApprovals: false
            """)
        #expect(result.diagnostics.isEmpty, "\(result.summary)")
        let policy = try #require(result.model)
        #expect(policy.allowedSignersPath == ".opsctl/allowed_signers")
        #expect(policy.allowedSignersLocation?.line == 2)
        #expect(policy.requireSignedApprovals)
        #expect(policy.approvalRules.first?.requireSignedApprovals == false)
        #expect(policy.role(named: "admin")?.members == ["ssh:alice@example.com", "bob@example.com"])
        let change = Change(id: ChangeID("github.label.create.bug")!, description: "", risk: .low, before: .null, after: .object([:]), observed: "sha256:0")
        #expect(!PolicyEvaluator.decide(for: change, policy: policy).requiresSignedApprovals)
        let other = Change(id: ChangeID("github.branch_protection.update.main")!, description: "", risk: .high, before: .null, after: .object([:]), observed: "sha256:0")
        #expect(PolicyEvaluator.decide(for: other, policy: policy).requiresSignedApprovals)
    }

    @Test func requiringSignaturesWithoutSignersIsAnError() {
        let result = ConfigFixture.policy("""
            requireSignedApprovals: true
            roles:
              admin: [ssh:alice@example.com]
            approvalRules:
              "*":
                approvers: [admin]
                requireSignedApprovals: true
            """)
        #expect(result.errors.map(\.lineColumn) == ["1:25", "7:29"], "\(result.summary)")
        #expect(result.errors.first?.message == "requireSignedApprovals is true, but the policy names no allowedSigners file to check signatures against")
        #expect(result.warnings.map(\.lineColumn) == ["3:3"], "\(result.summary)")
    }

    @Test func misspelledKeysAndBadMembersAreRefused() {
        let result = ConfigFixture.policy("""
            allowedSigner: x
            requireSignedApproval: true
            roles:
              admin: ["ssh:*@example.com", "ssh:"]
            """)
        let messages = result.errors.map { "\($0.message) [\($0.hint ?? "")]" }
        #expect(messages.contains { $0.contains("unknown key 'allowedSigner'") && $0.contains("did you mean 'allowedSigners'?") }, "\(result.summary)")
        #expect(messages.contains { $0.contains("unknown key 'requireSignedApproval'") && $0.contains("did you mean 'requireSignedApprovals'?") })
        #expect(result.errors.filter { $0.message.contains("must name one allowed_signers principal after 'ssh:'") }.count == 2)
    }

    @Test func theSignersFileIsReadBesideThePolicyWithItsOwnPlaces() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsctl-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(".opsctl"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let policyPath = directory.appendingPathComponent("change-policy.yaml").path
        try "allowedSigners: .opsctl/allowed_signers\n".write(toFile: policyPath, atomically: true, encoding: .utf8)
        let missing = ConfigLoader.loadChangePolicy(path: policyPath)
        #expect(missing.errors.map(\.lineColumn) == ["1:17"])
        #expect(missing.errors.first?.message.contains("does not exist") == true)

        try "# signers\nalice@example.com valid-after=soon ssh-ed25519 AAAA\n"
            .write(toFile: directory.appendingPathComponent(".opsctl/allowed_signers").path, atomically: true, encoding: .utf8)
        let broken = ConfigLoader.loadChangePolicy(path: policyPath)
        #expect(broken.errors.map { $0.location?.description ?? "" } == [directory.path + "/.opsctl/allowed_signers:2:19"])

        try "alice@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHFsghvi+pbfmMVdiwOdPBMSNelM/6nOQhC8qBfADDFD\n"
            .write(toFile: directory.appendingPathComponent(".opsctl/allowed_signers").path, atomically: true, encoding: .utf8)
        let good = ConfigLoader.loadChangePolicy(path: policyPath)
        #expect(good.diagnostics.isEmpty, "\(good.summary)")
        #expect(good.model?.allowedSigners?.entries.count == 1)
    }
}
