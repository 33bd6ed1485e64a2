import Foundation
import OpsCore
import OpsSandbox
import OpsTesting
import Testing

/// `--metrics-file` on `plan` and `apply`, run in process against the sandbox's GitHub.
final class MetricsFileTests: Sendable {
    static let token = "ghp_METRICSCANARYmetricscanary0123456789"

    let server: SandboxServer
    let baseURL: String
    let directory: TemporaryDirectory

    init() throws {
        server = try SandboxServer(configuration: SandboxConfiguration(port: 0))
        baseURL = try server.start()
        directory = try TemporaryDirectory.make()
        try directory.write("desired-state.yaml", """
            version: 1
            github:
              labels:
                - { name: bug, color: d73a4a }
                - { name: docs, color: 0075ca }
            """)
        try directory.write("change-policy.yaml", "version: 1\nautoApplyAllowed:\n  github: true\n")
    }

    deinit {
        server.stop()
        directory.remove()
    }

    func run(_ command: String, _ arguments: [String]) async -> CapturedRun {
        await runOpsctl(
            [command, "-f", directory.file("desired-state.yaml"), "-p", directory.file("change-policy.yaml"), "--receipts", directory.file("receipts.jsonl")]
                + arguments,
            environment: [
                "OPSCTL_SANDBOX_URL": baseURL, "OPS_GITHUB_TOKEN": Self.token, "OPS_GITHUB_OWNER": "acme",
                "OPS_GITHUB_REPO": "metrics-\(UUID().uuidString.prefix(8).lowercased())", "OPSCTL_ACTOR": "ci@example.com",
            ])
    }

    func metrics(_ name: String) throws -> [PrometheusTextFormat.Sample] {
        let text = try String(contentsOfFile: directory.file(name), encoding: .utf8)
        switch PrometheusTextFormat.parse(text) {
        case .success(let samples): return samples
        case .failure(let problems):
            Issue.record("invalid exposition format: \(problems)")
            return []
        }
    }

    static func value(_ samples: [PrometheusTextFormat.Sample], _ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    @Test func planAndApplyWriteTheirFiguresInTheTextFormat() async throws {
        let plan = await run("plan", ["--out", directory.file("plan.json"), "--metrics-file", directory.file("plan.prom")])
        #expect(plan.status == 0, "stderr: \(plan.standardError)")
        let planned = try metrics("plan.prom")
        #expect(Self.value(planned, "opsctl_drift_changes", ["scope": "github", "risk": "low"]) == 2)
        #expect(Self.value(planned, "opsctl_checks", ["scope": "github", "status": "error"]) == 0)
        #expect(Self.value(planned, "opsctl_last_run_success", ["command": "plan"]) == 1)
        #expect(Self.value(planned, "opsctl_receipts_head_seq") == 0, "the plan receipt is the log's first")
        let timestamp = try #require(Self.value(planned, "opsctl_last_run_timestamp_seconds", ["command": "plan"]))
        #expect(abs(timestamp - Date().timeIntervalSince1970) < 120)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.file("plan.prom"))
        #expect((attributes[.posixPermissions] as? Int) == 0o644, "the collector runs as another user")

        let apply = await run("apply", [directory.file("plan.json"), "--metrics-file", directory.file("apply.prom")])
        #expect(apply.status == 0, "stderr: \(apply.standardError)")
        let applied = try metrics("apply.prom")
        #expect(Self.value(applied, "opsctl_apply_changes", ["result": "applied"]) == 2)
        #expect(Self.value(applied, "opsctl_apply_changes", ["result": "failed"]) == 0)
        #expect(Self.value(applied, "opsctl_approvals_pending") == 0)
        #expect(Self.value(applied, "opsctl_receipts_head_seq") == 4, "plan, then an intent and an outcome per change")
        #expect(!(try String(contentsOfFile: directory.file("apply.prom"), encoding: .utf8)).contains(Self.token))
    }

    @Test func aNameTheCollectorWouldIgnoreIsRefused() async throws {
        let run = await run("plan", ["--out", directory.file("plan.json"), "--metrics-file", directory.file("plan.txt")])
        #expect(run.status == 64, "a usage error")
        #expect(run.standardError.contains("must end in .prom"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("plan.json")), "nothing ran")
    }

    @Test func aFileThatCannotBeWrittenIsAWarningAndTheRunStillSucceeds() async throws {
        let run = await run("plan", ["--out", directory.file("plan.json"), "--metrics-file", directory.file("missing/dir/plan.prom")])
        #expect(run.status == 0)
        #expect(run.standardError.contains("cannot write the metrics file"))
        #expect(FileManager.default.fileExists(atPath: directory.file("plan.json")))
    }
}
