import Foundation
import FoundationNetworking
import OpsConnectors
import OpsCore
import OpsRender
import OpsSandbox
import Testing

/// Plan → apply for Vercel env vars with canary values, run as a user runs it: the built
/// binary against the sandbox's Vercel emulator over real HTTP on loopback.
final class VercelLoopTests: Sendable {
    static let token = "vercel_E2ECANARYtoken_e2ecanary_98765"
    static let value = "CANARY-e2e-stripe-value-5b8d1f0a"
    static let newValue = "CANARY-e2e-stripe-value-rotated-77"
    static let sensitive = "CANARY-e2e-sensitive-value-c3d9"

    static let desiredState = """
        version: 1
        vercel:
          envVars:
            - key: STRIPE_SECRET_KEY
              targets: [production, preview]
              type: encrypted
              valueFrom: env:STRIPE_SECRET_KEY
            - key: SESSION_SECRET
              targets: [production]
              type: sensitive
              valueFrom: env:SESSION_SECRET
          crons:
            - { path: /api/cron/digest, schedule: "0 9 * * *" }
        """

    static let policy = """
        version: 1
        autoApplyAllowed:
          vercel: true
        """

    let binary: OpsctlBinary
    let workspace: Workspace
    let server: SandboxServer
    let baseURL: String
    let project = "loop-\(UUID().uuidString.prefix(8).lowercased())"

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

    func environment(value: String = VercelLoopTests.value, extra: [String: String] = [:]) -> [String: String] {
        [
            "OPSCTL_SANDBOX_URL": baseURL,
            "OPS_VERCEL_TOKEN": Self.token,
            "OPS_VERCEL_PROJECT_ID": project,
            "OPSCTL_ACTOR": "carol@example.com",
            "STRIPE_SECRET_KEY": value,
            "SESSION_SECRET": Self.sensitive,
        ].merging(extra) { _, new in new }
    }

    func opsctl(_ arguments: [String], value: String = VercelLoopTests.value, extra: [String: String] = [:]) throws -> OpsctlBinary.Output {
        try binary.run(arguments, in: workspace.url, environment: environment(value: value, extra: extra))
    }

