import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// The AWS connectors wired as the CLI wires them, against the sandbox's SSM, STS and OIDC
/// emulators on loopback. The sandbox's AWS account is seeded with keys for each refusal:
/// the default key, a key denied SSM reads, one denied `kms:Decrypt`, a temporary key with a
/// session token, and an expired temporary key.
final class SSMTestbed: Sendable {
    static let key = AWSAccountState.defaultKey
    static let deniedKey = AWSAccountState.AccessKey(
        id: "AKIASANDBOXDENIED001", secret: "denied/SecretAccessKey/EXAMPLE0000000000000", user: "ci-reader",
        deniedActions: ["ssm:GetParametersByPath", "ssm:GetParameters"])
    static let noDecryptKey = AWSAccountState.AccessKey(
        id: "AKIASANDBOXNOKMS0001", secret: "nokms/SecretAccessKey/EXAMPLE00000000000000", user: "ci-reader", deniedActions: ["kms:Decrypt"])
    static let temporaryKey = AWSAccountState.AccessKey(
        id: "ASIASANDBOXTEMP00001", secret: "temporary/SecretAccessKey/EXAMPLE000000000", user: "sandbox",
        sessionToken: "CANARY-session-token-IQoJb3JpZ2luX2VjEXAMPLE", expires: 4_102_444_800, role: "arn:aws:iam::123456789012:role/deploy")
    static let expiredKey = AWSAccountState.AccessKey(
        id: "ASIASANDBOXEXPIRED01", secret: "expired/SecretAccessKey/EXAMPLE0000000000", user: "sandbox",
        sessionToken: "expired-session-token-EXAMPLE", expires: 1_700_000_000, role: "arn:aws:iam::123456789012:role/deploy")

    let server: SandboxServer
    let stateFile: String
    let baseURL: String
    let redactor = Redactor(registry: SecretRegistry())

    init(parameters: [(name: String, value: String)] = []) throws {
        let account = AWSAccountState(accessKeys: [Self.key, Self.deniedKey, Self.noDecryptKey, Self.temporaryKey, Self.expiredKey])
        let ssm = SSMEmulator.State(parameters: parameters.map {
            SSMEmulator.State.Parameter(name: $0.name, type: "SecureString", value: $0.value, version: 1, lastModifiedMs: 1_764_547_200_250)
        })
        // Seeded through a state file, as `sandbox serve` is.
        stateFile = FileManager.default.temporaryDirectory.appendingPathComponent("ssm-testbed-\(UUID().uuidString).json").path
        try Data((JSONWriter.pretty(["aws": account.stateJSON, "ssm": ssm.stateJSON]) + "\n").utf8).write(to: URL(fileURLWithPath: stateFile))
        server = try SandboxServer(
            configuration: SandboxConfiguration(port: 0, stateFile: stateFile), emulators: [SSMEmulator(), STSEmulator(), ActionsOIDCEmulator()])
        baseURL = try server.start()
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(atPath: stateFile)
    }

    func environment(_ key: AWSAccountState.AccessKey = SSMTestbed.key, sessionToken: String? = nil) -> [String: String] {
        var environment = [
            "OPSCTL_SANDBOX_URL": baseURL, "AWS_ACCESS_KEY_ID": key.id, "AWS_SECRET_ACCESS_KEY": key.secret, "AWS_REGION": "eu-west-1",
        ]
        if let token = sessionToken ?? key.sessionToken { environment["AWS_SESSION_TOKEN"] = token }
        return environment
    }

    func context(_ environment: [String: String]) -> ConnectorContext {
        ConnectorContext(environment: environment, redactor: redactor)
    }

    func client(_ key: AWSAccountState.AccessKey = SSMTestbed.key, sessionToken: String? = nil) throws -> SSMClient {
        try SSMClient.make(context: context(environment(key, sessionToken: sessionToken))).get()
    }

    /// Scripts the sandbox's next answers for a path (`POST /_sandbox/faults`).
    func script(_ rule: JSONValue) async throws {
        let client = ServiceHTTPClient(configuration: ServiceHTTPConfiguration(service: "Sandbox", baseURL: URL(string: baseURL)!), redactor: redactor)
        _ = try await client.send(.json("POST", "/_sandbox/faults", body: rule))
    }
}
