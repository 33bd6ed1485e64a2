import Foundation
import OpsCore
import Synchronization

@testable import OpsConnectors
@testable import OpsSandbox

/// The Stripe connector wired as the CLI wires it, against the sandbox's Stripe emulator on
/// loopback. The emulator's journal shows what the connector sent; `requestLines` is what
/// `--verbose` would print.
final class StripeTestbed: Sendable {
    /// A canary: the key must appear in no byte of what opsctl shows or keeps.
    static let testKey = "sk_test_CANARYstripe4eC39HqLyjWDarjtT1zdp7dc"
    static let liveKey = "sk_live_CANARYstripe9fD81KpQzwXEbskuU2yeq8ed"

    let emulator = StripeEmulator()
    let server: SandboxServer
    let baseURL: String
    let key: String
    let redactor = Redactor(registry: SecretRegistry())
    private let lines = CollectedLines()

    init(key: String = StripeTestbed.testKey, stateFile: String? = nil) throws {
        server = try SandboxServer(configuration: SandboxConfiguration(port: 0, stateFile: stateFile), emulators: [emulator])
        baseURL = try server.start()
        self.key = key
    }

    deinit {
        server.stop()
    }

    var environment: [String: String] {
        ["OPSCTL_SANDBOX_URL": baseURL, StripeConnector.keyVariable: key]
    }

    func context(environment: [String: String]? = nil) -> ConnectorContext {
        var context = ConnectorContext(environment: environment ?? self.environment, redactor: redactor)
        let lines = lines
        context.requestLog = { line in lines.append(line) }
        return context
    }

    var requestLines: [String] { lines.all }

    /// The requests the emulator saw, oldest first.
    var journal: [StripeEmulator.JournalEntry] { emulator.journal.all }

    func connector(environment: [String: String]? = nil) throws -> any Connector {
        try StripeConnector.make(context: context(environment: environment)).get()
    }

    /// `opsctl plan --scope stripe`, in process.
    func plan(_ config: StripeConfig) async -> Plan {
        var registry = ConnectorRegistry()
        registry.register(scope: .stripe, factory: StripeConnector.make)
        let planner = Planner(registry: registry, context: context())
        return await planner.plan(Planner.Request(
            desired: DesiredState(stripe: config), policy: ChangePolicy(), scopes: [.stripe], actor: "planner@example.com",
            createdAt: "2026-11-22T10:00:00Z", inputs: []
        ))
    }

    /// Talks to the emulator as someone using Stripe's own API would: form-encoded bodies.
    @discardableResult
    func stripe(_ method: String, _ path: String, _ form: [(String, String)] = [], key: String? = nil) async throws -> ServiceResponse {
        let client = ServiceHTTPClient(
            configuration: .stripe(baseURL: URL(string: baseURL + "/stripe")!, key: key ?? self.key), redactor: redactor)
        let body = form.map { "\(ServiceRequest.encodeQueryComponent($0.0))=\(ServiceRequest.encodeQueryComponent($0.1))" }.joined(separator: "&")
        var request = ServiceRequest(method: method, target: path, body: Array(body.utf8))
        if !form.isEmpty { request.headers.set("Content-Type", "application/x-www-form-urlencoded") }
        request.acceptedStatuses = [400, 401, 403, 404]
        return try await client.send(request)
    }

    /// `POST /v1/prices` with a new product; returns the price id.
    @discardableResult
    func createPrice(_ lookupKey: String, currency: String = "usd", amount: Int, interval: String? = "month", intervalCount: Int? = nil,
                     active: Bool = true, product: String = "Pro", key: String? = nil) async throws -> String {
        var form = [("currency", currency), ("unit_amount", String(amount)), ("lookup_key", lookupKey), ("product_data[name]", product)]
        if let interval { form.append(("recurring[interval]", interval)) }
        if let intervalCount { form.append(("recurring[interval_count]", String(intervalCount))) }
        if !active { form.append(("active", "false")) }
        return try await stripe("POST", "/v1/prices", form, key: key).decodeJSON(StripePriceBody.self).id
    }

    /// `POST /v1/webhook_endpoints`; returns the endpoint id.
    @discardableResult
    func createWebhook(_ url: String, events: [String], apiVersion: String? = nil) async throws -> String {
        var form = [("url", url)] + events.map { ("enabled_events[]", $0) }
        if let apiVersion { form.append(("api_version", apiVersion)) }
        return try await stripe("POST", "/v1/webhook_endpoints", form).decodeJSON(StripeWebhookEndpointBody.self).id
    }

    /// Scripts the sandbox's next answers for a path (`POST /_sandbox/faults`).
    func script(_ rule: JSONValue) async throws {
        let client = ServiceHTTPClient(configuration: ServiceHTTPConfiguration(service: "Sandbox", baseURL: URL(string: baseURL)!), redactor: redactor)
        _ = try await client.send(.json("POST", "/_sandbox/faults", body: rule))
    }
}

extension StripeConfig {
    static let autorisen = StripeConfig(
        prices: [
            StripePrice(lookupKey: "pro_monthly", currency: "usd", unitAmount: 2900, interval: .month),
            StripePrice(lookupKey: "pro_yearly", currency: "usd", unitAmount: 29000, interval: .year),
        ],
        webhooks: [StripeWebhook(url: "https://app.autorisen.com/api/stripe/webhook", events: ["checkout.session.completed", "invoice.payment_failed"])]
    )
}

/// What a connector's `--verbose` log wrote, collected across tasks.
final class CollectedLines: Sendable {
    private let storage = Mutex([String]())

    func append(_ line: String) {
        storage.withLock { $0.append(line) }
    }

    var all: [String] { storage.withLock { $0 } }
}