    /// Talks to the emulator directly, as someone editing the project in Vercel would.
    func vercel(_ method: String, _ path: String, _ body: String? = nil) async throws -> (Int, JSONValue?) {
        var request = URLRequest(url: URL(string: "\(baseURL)/vercel\(path)")!)
        request.httpMethod = method
        request.setValue("Bearer \(Self.token)", forHTTPHeaderField: "Authorization")
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, try? JSONParser.parse(Array(data)))
    }

    func files() -> [UInt8] {
        var bytes: [UInt8] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: workspace.url.path)) ?? []
        for name in names.filter({ $0.hasSuffix(".json") }) + [".opsctl/receipts.jsonl", ".opsctl/checkpoint"] {
            bytes += Array((try? Data(contentsOf: workspace.url.appendingPathComponent(name))) ?? Data())
        }
        return bytes
    }

    static func leaks(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        return [value, newValue, sensitive, token, String(token.dropFirst(7)), String(value.dropFirst(7))].filter { text.contains($0) }
    }

    @Test func planApplyRotateAndConvergeWithoutLeakingAByte() async throws {
        var outputs: [OpsctlBinary.Output] = []
        let plan = try opsctl(["plan", "--scope", "vercel", "--out", "plan.json"])
        outputs.append(plan)
        #expect(plan.status == 0, "stderr: \(plan.standardError)")
        #expect(plan.standardOutput.contains("+ vercel.env.add.STRIPE_SECRET_KEY"))
        #expect(plan.standardOutput.contains("+ vercel.env.add.SESSION_SECRET"))
        #expect(plan.standardOutput.contains("value   = (sensitive)"))
        #expect(plan.standardOutput.contains(#"fix: set "crons" in vercel.json to [{"path":"/api/cron/digest","schedule":"0 9 * * *"}] and deploy to production"#))

        let apply = try opsctl(["apply", "plan.json"])
        outputs.append(apply)
        #expect(apply.status == 0, "stdout: \(apply.standardOutput) stderr: \(apply.standardError)")
        #expect(apply.standardOutput.contains("applied vercel.env.add.STRIPE_SECRET_KEY"))
        #expect(apply.standardOutput.contains("applied vercel.env.add.SESSION_SECRET"))
        let keyPath = workspace.url.appendingPathComponent(".opsctl/fingerprint.key").path
        #expect((try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int) == 0o600)
        let key = try Data(contentsOf: URL(fileURLWithPath: keyPath))
        #expect(key.count == 32)

        let clean = try opsctl(["plan", "--scope", "vercel", "--out", "clean.json", "--json"])
        outputs.append(clean)
        let cleanPlan = try JSONParser.parse(clean.standardOutputBytes)
        #expect(cleanPlan["changes"] == [])
        let messages = cleanPlan["checks"]?.arrayValue?.compactMap { $0["message"]?.stringValue } ?? []
        #expect(messages.contains("STRIPE_SECRET_KEY (production, preview) matches (type encrypted, value (sensitive, unchanged))"))
        #expect(messages.contains("SESSION_SECRET (production) matches (type sensitive, value (sensitive, unchanged))"))

        let rotated = try opsctl(["plan", "--scope", "vercel", "--out", "rotated.json"], value: Self.newValue)
        outputs.append(rotated)
        #expect(rotated.standardOutput.contains("~ vercel.env.update.STRIPE_SECRET_KEY"))
        #expect(rotated.standardOutput.contains("~ value = (sensitive) → (sensitive, changed)"))
        let applyRotation = try opsctl(["apply", "rotated.json"], value: Self.newValue)
        outputs.append(applyRotation)
        #expect(applyRotation.status == 0, "stdout: \(applyRotation.standardOutput)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.url.appendingPathComponent(".opsctl").path).contains("fingerprint.key"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: keyPath)) == key)

        let converged = try opsctl(["plan", "--scope", "vercel", "--out", "converged.json", "--detailed-exitcode"], value: Self.newValue)
        outputs.append(converged)
        #expect(converged.standardOutput.contains("No changes."))
        let verify = try opsctl(["receipts", "verify"])
        let list = try opsctl(["receipts", "list", "--json"])
        outputs += [verify, list]
        #expect(verify.status == 0)
        #expect(list.standardOutput.contains("valueFingerprint"))

        let everything = outputs.flatMap { $0.standardOutputBytes + $0.standardErrorBytes } + files()
        #expect(Self.leaks(everything).isEmpty)
    }

    @Test func aValueEditedInVercelAfterPlanIsRefusedAsStale() async throws {
        #expect(try opsctl(["plan", "--scope", "vercel", "--out", "plan.json"]).status == 0)
        #expect(try opsctl(["apply", "plan.json"]).status == 0)
        #expect(try opsctl(["plan", "--scope", "vercel", "--out", "rotated.json"], value: Self.newValue).status == 0)
        let (_, listing) = try await vercel("GET", "/v10/projects/\(project)/env")
        let id = try #require(listing?["envs"]?.arrayValue?.first { $0["key"] == "STRIPE_SECRET_KEY" }?["id"]?.stringValue)
        let (status, _) = try await vercel("PATCH", "/v9/projects/\(project)/env/\(id)", #"{"value":"someone-else-edited-it"}"#)
        #expect(status == 200)
        let apply = try opsctl(["apply", "rotated.json"], value: Self.newValue)
        #expect(apply.status == 1)
        #expect(apply.standardOutput.contains("Saved plan is stale: vercel.env.update.STRIPE_SECRET_KEY changed remotely since plan"))
        #expect(Self.leaks(apply.standardOutputBytes + apply.standardErrorBytes + files()).isEmpty)
    }

    @Test func inGitHubActionsEveryValueIsMaskedBeforeAnythingElse() throws {
        let summary = workspace.url.appendingPathComponent("summary.md")
        try Data().write(to: summary)
        let extra = ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary.path]
        let plan = try opsctl(["plan", "--scope", "vercel", "--out", "plan.json", "--json"], extra: extra)
        #expect(plan.status == 0, "stderr: \(plan.standardError)")
        let lines = plan.standardError.split(separator: "\n").map(String.init)
        // The masking commands come first (the token's too, as it is registered as a secret).
        let masks = lines.prefix { $0.hasPrefix("::add-mask::") }
        #expect(Set(masks).isSuperset(of: ["::add-mask::\(Self.value)", "::add-mask::\(Self.sensitive)"]), "\(masks)")
        // Only the masking commands carry the values.
        let rest = lines.dropFirst(masks.count).joined(separator: "\n") + plan.standardOutput + String(decoding: try Data(contentsOf: summary), as: UTF8.self)
        #expect(!rest.contains(Self.value) && !rest.contains(Self.sensitive))
        #expect(rest.contains("::error file=desired-state.yaml"))

        let apply = try opsctl(["apply", "plan.json"], extra: extra)
        #expect(apply.status == 0)
        #expect(apply.standardError.hasPrefix("::add-mask::"))
        #expect(Self.leaks(apply.standardOutputBytes + files()).isEmpty)
    }

    @Test func aMultiLineValueIsMaskedWholeAndLineByLine() throws {
        let pem = "-----BEGIN KEY-----\nCANARYline1abcdef\nCANARYline2ghijkl\n-----END KEY-----"
        let plan = try opsctl(["plan", "--scope", "vercel", "--out", "plan.json"], extra: ["GITHUB_ACTIONS": "true", "SESSION_SECRET": pem])
        #expect(plan.status == 0, "stderr: \(plan.standardError)")
        let masks = plan.standardError.split(separator: "\n").filter { $0.hasPrefix("::add-mask::") }.map(String.init)
        #expect(masks.contains("::add-mask::-----BEGIN KEY-----%0ACANARYline1abcdef%0ACANARYline2ghijkl%0A-----END KEY-----"))
        #expect(masks.contains("::add-mask::CANARYline1abcdef"))
        #expect(masks.contains("::add-mask::CANARYline2ghijkl"))
        #expect(!plan.standardOutput.contains("CANARYline"))
    }

    /// The same loop in process, so the renderers' exact output is checked byte for byte.
    @Test func theRenderedPlanAndReportHoldMarkersOnly() async throws {
        let redactor = Redactor(registry: SecretRegistry())
        let fingerprinter = try SecretFingerprinter(key: [UInt8](repeating: 9, count: 32))
        var context = ConnectorContext(environment: environment(), redactor: redactor)
        let variables = environment()
        let resolver = SecretResolver { reference in
            variables[String(reference.dropFirst(4))].map { .success($0) } ?? .failure(SecretResolutionError(reference: reference, reason: "unset"))
        }
        context.fingerprints = SecretFingerprinting(key: FingerprintKeySource { .success(fingerprinter) }, resolver: resolver, previous: .none)
        let desired = DesiredState(vercel: VercelConfig(envVars: [
            VercelEnvVar(key: "STRIPE_SECRET_KEY", targets: [.production], type: .encrypted, valueFrom: .environment("STRIPE_SECRET_KEY")),
        ]))
        let policy = ChangePolicy(autoApplyAllowed: [.vercel: true])
        let plan = await Planner(registry: ConnectorCatalog.standard, context: context).plan(Planner.Request(
            desired: desired, policy: policy, scopes: [.vercel], actor: "carol@example.com", createdAt: "2026-11-22T10:00:00Z", inputs: []
        ))
        let text = PlanTextRenderer.render(plan, colour: .plain)
        #expect(text.contains("+ value   = (sensitive)"))
        let log = ReceiptLog(path: workspace.url.appendingPathComponent("inproc/receipts.jsonl").path)
        try FileManager.default.createDirectory(at: workspace.url.appendingPathComponent("inproc"), withIntermediateDirectories: true)
        let report = try await Applier(registry: ConnectorCatalog.standard, context: context, log: log, policy: policy, secrets: resolver)
            .apply(Applier.Request(plan: plan, planPath: "plan.json", only: nil, actor: "carol@example.com"))
        #expect(report.applied == 1)
        let rendered = Array((text + PlanFile.encode(plan) + ApplyRenderer.text(report, colour: .plain) + JSONDocument.text(ApplyRenderer.jsonMembers(report))).utf8)
        #expect(Self.leaks(rendered + files()).isEmpty)
    }
}
