import Foundation
import FoundationNetworking
import OpsCore
import OpsSandbox
import Testing

/// The secrets scope as a user runs it: the built binary, a source in the environment, the
/// sandbox's Heroku on loopback, plan → approve → apply in GitHub Actions, with canary values
/// on both sides that must appear in no byte opsctl writes, nor as their bare SHA-256.
final class SecretsLoopTests: Sendable {
    static let apiKey = "heroku-CANARY-e2e-apikey-0c0ffee1"
    static let sourceValue = "CANARY-e2e-source-database-url-81f2"
    static let rotatedValue = "CANARY-e2e-rotated-database-url-55aa"
    static let stripeValue = "CANARY-e2e-source-stripe-key-33bd"
    static let herokuValue = "CANARY-e2e-heroku-database-url-7e7e"
    static let extraValue = "CANARY-e2e-heroku-extra-value-9a9a"

    static let desiredState = """
        version: 1
        secrets:
          source: env
          targets:
            heroku: { app: autorisen }
          keys:
            - DATABASE_URL
            - { key: STRIPE_SECRET_KEY, owner: payments@example.com, rotateEvery: 90d }
        """

    let binary: OpsctlBinary
    let workspace: Workspace
    let server: SandboxServer
    let baseURL: String

    init() throws {
        binary = try OpsctlBinary.locate()
        workspace = try Workspace.make()
        server = try SandboxServer(configuration: SandboxConfiguration(port: 0))
        baseURL = try server.start()
        try workspace.write("desired-state.yaml", Self.desiredState)
        try workspace.write("change-policy.yaml", "version: 1\n")
    }

    deinit {
        server.stop()
        workspace.remove()
    }

    func opsctl(_ arguments: [String], database: String = SecretsLoopTests.sourceValue, actor: String = "carol@example.com") throws -> OpsctlBinary.Output {
        let summary = workspace.url.appendingPathComponent("summary.md")
        if !FileManager.default.fileExists(atPath: summary.path) { try Data().write(to: summary) }
        return try binary.run(arguments, in: workspace.url, environment: [
            "OPSCTL_SANDBOX_URL": baseURL, "HEROKU_API_KEY": Self.apiKey, "OPSCTL_ACTOR": actor,
            "DATABASE_URL": database, "STRIPE_SECRET_KEY": Self.stripeValue,
            "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary.path,
        ])
    }

