import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// A sandbox with the Heroku and Vercel emulators, and the calls a person would make to them
/// through the vendors' own APIs to set state up. The API key is a canary.
final class HerokuTestbed: Sendable {
    static let token = "heroku-CANARY-apikey-7c1e55d0"
    static let vercelToken = "vercel-CANARY-token-41aa"
    static let project = "prj_secrets_test"
    /// 32 bytes of key material for fingerprints.
    static let fingerprintKey = [UInt8](repeating: 7, count: 32)

    let server: SandboxServer
    let baseURL: String
    let redactor = Redactor(registry: SecretRegistry())

    /// `extra` mounts more emulators beside Heroku and Vercel (SSM, for an SSM source).
    init(extra: [any ServiceEmulator] = []) throws {
        server = try SandboxServer(configuration: SandboxConfiguration(port: 0), emulators: [HerokuEmulator(), VercelEmulator()] + extra)
        baseURL = try server.start()
    }

    deinit {
        server.stop()
    }

    func context(_ extra: [String: String] = [:], herokuKey: String? = HerokuTestbed.token) -> ConnectorContext {
        var environment = ["OPSCTL_SANDBOX_URL": baseURL, "OPS_VERCEL_TOKEN": Self.vercelToken, "OPS_VERCEL_PROJECT_ID": Self.project]
        if let herokuKey { environment["HEROKU_API_KEY"] = herokuKey }
        var context = ConnectorContext(environment: environment.merging(extra) { _, new in new }, redactor: redactor)
        let key = Self.fingerprintKey
        context.fingerprints = SecretFingerprinting(
            key: FingerprintKeySource { Result { () throws(FingerprintKeyError) in try SecretFingerprinter(key: key) } },
            resolver: nil, previous: .none)
        return context
    }

    func api(pageSize: Int = 200) throws -> HerokuAPI {
        var api = try HerokuAPI.make(context: context()).get()
        api.pageSize = pageSize
        return api
    }

    /// A Heroku API call as someone at the dashboard would make it.
    @discardableResult
    func heroku(_ method: String, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
        let client = ServiceHTTPClient(configuration: .heroku(baseURL: URL(string: baseURL + "/heroku")!, token: Self.token), redactor: Redactor())
        let request = body.map { ServiceRequest.json(method, path, body: $0) } ?? ServiceRequest(method: method, target: path)
        return try JSONParser.parse(try await client.send(request).body)
    }

    func configVars(_ app: String) async throws -> JSONValue {
        try await heroku("GET", "/apps/\(app)/config-vars")
    }

    func releases(_ app: String) async throws -> [JSONValue] {
        try await heroku("GET", "/apps/\(app)/releases").arrayValue ?? []
    }

    /// `opsctl plan` for `desired`, in process.
    func plan(_ desired: DesiredState, context: ConnectorContext, sources: SecretSources = .unavailable, scopes: [ServiceScope]) async -> Plan {
        var registry = ConnectorRegistry()
        registry.register(scope: .secrets, factory: SecretsConnector.make(sources: sources))
        registry.register(scope: .heroku, factory: HerokuConnector.make)
        let planner = Planner(registry: registry, context: context)
        return await planner.plan(Planner.Request(
            desired: desired, policy: ChangePolicy(), scopes: scopes, actor: "planner@example.com", createdAt: "2026-11-22T10:00:00Z", inputs: []
        ))
    }
}
