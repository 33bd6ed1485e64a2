import Foundation
import FoundationNetworking
import OpsCore
import OpsSandbox
import Testing

/// The plan → approve → apply loop, run as a user runs it: the built binary against the
/// sandbox's GitHub emulator over real HTTP on loopback.
final class PlanApplyLoopTests: Sendable {
    static let token = "ghp_E2ECANARYe2ecanaryE2ECANARYe2e12345"
    static let receiptsKey = "receipts-key-CANARY-7f3a9c"

    static let desiredState = """
        version: 1
        github:
          labels:
            - { name: bug, color: d73a4a, description: Something is broken }
            - { name: security, color: b60205 }
          branchProtection:
            - branch: main
              requiredReviews: 1
              requiredStatusChecks: [ci]
              enforceAdmins: true
        """

    static let policy = """
        version: 1
        roles:
          admin: [alice@example.com]
        autoApplyAllowed:
          github: true
        approvalRules:
          github.branch_protection.*:
            requiresApproval: true
            approvers: [admin]
        separationOfDuties: true
        approvalTTL: 1h
        """

    let binary: OpsctlBinary
    let workspace: Workspace
    let server: SandboxServer
    let baseURL: String
    let repo = "loop-\(UUID().uuidString.prefix(8).lowercased())"

    init() throws {
        binary = try OpsctlBinary.locate()
        workspace = try Workspace.make()
        server = try SandboxServer(configuration: SandboxConfiguration(port: 0))
        baseURL = try server.start()
        try workspace.write("desired-state.yaml", Self.desiredState)
        try workspace.write("change-policy.yaml", Self.policy)
    }

    deinit {
        server.stop()
        workspace.remove()
    }

    func environment(actor: String) -> [String: String] {
        [
            "OPSCTL_SANDBOX_URL": baseURL,
            "OPS_GITHUB_TOKEN": Self.token,
            "OPS_GITHUB_OWNER": "acme",
            "OPS_GITHUB_REPO": repo,
            "OPSCTL_ACTOR": actor,
            "OPSCTL_RECEIPTS_KEY": Self.receiptsKey,
        ]
    }

    func opsctl(_ arguments: [String], as actor: String = "carol@example.com") throws -> OpsctlBinary.Output {
        try binary.run(arguments, in: workspace.url, environment: environment(actor: actor))
    }

    /// Talks to the emulator directly, as another person editing GitHub would.
    func github(_ method: String, _ path: String, _ body: String? = nil) async throws -> Int {
        var request = URLRequest(url: URL(string: "\(baseURL)/github/repos/acme/\(repo)\(path)")!)
        request.httpMethod = method
        request.setValue("Bearer \(Self.token)", forHTTPHeaderField: "Authorization")
        request.setValue("opsctl-tests", forHTTPHeaderField: "User-Agent")
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    func seedDriftedLabel() async throws {
        #expect(try await github("POST", "/labels", #"{"name":"bug","color":"ee0701"}"#) == 201)
    }

    @Test func aPlanThatCannotReadAScopeSaysSoAndKeepsTheLastGoodPlan() async throws {
        let good = try opsctl(["plan", "--scope", "github", "--out", "plan.json"])
        #expect(good.status == 0, "stderr: \(good.standardError)")
        let planPath = workspace.url.appendingPathComponent("plan.json").path
        let receiptsPath = workspace.url.appendingPathComponent(".opsctl/receipts.jsonl").path
        let goodBytes = try Data(contentsOf: URL(fileURLWithPath: planPath))
        let receiptsBefore = try Data(contentsOf: URL(fileURLWithPath: receiptsPath))

        // GitHub refuses the token: the scope cannot be read.
        var environment = environment(actor: "carol@example.com")
        environment["OPS_GITHUB_TOKEN"] = nil
        let failed = try binary.run(["plan", "--scope", "github", "--out", "plan.json"], in: workspace.url, environment: environment)
        #expect(failed.status == 1)
        #expect(failed.standardOutput.hasPrefix("Plan incomplete: github could not be read (github was not audited: OPS_GITHUB_TOKEN is not set)."))
        #expect(!failed.standardOutput.contains("No changes"))
        #expect(failed.standardError.contains("No plan was written"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: planPath)) == goodBytes, "the last good plan is kept")
        #expect(try Data(contentsOf: URL(fileURLWithPath: receiptsPath)) == receiptsBefore, "no plan receipt for an incomplete plan")

        // A plan file that records an unread scope (written by hand, or by an older opsctl) is
        // refused by apply unless the operator asks for it.
        var incomplete = try PlanFile.read(from: planPath)
        incomplete.checks.append(Check(id: "github.branch_protection.main", scope: .github, name: "branch protection main", status: .error, message: "timed out"))
        try PlanFile.write(incomplete, to: workspace.url.appendingPathComponent("incomplete.json").path)
        let refused = try opsctl(["apply", "incomplete.json"])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("the plan is incomplete: github could not be read when it was made"))
        #expect(refused.standardError.contains("--allow-incomplete"))
        let allowed = try opsctl(["apply", "incomplete.json", "--allow-incomplete"])
        #expect(allowed.standardOutput.contains("applied github.label.create.security"), "stderr: \(allowed.standardError)")
    }

