import Foundation
import OpsCore
import OpsSandbox
import Testing

/// plan → approve --sign → apply with the built binary against the sandbox's GitHub emulator,
/// the key made and the statement signed by the real ssh-keygen, the signature checked by
/// opsctl natively.
final class SignedApprovalLoopTests: Sendable {
    static let token = "ghp_SIGNEDcanarySIGNEDcanarySIGNED1234"

    static let desiredState = """
        version: 1
        github:
          branchProtection:
            - branch: main
              requiredReviews: 1
              requiredStatusChecks: [ci]
              enforceAdmins: true
        """

    static func policy(requireSigned: Bool) -> String {
        """
        version: 1
        roles:
          admin: [alice@example.com, ssh:alice@example.com]
        autoApplyAllowed:
          github: true
        approvalRules:
          github.branch_protection.*:
            requiresApproval: true
            approvers: [admin]
        separationOfDuties: true
        approvalTTL: 1h
        allowedSigners: .opsctl/allowed_signers
        requireSignedApprovals: \(requireSigned)
        """
    }

    let binary: OpsctlBinary
    let workspace: Workspace
    let server: SandboxServer
    let baseURL: String
    let repo = "signed-\(UUID().uuidString.prefix(8).lowercased())"

    init() throws {
        binary = try OpsctlBinary.locate()
        workspace = try Workspace.make()
        server = try SandboxServer(configuration: SandboxConfiguration(port: 0))
        baseURL = try server.start()
        try workspace.write("desired-state.yaml", Self.desiredState)
        try workspace.write("change-policy.yaml", Self.policy(requireSigned: false))
        try FileManager.default.createDirectory(at: workspace.url.appendingPathComponent(".opsctl"), withIntermediateDirectories: true)
        try keygen(["-q", "-t", "ed25519", "-N", "", "-C", "alice", "-f", path("alice_key")])
        try keygen(["-q", "-t", "ed25519", "-N", "", "-C", "mallory", "-f", path("mallory_key")])
        let alice = try String(contentsOfFile: path("alice_key.pub"), encoding: .utf8)
        try workspace.write(".opsctl/allowed_signers", "# who may sign approvals\nalice@example.com namespaces=\"opsctl-approval@v1\" \(alice)")
    }

    deinit {
        server.stop()
        workspace.remove()
    }

    func path(_ name: String) -> String { workspace.url.appendingPathComponent(name).path }

    func keygen(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-keygen")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    func opsctl(_ arguments: [String], as actor: String = "carol@example.com", extra: [String: String] = [:]) throws -> OpsctlBinary.Output {
        try binary.run(arguments, in: workspace.url, environment: [
            "OPSCTL_SANDBOX_URL": baseURL, "OPS_GITHUB_TOKEN": Self.token, "OPS_GITHUB_OWNER": "acme", "OPS_GITHUB_REPO": repo,
            "OPSCTL_ACTOR": actor,
        ].merging(extra) { _, new in new })
    }

