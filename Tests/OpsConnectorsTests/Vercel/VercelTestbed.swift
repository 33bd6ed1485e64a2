import Foundation
import OpsCore
import Synchronization

@testable import OpsConnectors
@testable import OpsSandbox

/// The Vercel connector wired as the CLI wires it, against a sandbox on loopback: a fixed
/// fingerprint key, `valueFrom` read from `environment`, and a receipts log in a scratch
/// directory whose applied outcomes feed the next plan's previous fingerprints.
final class VercelTestbed: Sendable {
    static let token = "vercel_CANARYtokenCANARYtoken1234567890"

    let server: SandboxServer
    let baseURL: String
    let project: String
    let team: String?
    let directory: URL
    let redactor = Redactor(registry: SecretRegistry())
    let fingerprinter: SecretFingerprinter
    private let variables = LockedEnvironment()

    init(team: String? = nil, options: VercelEmulator.Options = VercelEmulator.Options(), key: [UInt8] = [UInt8](repeating: 42, count: 32)) throws {
        server = try SandboxServer(configuration: SandboxConfiguration(port: 0), emulators: [VercelEmulator(options: options)])
        baseURL = try server.start()
        project = "app-\(UUID().uuidString.prefix(8).lowercased())"
        self.team = team
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsctl-vercel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        fingerprinter = try SecretFingerprinter(key: key)
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Sets (or, with nil, unsets) a variable `valueFrom` may name.
    func set(_ name: String, _ value: String?) {
        variables.set(name, value)
    }

    var environment: [String: String] {
        var environment = variables.all
        environment["OPSCTL_SANDBOX_URL"] = baseURL
        environment["OPS_VERCEL_TOKEN"] = Self.token
        environment["OPS_VERCEL_PROJECT_ID"] = project
        if let team { environment["OPS_VERCEL_TEAM_ID"] = team }
        return environment
    }

    var resolver: SecretResolver {
        let variables = variables
        return SecretResolver { reference in
            let name = String(reference.dropFirst(4))
            guard reference.hasPrefix("env:"), let value = variables.all[name] else {
                return .failure(SecretResolutionError(reference: reference, reason: "the variable \(name) is not set"))
            }
            return .success(value)
        }
    }

    var log: ReceiptLog { ReceiptLog(path: directory.appendingPathComponent("receipts.jsonl").path) }

    func context(withReceipts: Bool = true) -> ConnectorContext {
        var context = ConnectorContext(environment: environment, redactor: redactor)
        let fingerprinter = fingerprinter
        let log = log
        context.fingerprints = SecretFingerprinting(
            key: FingerprintKeySource { .success(fingerprinter) },
            resolver: resolver,
            previous: withReceipts ? PreviousFingerprints { (try? log.list()) ?? [] } : .none
        )
        return context
    }

    func connector(withReceipts: Bool = true) throws -> any Connector {
        try VercelConnector.make(context: context(withReceipts: withReceipts)).get()
    }

    var registry: ConnectorRegistry {
        var registry = ConnectorRegistry()
        registry.register(scope: .vercel, factory: VercelConnector.make)
        return registry
    }

    static let policy = ChangePolicy(autoApplyAllowed: [.vercel: true])

    /// `opsctl plan --scope vercel`, in process.
    func plan(_ config: VercelConfig) async -> Plan {
        let planner = Planner(registry: registry, context: context())
        return await planner.plan(Planner.Request(
            desired: DesiredState(vercel: config), policy: Self.policy, scopes: [.vercel], actor: "planner@example.com",
            createdAt: "2026-11-22T10:00:00Z", inputs: []
        ))
    }

    /// `opsctl apply`, in process, with intent and outcome receipts in `log`.
    func apply(_ plan: Plan, allowIncomplete: Bool = false) async throws -> ApplyReport {
        let applier = Applier(registry: registry, context: context(), log: log, policy: Self.policy, secrets: resolver)
        return try await applier.apply(Applier.Request(
            plan: plan, planPath: "plan.json", only: nil, actor: "applier@example.com", allowIncomplete: allowIncomplete
        ))
    }

    /// Talks to the emulator directly, as someone editing the project in Vercel would.
    func vercel(_ method: String, _ path: String, _ body: JSONValue? = nil) async throws -> ServiceResponse {
        let client = ServiceHTTPClient(configuration: .vercel(baseURL: URL(string: baseURL + "/vercel")!, token: Self.token), redactor: redactor)
        let separator = path.contains("?") ? "&" : "?"
        let target = team.map { path + separator + "teamId=\($0)" } ?? path
        var request = body.map { ServiceRequest.json(method, target, body: $0) } ?? ServiceRequest(method: method, target: target)
        request.acceptedStatuses = [400, 403, 404]
        return try await client.send(request)
    }

    func createEnv(_ key: String, value: String, type: String, targets: [String]) async throws -> String {
        let response = try await vercel("POST", "/v10/projects/\(project)/env", [
            "key": .string(key), "value": .string(value), "type": .string(type), "target": .array(targets.map(JSONValue.string)),
        ])
        let created = try response.decodeJSON(VercelCreateEnvBody.self)
        return created.created.first?.id ?? ""
    }

    func deployCrons(_ crons: String, target: String = "production") async throws {
        _ = try await vercel("POST", "/v13/deployments", [
            "name": .string(project), "target": .string(target),
            "files": [["file": "vercel.json", "data": .string(#"{"crons":\#(crons)}"#)]],
        ])
    }

    /// Scripts the sandbox's next answers for a path (`POST /_sandbox/faults`).
    func script(_ rule: JSONValue) async throws {
        let client = ServiceHTTPClient(configuration: ServiceHTTPConfiguration(service: "Sandbox", baseURL: URL(string: baseURL)!), redactor: redactor)
        _ = try await client.send(.json("POST", "/_sandbox/faults", body: rule))
    }

    var receiptsText: String {
        (try? String(contentsOf: directory.appendingPathComponent("receipts.jsonl"), encoding: .utf8)) ?? ""
    }
}

/// The variables a test sets for `valueFrom`, changeable between plan and apply.
final class LockedEnvironment: Sendable {
    private let storage = Mutex([String: String]())

    func set(_ name: String, _ value: String?) {
        storage.withLock { $0[name] = value }
    }

    var all: [String: String] { storage.withLock { $0 } }
}

extension VercelEnvVar {
    static func env(_ key: String, _ targets: [VercelTarget], _ type: Kind = .encrypted, from variable: String? = nil) -> VercelEnvVar {
        VercelEnvVar(key: key, targets: targets, type: type, valueFrom: variable.map(ValueSource.environment))
    }
}