    @Test func verbosePlanPrintsEachRequestRedactedOnStandardError() async throws {
        let plan = try opsctl(["plan", "--scope", "github", "--out", "plan.json", "-v"])
        #expect(plan.status == 0, "stderr: \(plan.standardError)")
        let lines = plan.standardError.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.wholeMatch(of: /GET \/repos\/acme\/loop-[a-z0-9]+\/labels\?per_page=100 → 200 \(\d+ ms\)/) != nil }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("GET /repos/acme/\(repo)/branches/main/protection → 404 (") })
        #expect(!plan.standardOutput.contains(" → "), "request lines go to standard error only")
        #expect(!plan.standardError.contains(Self.token))
        let quiet = try opsctl(["plan", "--scope", "github", "--out", "plan.json"])
        #expect(!quiet.standardError.contains(" → "))
    }

    @Test func planApproveApplyVerifyAndConverge() async throws {
        try await seedDriftedLabel()

        let plan = try opsctl(["plan", "--scope", "github", "--out", "plan.json"])
        #expect(plan.status == 0, "stderr: \(plan.standardError)")
        #expect(plan.standardOutput.contains("~ github.label.update.bug"))
        #expect(plan.standardOutput.contains("+ github.label.create.security"))
        #expect(plan.standardOutput.contains("~ github.branch_protection.update.main"))
        #expect(plan.standardOutput.contains("Plan: 1 to add, 2 to change, 0 to destroy. 1 awaiting approval."))
        let planPath = workspace.url.appendingPathComponent("plan.json").path
        #expect((try FileManager.default.attributesOfItem(atPath: planPath)[.posixPermissions] as? Int) == 0o600)

        // Labels may auto-apply; branch protection waits for an admin: exit 2.
        let firstApply = try opsctl(["apply", "plan.json"])
        #expect(firstApply.status == 2, "stdout: \(firstApply.standardOutput) stderr: \(firstApply.standardError)")
        #expect(firstApply.standardOutput.contains("applied github.label.update.bug"))
        #expect(firstApply.standardOutput.contains("awaiting-approval github.branch_protection.update.main"))

        let selfApproval = try opsctl(["approve", "github.branch_protection.update.main", "--plan", "plan.json"])
        #expect(selfApproval.status == 1)
        #expect(selfApproval.standardError.contains("separationOfDuties"))

        let outsider = try opsctl(["approve", "github.branch_protection.update.main", "--plan", "plan.json"], as: "mallory@example.com")
        #expect(outsider.status == 1)
        #expect(outsider.standardError.contains("holds none of the roles"))

        let typo = try opsctl(["approve", "github.branch_protection.update.mian", "--plan", "plan.json"], as: "alice@example.com")
        #expect(typo.status == 1)
        #expect(typo.standardError.contains("did you mean 'github.branch_protection.update.main'"))

        let approval = try opsctl(["approve", "github.branch_protection.update.main", "--plan", "plan.json", "--reason", "reviewed"], as: "alice@example.com")
        #expect(approval.status == 0, "stderr: \(approval.standardError)")
        #expect(approval.standardOutput.contains("approved by alice@example.com"))

        let status = try opsctl(["status", "--plan", "plan.json"])
        #expect(status.status == 0)
        #expect(status.standardOutput.contains("github.label.update.bug"))
        #expect(status.standardOutput.contains("applied"))

        let secondApply = try opsctl(["apply", "plan.json"])
        #expect(secondApply.status == 0, "stdout: \(secondApply.standardOutput) stderr: \(secondApply.standardError)")
        #expect(secondApply.standardOutput.contains("applied github.branch_protection.update.main"))
        #expect(secondApply.standardOutput.contains("already-applied github.label.update.bug"))

        let receipts = try String(contentsOf: workspace.url.appendingPathComponent(".opsctl/receipts.jsonl"), encoding: .utf8)
        let kinds = receipts.split(separator: "\n").compactMap { line in
            (try? JSONParser.parse(String(line)))?["kind"]?.stringValue
        }
        #expect(kinds == ["plan", "intent", "intent", "outcome", "outcome", "approve", "intent", "outcome"])
        #expect(receipts.contains("\"mac\""))
        let checkpoint = try String(contentsOf: workspace.url.appendingPathComponent(".opsctl/checkpoint"), encoding: .utf8)
        #expect(checkpoint.hasPrefix("7 "))

        let verify = try opsctl(["receipts", "verify"])
        #expect(verify.status == 0, "stderr: \(verify.standardError)")

        let again = try opsctl(["plan", "--scope", "github", "--out", "again.json", "--detailed-exitcode"])
        #expect(again.status == 0, "stdout: \(again.standardOutput)")
        #expect(again.standardOutput.contains("No changes."))
    }

    @Test func aChangeThatMovedRemotelyIsRefusedAsStale() async throws {
        try await seedDriftedLabel()
        #expect(try opsctl(["plan", "--scope", "github", "--out", "plan.json"]).status == 0)
        #expect(try await github("PATCH", "/labels/bug", #"{"color":"00ff00"}"#) == 200)
        let apply = try opsctl(["apply", "plan.json", "--only", "github.label.update.bug"])
        #expect(apply.status == 1)
        #expect(apply.standardOutput.contains("Saved plan is stale: github.label.update.bug changed remotely since plan (observed sha256:"))
        #expect(apply.standardOutput.contains("re-run plan"))
    }

    @Test func aTamperedPlanIsRefused() async throws {
        try await seedDriftedLabel()
        #expect(try opsctl(["plan", "--scope", "github", "--out", "plan.json"]).status == 0)
        let path = workspace.url.appendingPathComponent("plan.json")
        let text = try String(contentsOf: path, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"d73a4a\"", with: "\"123456\"").utf8).write(to: path)
        let apply = try opsctl(["apply", "plan.json"])
        #expect(apply.status == 1)
        #expect(apply.standardError.contains("was modified after planning"))

        try Data(text.prefix(text.count / 2).utf8).write(to: path)
        let truncated = try opsctl(["apply", "plan.json"])
        #expect(truncated.status == 1)
        #expect(truncated.standardError.contains("not valid JSON"))
    }

    @Test func unknownScopeIsAUsageError() throws {
        let output = try opsctl(["plan", "--scope", "githbu"])
        #expect(output.status == 64)
        #expect(output.standardError.contains("did you mean 'github'"))
    }

    @Test func canariesNeverReachOutputPlanOrReceipts() async throws {
        try await seedDriftedLabel()
        // A service that echoes the token back in its error body must not make opsctl print it.
        var request = URLRequest(url: URL(string: "\(baseURL)/_sandbox/faults")!)
        request.httpMethod = "POST"
        request.httpBody = Data(#"""
            {"path": "/github/repos/acme/\#(repo)/branches/main/protection", "responses": [
              {"status": 500, "repeat": 8, "body": {"message": "backend failed for Authorization: Bearer \#(Self.token)"}}]}
            """#.utf8)
        _ = try await URLSession.shared.data(for: request)

        var outputs: [OpsctlBinary.Output] = []
        outputs.append(try opsctl(["plan", "--scope", "github", "--out", "plan.json"]))
        outputs.append(try opsctl(["plan", "--scope", "github", "--out", "plan.json", "--json"]))
        outputs.append(try opsctl(["apply", "plan.json"]))
        outputs.append(try opsctl(["receipts", "list", "--json"]))
        #expect(outputs[0].status == 1, "an unreadable service is an error")
        #expect(outputs[0].standardOutput.contains("500"))

        var everything = outputs.flatMap { $0.standardOutputBytes + $0.standardErrorBytes }
        for file in ["plan.json", ".opsctl/receipts.jsonl", ".opsctl/checkpoint"] {
            everything += Array((try? Data(contentsOf: workspace.url.appendingPathComponent(file))) ?? Data())
        }
        let text = String(decoding: everything, as: UTF8.self)
        #expect(!text.isEmpty)
        #expect(!text.contains(Self.token))
        #expect(!text.contains(Self.receiptsKey))
        #expect(!text.contains(String(Self.token.dropFirst(4))))
    }
}
