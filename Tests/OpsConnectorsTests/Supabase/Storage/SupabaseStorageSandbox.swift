import Foundation
import OpsCore

@testable import OpsConnectors
@testable import OpsSandbox

/// A sandbox on loopback with the Storage connector pointed at it, for one test. State is
/// seeded and inspected through the emulated API itself, as a user's script would.
struct SupabaseStorageSandbox {
    /// A canary service-role key: not shaped like any known token, so only its registration
    /// with the redactor can keep it out of output.
    static let serviceRoleKey = "canary-SERVICE-role-7Hq2xZ9pL4mN8vB3"

    let server: SandboxServer
    let baseURL: String
    let registry: SecretRegistry
    let environment: [String: String]

    init() throws {
        server = try SandboxServer(configuration: SandboxConfiguration(port: 0))
        baseURL = try server.start()
        registry = SecretRegistry()
        environment = ["OPSCTL_SANDBOX_URL": baseURL, "SUPABASE_SERVICE_ROLE_KEY": Self.serviceRoleKey]
    }

    var context: ConnectorContext { ConnectorContext(environment: environment, redactor: Redactor(registry: registry)) }

    func connector() throws -> any Connector {
        try SupabaseConnector.make(context: context).get()
    }

    func buckets() throws -> SupabaseStorageBuckets {
        try SupabaseStorageBuckets.make(context: context).get()
    }

    /// Sends a request to the Storage emulator with the service-role key (path below `/storage/v1`).
    @discardableResult
    func send(_ method: String, _ target: String, _ body: JSONValue? = nil) async throws -> ServiceResponse {
        let client = ServiceHTTPClient(
            configuration: .supabaseStorage(
                baseURL: URL(string: "\(baseURL)/supabase/storage/v1")!, serviceRoleKey: Self.serviceRoleKey),
            redactor: Redactor(registry: registry)
        )
        var request = body.map { ServiceRequest.json(method, target, body: $0) } ?? ServiceRequest(method: method, target: target)
        request.acceptedStatuses = [400]
        return try await client.send(request)
    }

    /// Scripts the sandbox's next answers for `path` (mount prefix included).
    func script(_ method: String, _ path: String, _ responses: [JSONValue]) async throws {
        let control = ServiceHTTPClient(
            configuration: ServiceHTTPConfiguration(service: "Sandbox", baseURL: URL(string: baseURL)!, retry: RetryPolicy(maxAttempts: 1)),
            redactor: Redactor(registry: SecretRegistry()))
        _ = try await control.send(.json("POST", "/_sandbox/faults", body: [
            "method": .string(method), "path": .string(path), "responses": .array(responses),
        ]))
    }

    static let noSecrets = SecretResolver { reference in .failure(SecretResolutionError(reference: reference, reason: "not used")) }
}
