import Foundation
import OpsConnectors
import OpsCore
import OpsSandbox
import Testing

/// `valueFrom: ssm:/path` for Vercel env vars, run as a user runs it: the built binary against
/// the sandbox's SSM and Vercel. Plan-time fingerprints and apply both read the parameter
/// through the SSM client; the canary value appears in no byte of output or files.
final class SSMValueFromTests: Sendable {
    static let value = "CANARY-ssm-valuefrom-stripe-4d2a9e71"
    static let rotated = "CANARY-ssm-valuefrom-rotated-0b6c"
    static let token = "vercel_SSMVALUEFROMtoken_1234567"

    static let desiredState = """
        version: 1
        vercel:
          envVars:
            - key: STRIPE_SECRET_KEY
              targets: [production]
              type: encrypted
              valueFrom: ssm:/autorisen/prod/STRIPE_SECRET_KEY
        """

    let binary: OpsctlBinary
    let workspace: Workspace
    let server: SandboxServer
    let baseURL: String
    let project = "ssm-\(UUID().uuidString.prefix(8).lowercased())"

    init() throws {
        binary = try OpsctlBinary.locate()
        workspace = try Workspace.make()
        let state: JSONValue = ["ssm": ["parameters": [
            ["name": "/autorisen/prod/STRIPE_SECRET_KEY", "type": "SecureString", "value": .string(Self.value), "version": 1, "last_modified_ms": 1_764_547_200_000],
        ]]]
        try workspace.write("sandbox-state.json", JSONWriter.pretty(state) + "\n")
        server = try SandboxServer(configuration: SandboxConfiguration(port: 0, stateFile: workspace.url.appendingPathComponent("sandbox-state.json").path))
        baseURL = try server.start()
        try workspace.write("desired-state.yaml", Self.desiredState)
        try workspace.write("change-policy.yaml", "version: 1\nautoApplyAllowed:\n  vercel: true\n")
    }

    deinit {
        server.stop()
        workspace.remove()
    }

    func opsctl(_ arguments: [String], extra: [String: String] = [:]) throws -> OpsctlBinary.Output {
        let key = AWSAccountState.defaultKey
        return try binary.run(arguments, in: workspace.url, environment: [
            "OPSCTL_SANDBOX_URL": baseURL, "OPS_VERCEL_TOKEN": Self.token, "OPS_VERCEL_PROJECT_ID": project, "OPSCTL_ACTOR": "dana@example.com",
            "AWS_ACCESS_KEY_ID": key.id, "AWS_SECRET_ACCESS_KEY": key.secret, "AWS_REGION": "us-east-1",
        ].merging(extra) { _, new in new })
    }

    func rotate() async throws {
        let key = AWSAccountState.defaultKey
        let context = ConnectorContext(environment: [
            "OPSCTL_SANDBOX_URL": baseURL, "AWS_ACCESS_KEY_ID": key.id, "AWS_SECRET_ACCESS_KEY": key.secret, "AWS_REGION": "us-east-1",
        ], redactor: Redactor(registry: SecretRegistry()))
        try await SSMClient.make(context: context).get().putParameter(name: "/autorisen/prod/STRIPE_SECRET_KEY", value: Self.rotated)
    }

    func leaks(_ outputs: [OpsctlBinary.Output]) throws -> [String] {
        var bytes = outputs.flatMap { $0.standardOutputBytes + $0.standardErrorBytes }
        for name in ["plan.json", "again.json", "rotated.json", ".opsctl/receipts.jsonl"] {
            bytes += Array((try? Data(contentsOf: workspace.url.appendingPathComponent(name))) ?? Data())
        }
        let text = String(decoding: bytes, as: UTF8.self)
        var needles = [Self.value, Self.rotated, AWSAccountState.defaultKey.secret]
        needles += try [Self.value, Self.rotated].map { try SHA256.hexHash(Array($0.utf8)) }
        return needles.filter { text.contains($0) }
    }

    @Test func planFingerprintsApplyWritesAndARotationInSSMIsSeen() async throws {
        var outputs: [OpsctlBinary.Output] = []
        let plan = try opsctl(["plan", "--scope", "vercel", "--out", "plan.json"])
        outputs.append(plan)
        #expect(plan.status == 0, "stderr: \(plan.standardError)")
        #expect(plan.standardOutput.contains("+ vercel.env.add.STRIPE_SECRET_KEY"), "\(plan.standardOutput)")
        let apply = try opsctl(["apply", "plan.json"])
        outputs.append(apply)
        #expect(apply.status == 0, "stdout: \(apply.standardOutput) stderr: \(apply.standardError)")

        let again = try opsctl(["plan", "--scope", "vercel", "--out", "again.json", "--json"])
        outputs.append(again)
        let messages = try JSONParser.parse(again.standardOutputBytes)["checks"]?.arrayValue?.compactMap { $0["message"]?.stringValue } ?? []
        #expect(messages.contains("STRIPE_SECRET_KEY (production) matches (type encrypted, value (sensitive, unchanged))"), "\(messages)")

        try await rotate()
        let rotated = try opsctl(["plan", "--scope", "vercel", "--out", "rotated.json"])
        outputs.append(rotated)
        #expect(rotated.standardOutput.contains("~ value = (sensitive) → (sensitive, changed)"), "\(rotated.standardOutput)")
        #expect(try leaks(outputs).isEmpty)
    }

    @Test func inGitHubActionsTheSSMValueIsMaskedFirst() throws {
        let plan = try opsctl(["plan", "--scope", "vercel", "--out", "plan.json"], extra: ["GITHUB_ACTIONS": "true"])
        #expect(plan.status == 0, "stderr: \(plan.standardError)")
        let masks = plan.standardError.split(separator: "\n").prefix { $0.hasPrefix("::add-mask::") }
        #expect(masks.contains("::add-mask::\(Self.value)"), "\(plan.standardError)")
        #expect(!plan.standardOutput.contains(Self.value))
    }

    @Test func aMissingParameterOrMissingKeysIsAClearErrorAtApply() throws {
        try workspace.write("desired-state.yaml", Self.desiredState.replacingOccurrences(of: "prod/STRIPE_SECRET_KEY", with: "prod/NOT_THERE"))
        #expect(try opsctl(["plan", "--scope", "vercel", "--out", "plan.json"]).status == 0)
        let missing = try opsctl(["apply", "plan.json"])
        #expect(missing.status != 0)
        #expect((missing.standardOutput + missing.standardError).contains("cannot read the secret 'ssm:/autorisen/prod/NOT_THERE': AWS SSM has no parameter /autorisen/prod/NOT_THERE"),
                "\(missing.standardOutput)\(missing.standardError)")

        try workspace.write("desired-state.yaml", Self.desiredState)
        #expect(try opsctl(["plan", "--scope", "vercel", "--out", "again.json"]).status == 0)
        let noKeys = try opsctl(["apply", "again.json"], extra: ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""])
        #expect(noKeys.status != 0)
        #expect((noKeys.standardOutput + noKeys.standardError).contains("AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY are not set"), "\(noKeys.standardOutput)\(noKeys.standardError)")
        #expect(try leaks([missing, noKeys]).isEmpty)
    }
}