    @Test func aSignedApprovalIsAppliedAndAnUnsignedOneIsRefusedWhenSignaturesAreRequired() throws {
        let change = "github.branch_protection.update.main"
        let plan = try opsctl(["plan", "--scope", "github", "--out", "plan.json"])
        #expect(plan.status == 0, "stderr: \(plan.standardError)")

        // An unsigned approval made while the policy allowed it stops counting once signatures are required.
        let unsigned = try opsctl(["approve", change, "--plan", "plan.json"], as: "alice@example.com")
        #expect(unsigned.status == 0, "stderr: \(unsigned.standardError)")
        #expect(unsigned.standardOutput.contains("approved by alice@example.com (cli)"))
        try workspace.write("change-policy.yaml", Self.policy(requireSigned: true))
        let refused = try opsctl(["apply", "plan.json"])
        #expect(refused.status == 2, "stdout: \(refused.standardOutput) stderr: \(refused.standardError)")
        #expect(refused.standardOutput.contains(
            "the approval by alice@example.com is not signed, and policy requires signed approvals (requireSignedApprovals)"))
        let again = try opsctl(["approve", change, "--plan", "plan.json"], as: "alice@example.com")
        #expect(again.status == 1)
        #expect(again.standardError.contains("is not signed"))

        // A key allowed_signers does not list is refused at once, and nothing is recorded.
        let stranger = try opsctl(["approve", change, "--plan", "plan.json", "--sign", path("mallory_key")], as: "alice@example.com")
        #expect(stranger.status == 1)
        #expect(stranger.standardError.contains("is not in allowed_signers"), "stderr: \(stranger.standardError)")
        let noTool = try opsctl(["approve", change, "--plan", "plan.json", "--sign", path("alice_key")], as: "alice@example.com",
                                extra: ["OPSCTL_SSH_KEYGEN": "/nonexistent/ssh-keygen"])
        #expect(noTool.status == 1)
        #expect(noTool.standardError.contains("needs ssh-keygen"))

        let signed = try opsctl(["approve", change, "--plan", "plan.json", "--sign", path("alice_key"), "--reason", "reviewed"], as: "alice@example.com")
        #expect(signed.status == 0, "stderr: \(signed.standardError)")
        #expect(signed.standardOutput.contains("as ssh:alice@example.com (ssh-signed SHA256:"))

        let status = try opsctl(["status", change, "--plan", "plan.json"])
        #expect(status.standardOutput.contains("approved by ssh:alice@example.com (ssh-signed SHA256:"), "\(status.standardOutput)")
        let statusJSON = try JSONParser.parse(Array(try opsctl(["status", change, "--plan", "plan.json", "--json"]).standardOutput.utf8))
        let approval = statusJSON["changes"]?.arrayValue?.first?["approvals"]?.arrayValue?.first ?? statusJSON.arrayValue?.first?["approvals"]?.arrayValue?.first
        #expect(approval?["method"] == .string("ssh-signed"))
        #expect(approval?["fingerprint"]?.stringValue?.hasPrefix("SHA256:") == true)

        let applied = try opsctl(["apply", "plan.json"])
        #expect(applied.status == 0, "stdout: \(applied.standardOutput) stderr: \(applied.standardError)")
        #expect(applied.standardOutput.contains("applied \(change)"))

        let receipts = try String(contentsOfFile: path(".opsctl/receipts.jsonl"), encoding: .utf8)
        #expect(receipts.contains("\"bodyVersion\":2"))
        #expect(receipts.contains("-----BEGIN SSH SIGNATURE-----"))

        let verify = try opsctl(["receipts", "verify", "--approvals"])
        #expect(verify.status == 0, "stdout: \(verify.standardOutput) stderr: \(verify.standardError)")
        #expect(verify.standardOutput.contains("approved by ssh:alice@example.com"))
        #expect(verify.standardOutput.contains("signature verified (libcrypto)"))

        // Alice's key leaves allowed_signers: re-verifying the log now says so, and exits 2.
        try workspace.write(".opsctl/allowed_signers", "bob@example.com \(try String(contentsOfFile: path("mallory_key.pub"), encoding: .utf8))")
        let revoked = try opsctl(["receipts", "verify", "--approvals"])
        #expect(revoked.status == 2)
        #expect(revoked.standardOutput.contains("signature refused: the signing key SHA256:"))
    }

    @Test func problemsInAllowedSignersAreReportedWithTheirPlace() throws {
        try workspace.write(".opsctl/allowed_signers", "alice@example.com ssh-ed25519 AAAA\nbob@example.com valid-before=tomorrow ssh-ed25519 AAAA\n")
        let validate = try opsctl(["validate"])
        #expect(validate.status != 0)
        let output = validate.standardOutput + validate.standardError
        #expect(output.contains(".opsctl/allowed_signers:1:31"), "\(output)")
        #expect(output.contains(".opsctl/allowed_signers:2:17"), "\(output)")
    }
}