    /// A Heroku API call as someone at the dashboard would make it.
    @discardableResult
    func heroku(_ method: String, _ path: String, _ body: String? = nil) async throws -> JSONValue? {
        var request = URLRequest(url: URL(string: "\(baseURL)/heroku\(path)")!)
        request.httpMethod = method
        request.setValue("Bearer \(Self.apiKey)", forHTTPHeaderField: "Authorization")
        request.setValue("application/vnd.heroku+json; version=3", forHTTPHeaderField: "Accept")
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, _) = try await URLSession.shared.data(for: request)
        return try? JSONParser.parse(Array(data))
    }

    func files() -> [UInt8] {
        var bytes: [UInt8] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: workspace.url.path)) ?? []
        for name in names.filter({ $0.hasSuffix(".json") || $0.hasSuffix(".md") }) + [".opsctl/receipts.jsonl", ".opsctl/checkpoint"] {
            bytes += Array((try? Data(contentsOf: workspace.url.appendingPathComponent(name))) ?? Data())
        }
        return bytes
    }

    static func leaks(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        let values = [apiKey, sourceValue, rotatedValue, stripeValue, herokuValue, extraValue]
        return (values + values.map { PlanDigest.hexSHA256(Array($0.utf8)) }).filter { text.contains($0) }
    }

    static func maskCommands(_ text: String) -> Set<String> {
        Set(text.split(separator: "\n").filter { $0.hasPrefix("::add-mask::") }.map { String($0.dropFirst("::add-mask::".count)) })
    }

    static func withoutMaskCommands(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("::add-mask::") }.joined(separator: "\n")
    }

    /// Values the secrets scope reads from its source and from the target never pass through
    /// valueFrom, yet the runner must mask them before anything could print them.
    @Test func inGitHubActionsValuesReadFromTheSourceAndTheTargetAreMasked() async throws {
        try await heroku("PATCH", "/apps/autorisen/config-vars", #"{"DATABASE_URL": "\#(Self.herokuValue)", "EXTRA_KEY": "\#(Self.extraValue)"}"#)
        let plan = try opsctl(["plan", "--scope", "secrets", "--out", "plan.json"])
        #expect(plan.status == 0, "stderr: \(plan.standardError)")
        let masked = Self.maskCommands(plan.standardError)
        for value in [Self.sourceValue, Self.stripeValue, Self.herokuValue, Self.extraValue, Self.apiKey] {
            #expect(masked.contains(value), "not masked: \(value.prefix(12))…")
        }
        // Outside GitHub Actions nothing is announced.
        let local = try binary.run(["plan", "--scope", "secrets", "--out", "local.json"], in: workspace.url, environment: [
            "OPSCTL_SANDBOX_URL": baseURL, "HEROKU_API_KEY": Self.apiKey, "OPSCTL_ACTOR": "carol@example.com",
            "DATABASE_URL": Self.sourceValue, "STRIPE_SECRET_KEY": Self.stripeValue,
        ])
        #expect(local.status == 0)
        #expect(!local.standardError.contains("::add-mask::"))
        #expect(Self.leaks(local.standardOutputBytes + local.standardErrorBytes).isEmpty)
    }

    @Test func planApproveApplyAndAStaleRefusalWithoutLeakingAByte() async throws {
        try await heroku("PATCH", "/apps/autorisen/config-vars", #"{"DATABASE_URL": "\#(Self.herokuValue)", "EXTRA_KEY": "\#(Self.extraValue)"}"#)
        var outputs: [OpsctlBinary.Output] = []

        let plan = try opsctl(["plan", "--scope", "secrets", "--out", "plan.json"])
        outputs.append(plan)
        #expect(plan.status == 0, "stderr: \(plan.standardError)")
        #expect(plan.standardOutput.contains("~ secrets.sync.heroku.autorisen  (high risk, needs approval)"))
        #expect(plan.standardOutput.contains("  DATABASE_URL       differs\n"))
        #expect(plan.standardOutput.contains("  STRIPE_SECRET_KEY  missing in target\n"))
        #expect(plan.standardOutput.contains("  EXTRA_KEY          extra in target\n"))
        let summary = String(decoding: try Data(contentsOf: workspace.url.appendingPathComponent("summary.md")), as: UTF8.self)
        #expect(summary.contains("| `DATABASE_URL` | differs |"))

        let show = try opsctl(["show", "plan.json", "--json"])
        outputs.append(show)
        let json = try JSONParser.parse(show.standardOutputBytes)
        let ids = json["checks"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        #expect(ids.contains("secrets.heroku.differs.DATABASE_URL"))
        #expect(ids.contains("secrets.heroku.missing-in-target.STRIPE_SECRET_KEY"))
        #expect(ids.contains("secrets.heroku.unmanaged.EXTRA_KEY"))

        let unapproved = try opsctl(["apply", "plan.json"])
        outputs.append(unapproved)
        #expect(unapproved.standardOutput.contains("awaiting approval"))
        let approve = try opsctl(["approve", "secrets.sync.heroku.autorisen", "--plan", "plan.json", "--reason", "reviewed"], actor: "alice@example.com")
        outputs.append(approve)
        #expect(approve.status == 0, "stderr: \(approve.standardError)")
        let apply = try opsctl(["apply", "plan.json"])
        outputs.append(apply)
        #expect(apply.status == 0, "stdout: \(apply.standardOutput) stderr: \(apply.standardError)")
        #expect(apply.standardOutput.contains("applied secrets.sync.heroku.autorisen: set DATABASE_URL, STRIPE_SECRET_KEY in Heroku app autorisen"))
        let vars = try await heroku("GET", "/apps/autorisen/config-vars")
        #expect(vars == ["DATABASE_URL": .string(Self.sourceValue), "STRIPE_SECRET_KEY": .string(Self.stripeValue), "EXTRA_KEY": .string(Self.extraValue)])

        let converged = try opsctl(["plan", "--scope", "secrets", "--out", "converged.json"])
        outputs.append(converged)
        #expect(converged.standardOutput.contains("No changes."))
        #expect(converged.standardOutput.contains("  DATABASE_URL       in sync\n"))

        // A new value in the source is planned; then someone edits Heroku by hand before apply.
        let rotated = try opsctl(["plan", "--scope", "secrets", "--out", "rotated.json"], database: Self.rotatedValue)
        outputs.append(rotated)
        try await heroku("PATCH", "/apps/autorisen/config-vars", #"{"STRIPE_SECRET_KEY": "\#(Self.herokuValue)"}"#)
        let approveRotation = try opsctl(["approve", "secrets.sync.heroku.autorisen", "--plan", "rotated.json", "--reason", "rotation"],
                                         database: Self.rotatedValue, actor: "alice@example.com")
        outputs.append(approveRotation)
        let stale = try opsctl(["apply", "rotated.json"], database: Self.rotatedValue)
        outputs.append(stale)
        #expect(stale.status == 1)
        #expect(stale.standardOutput.contains("STRIPE_SECRET_KEY changed in Heroku app autorisen since the plan"))

        let verify = try opsctl(["receipts", "verify"])
        outputs.append(verify)
        #expect(verify.status == 0)
        // The runner reads `::add-mask::` lines and blanks their values in the job log from then
        // on; every other line must carry no value at all.
        let everything = outputs.flatMap { $0.standardOutputBytes + Array(Self.withoutMaskCommands($0.standardError).utf8) } + files()
        #expect(Self.leaks(everything).isEmpty, "leaked: \(Self.leaks(everything))")
    }
}
