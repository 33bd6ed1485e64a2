import Foundation
import OpsCore

@testable import OpsConnectors
@testable import OpsSandbox

/// The SendGrid connector wired as the CLI wires it, against the sandbox's SendGrid emulator on
/// loopback; `requestLines` is what `--verbose` would print.
final class SendGridTestbed: Sendable {
    /// A canary: the key must appear in no byte of what opsctl shows or keeps.
    static let key = "SG.CANARYsendgridKeyId.CANARYsendgridSecretPart0123456789"

    let server: SandboxServer
    let baseURL: String
    let key: String
    let redactor = Redactor(registry: SecretRegistry())
    private let lines = CollectedLines()

    init(key: String = SendGridTestbed.key, stateFile: String? = nil) throws {
        server = try SandboxServer(configuration: SandboxConfiguration(port: 0, stateFile: stateFile), emulators: [SendGridEmulator()])
        baseURL = try server.start()
        self.key = key
    }

    deinit {
        server.stop()
    }

    var environment: [String: String] {
        ["OPSCTL_SANDBOX_URL": baseURL, SendGridConnector.keyVariable: key]
    }

    func context(environment: [String: String]? = nil) -> ConnectorContext {
        var context = ConnectorContext(environment: environment ?? self.environment, redactor: redactor)
        let lines = lines
        context.requestLog = { line in lines.append(line) }
        return context
    }

    var requestLines: [String] { lines.all }

    func connector(environment: [String: String]? = nil) throws -> any Connector {
        try SendGridConnector.make(context: context(environment: environment)).get()
    }

    /// `opsctl plan --scope sendgrid`, in process.
    func plan(_ config: SendGridConfig) async -> Plan {
        var registry = ConnectorRegistry()
        registry.register(scope: .sendgrid, factory: SendGridConnector.make)
        let planner = Planner(registry: registry, context: context())
        return await planner.plan(Planner.Request(
            desired: DesiredState(sendgrid: config), policy: ChangePolicy(), scopes: [.sendgrid], actor: "planner@example.com",
            createdAt: "2026-11-22T10:00:00Z", inputs: []
        ))
    }

    /// Talks to the emulator as someone using SendGrid's API would.
    @discardableResult
    func sendgrid(_ method: String, _ path: String, _ body: JSONValue? = nil) async throws -> ServiceResponse {
        let client = ServiceHTTPClient(configuration: .sendgrid(baseURL: URL(string: baseURL + "/sendgrid")!, key: key), redactor: redactor)
        var request = body.map { ServiceRequest.json(method, path, body: $0) } ?? ServiceRequest(method: method, target: path)
        request.acceptedStatuses = [400, 401, 403, 404]
        return try await client.send(request)
    }

    /// `POST /v3/whitelabel/domains`; returns the domain as SendGrid answers it.
    @discardableResult
    func authenticate(_ domain: String) async throws -> SendGridDomainBody {
        try await sendgrid("POST", "/v3/whitelabel/domains", ["domain": .string(domain), "automatic_security": true]).decodeJSON(SendGridDomainBody.self)
    }

    /// Publishes records in the sandbox's DNS zone and validates the domain.
    func publish(_ records: [SendGridDomainBody.Record], andValidate id: Int) async throws {
        for record in records {
            try await sendgrid("POST", "/_sandbox/dns", ["type": .string(record.type), "host": .string(record.host), "data": .string(record.data)])
        }
        try await sendgrid("POST", "/v3/whitelabel/domains/\(id)/validate")
    }

    /// `POST /v3/verified_senders`, then, if asked, opens the verification link.
    @discardableResult
    func createSender(_ email: String, verify: Bool) async throws -> Int {
        let created = try await sendgrid("POST", "/v3/verified_senders", [
            "nickname": .string(email), "from_email": .string(email), "reply_to": .string(email),
        ]).decodeJSON(SendGridSenderList.Sender.self)
        if verify { try await sendgrid("GET", "/v3/verified_senders/verify/sandbox-verify-\(created.id)") }
        return created.id
    }

    func script(_ rule: JSONValue) async throws {
        let client = ServiceHTTPClient(configuration: ServiceHTTPConfiguration(service: "Sandbox", baseURL: URL(string: baseURL)!), redactor: redactor)
        _ = try await client.send(.json("POST", "/_sandbox/faults", body: rule))
    }
}

extension SendGridConfig {
    static let autorisen = SendGridConfig(
        domains: [SendGridDomain(name: "mail.autorisen.com")],
        senders: [SendGridSender(email: "noreply@autorisen.com"), SendGridSender(email: "support@autorisen.com")]
    )
}
