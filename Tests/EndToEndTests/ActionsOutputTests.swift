import Foundation
import OpsCore
import OpsSandbox
import Testing

/// The built binary with `GITHUB_ACTIONS=true` and real `$GITHUB_OUTPUT` and
/// `$GITHUB_STEP_SUMMARY` files, against the sandbox's GitHub and Vercel emulators.
final class ActionsOutputTests: Sendable {
    static let token = "ghp_E2EACTIONScanaryTOKENe2eactions4821"
    static let vercelToken = "vercel_ACTIONScanary_e2e_token_61524"
    static let secretValue = "CANARY-actions-env-value-0c7d91aa"

    static let desiredState = """
        version: 1
        github:
          labels:
            - { name: bug, color: d73a4a, description: Something is broken }
            - { name: security, color: b60205 }
        vercel:
          envVars:
            - key: STRIPE_SECRET_KEY
              targets: [production]
              type: encrypted
              valueFrom: env:STRIPE_SECRET_KEY
        """

    static let policy = """
        version: 1
        autoApplyAllowed:
          github: true
          vercel: true
        """

    let binary: OpsctlBinary
    let workspace: Workspace
    let server: SandboxServer
    let baseURL: String
    let repo = "actions-\(UUID().uuidString.prefix(8).lowercased())"

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

    func opsctl(_ arguments: [String], files: ActionsStepFiles) throws -> OpsctlBinary.Output {
        let environment = [
            "OPSCTL_SANDBOX_URL": baseURL,
            "OPS_GITHUB_TOKEN": Self.token, "OPS_GITHUB_OWNER": "acme", "OPS_GITHUB_REPO": repo,
            "OPS_VERCEL_TOKEN": Self.vercelToken, "OPS_VERCEL_PROJECT_ID": repo,
            "STRIPE_SECRET_KEY": Self.secretValue,
            "OPSCTL_ACTOR": "github:ci-bot",
        ].merging(files.environment) { _, new in new }
        return try binary.run(arguments, in: workspace.url, environment: environment)
    }

    func text(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: workspace.url.appendingPathComponent(name)), as: UTF8.self)
    }

    /// The last receipt's hash, read from the log itself.
    func receiptsHead() throws -> String {
        let last = try #require(try text(".opsctl/receipts.jsonl").split(separator: "\n").last)
        return try #require(try JSONParser.parse(Array(last.utf8))["hash"]?.stringValue)
    }

    static func leaks(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        return [token, vercelToken, secretValue, String(token.dropFirst(4)), String(secretValue.dropFirst(7))].filter { text.contains($0) }
    }

    /// Everything a run leaves for the world to read, except the `::add-mask::` lines whose
    /// whole purpose is to carry the value to the runner.
    static func published(_ run: OpsctlBinary.Output, _ files: ActionsStepFiles) -> [UInt8] {
        let errors = run.standardError.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("::add-mask::") }.joined(separator: "\n")
        return run.standardOutputBytes + Array(errors.utf8) + files.outputBytes + files.summaryBytes
    }

    @Test func planThenApplyWriteTheirOutputsAndSummariesWithoutASecretByte() throws {
        let planFiles = try ActionsStepFiles(in: workspace, name: "plan")
        let plan = try opsctl(["plan", "--out", "plan.json", "--detailed-exitcode"], files: planFiles)
        #expect(plan.status == 2, "stderr: \(plan.standardError)")
        let planDigest = try #require(try JSONParser.parse(Array(text("plan.json").utf8))["digest"]?.stringValue)
        #expect(try planFiles.outputs() == [
            // Each missing object is a failing check, answered by the change that creates it.
            "exitcode": "2", "changes": "3", "pending": "0", "failing_checks": "3",
            "plan_digest": planDigest, "receipts_head": try receiptsHead(), "plan_file": "plan.json",
        ])
        #expect(planFiles.summaryText.hasPrefix("## opsctl plan\n"))
        #expect(planFiles.summaryText.contains("github.label.create.bug"))
        #expect(plan.standardError.contains("::add-mask::\(Self.secretValue)"))
        #expect(Self.leaks(Self.published(plan, planFiles)).isEmpty)

        let applyFiles = try ActionsStepFiles(in: workspace, name: "apply")
        let apply = try opsctl(["apply", "plan.json"], files: applyFiles)
        #expect(apply.status == 0, "stdout: \(apply.standardOutput) stderr: \(apply.standardError)")
        let checkpoint = try text(".opsctl/checkpoint").trimmingCharacters(in: .whitespacesAndNewlines)
        let head = try receiptsHead()
        #expect(checkpoint.hasSuffix(head))
        #expect(try applyFiles.outputs() == [
            "exitcode": "0", "changes": "3", "applied": "3", "pending": "0", "failed": "0",
            "plan_digest": planDigest, "receipts_head": head, "plan_file": "plan.json",
        ])
        #expect(applyFiles.summaryText.hasPrefix("## opsctl apply\n"))
        #expect(applyFiles.summaryText.contains("| 3 | 0 | 0 | 0 | 0 | seq "))
        #expect(Self.leaks(Self.published(apply, applyFiles)).isEmpty)

        let againFiles = try ActionsStepFiles(in: workspace, name: "again")
        let again = try opsctl(["plan", "--out", "again.json", "--detailed-exitcode", "--json"], files: againFiles)
        #expect(again.status == 0)
        #expect(try againFiles.outputs()["changes"] == "0")
        #expect(try againFiles.outputs()["exitcode"] == "0")
        // With --json, standard output is the JSON document alone.
        #expect(try JSONParser.parse(again.standardOutputBytes)["changes"] == [])
    }

    /// A path that holds a secret (here the token, as a careless --out might) is not set as an
    /// output: the step gets a warning, and the value appears nowhere.
    @Test func anOutputThatWouldCarryASecretIsRefusedWithAWarning() throws {
        let files = try ActionsStepFiles(in: workspace)
        let out = "plan-\(Self.token).json"
        let plan = try opsctl(["plan", "--scope", "github", "--out", out], files: files)
        #expect(plan.status == 0, "stderr: \(plan.standardError)")
        let outputs = try files.outputs()
        #expect(outputs["plan_file"] == nil)
        #expect(outputs["changes"] == "2")
        #expect(plan.standardOutput.contains("::warning title=opsctl%3A output not set::The step output plan_file was not written: its value contains a secret."))
        #expect(Self.leaks(Self.published(plan, files)).isEmpty)
    }

    @Test func aTenThousandChangePlanSummaryStaysUnderOneMebibyte() throws {
        // Names long enough that the full summary (about 1.5 MB) is over the limit and is cut.
        let labels = (0..<10_000).map { "    - { name: label-\($0)-with-a-longer-name-for-the-row, color: 0e8a16 }" }
        try workspace.write("desired-state.yaml", "version: 1\ngithub:\n  labels:\n" + labels.joined(separator: "\n") + "\n")
        let files = try ActionsStepFiles(in: workspace)
        let plan = try opsctl(["plan", "--scope", "github", "--out", "big.json", "--quiet"], files: files)
        #expect(plan.status == 0, "stderr: \(plan.standardError.prefix(2000))")
        #expect(try files.outputs()["changes"] == "10000")
        #expect(files.summaryBytes.count < 1_048_576)
        #expect(files.summaryText.contains("> **This summary was cut** to stay under GitHub's 1 MiB limit"))
        #expect(files.summaryText.hasSuffix("the full plan is in `big.json` (keep it as an artifact: `opsctl show big.json` prints it).\n"))
    }
}
