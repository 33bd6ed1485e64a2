import Foundation
import OpsCore

@testable import OpsConnectors
@testable import OpsSandbox

/// The PostHog connector wired as the CLI wires it, against a sandbox on loopback, with a fixed
/// fingerprint key. The personal key is a canary.
final class PostHogTestbed: Sendable {
    static let personalKey = "phx_CANARYpersonalKEY0123456789abcdefghijklmnop"
    static let variable = "NEXT_PUBLIC_POSTHOG_KEY"

    let server: SandboxServer
    let baseURL: String
    let redactor = Redactor(registry: SecretRegistry())
    let fingerprinter: SecretFingerprinter

    init(options: PostHogEmulator.Options = PostHogEmulator.Options()) throws {
        server = try SandboxServer(configuration: SandboxConfiguration(port: 0), emulators: [PostHogEmulator(options: options)])
        baseURL = try server.start()
        fingerprinter = try SecretFingerprinter(key: [UInt8](repeating: 7, count: 32))
    }

    deinit {
        server.stop()
    }

    func context(_ variables: [String: String]) -> ConnectorContext {
        var environment = variables
        environment["OPSCTL_SANDBOX_URL"] = baseURL
        var context = ConnectorContext(environment: environment, redactor: redactor)
        let fingerprinter = fingerprinter
        context.fingerprints = SecretFingerprinting(key: FingerprintKeySource { .success(fingerprinter) }, resolver: nil, previous: .none)
        return context
    }

    /// `opsctl plan --scope posthog`, in process.
    func plan(_ variables: [String: String]) async -> Plan {
        var registry = ConnectorRegistry()
        registry.register(scope: .posthog, factory: PostHogConnector.make)
        let planner = Planner(registry: registry, context: context(variables))
        return await planner.plan(Planner.Request(
            desired: DesiredState(posthog: PostHogConfig(projectKeyEnv: Self.variable)), policy: ChangePolicy(), scopes: [.posthog],
            actor: "planner@example.com", createdAt: "2026-11-22T10:00:00Z", inputs: []
        ))
    }

    /// A project made through the emulator's API, with its project API key.
    struct CreatedProject {
        var id: Int
        var token: String
    }

    /// `POST /api/projects/` on the emulator.
    func createProject(_ name: String) async throws -> CreatedProject {
        let client = ServiceHTTPClient(configuration: .posthog(baseURL: URL(string: baseURL + "/posthog")!, personalKey: Self.personalKey), redactor: redactor)
        let body = try JSONParser.parse(try await client.send(.json("POST", "/api/projects/", body: ["name": .string(name)])).body)
        return CreatedProject(id: body["id"]?.intValue ?? 0, token: body["api_token"]?.stringValue ?? "")
    }

    func script(_ rule: JSONValue) async throws {
        let client = ServiceHTTPClient(configuration: ServiceHTTPConfiguration(service: "Sandbox", baseURL: URL(string: baseURL)!), redactor: redactor)
        _ = try await client.send(.json("POST", "/_sandbox/faults", body: rule))
    }
}
