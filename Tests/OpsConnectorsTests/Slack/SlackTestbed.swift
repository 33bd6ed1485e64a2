import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// The Slack connector wired as the CLI wires it, against a sandbox on loopback. The bot token
/// is a canary: no byte of it may surface anywhere opsctl writes.
final class SlackTestbed: Sendable {
    static let token = "xoxb-CANARY-1111-slackbottoken-9f8e7d6c"
    /// A person's token, for making channels the bot is not in.
    static let personToken = "xoxp-person-2222-3333-abcdef"

    let server: SandboxServer
    let baseURL: String
    let redactor = Redactor(registry: SecretRegistry())

    init(options: SlackEmulator.Options = SlackEmulator.Options()) throws {
        server = try SandboxServer(configuration: SandboxConfiguration(port: 0), emulators: [SlackEmulator(options: options)])
        baseURL = try server.start()
    }

    deinit {
        server.stop()
    }

    func environment(token: String = SlackTestbed.token) -> [String: String] {
        ["OPSCTL_SANDBOX_URL": baseURL, "SLACK_BOT_TOKEN": token]
    }

    func context(token: String = SlackTestbed.token) -> ConnectorContext {
        ConnectorContext(environment: environment(token: token), redactor: redactor)
    }

    func connector(token: String = SlackTestbed.token) throws -> SlackConnector {
        try #require(try SlackConnector.make(context: context(token: token)).get() as? SlackConnector)
    }

    /// A connector whose `conversations.list` pages hold `pageSize` channels.
    func connector(pageSize: Int) throws -> SlackConnector {
        let base = try connector()
        var api = base.api
        api.pageSize = pageSize
        return SlackConnector(api: api, token: base.token, metrics: base.metrics, redactor: base.redactor)
    }

    /// `opsctl plan --scope slack`, in process.
    func plan(_ channel: String, token: String = SlackTestbed.token) async -> Plan {
        var registry = ConnectorRegistry()
        registry.register(scope: .slack, factory: SlackConnector.make)
        let planner = Planner(registry: registry, context: context(token: token))
        return await planner.plan(Planner.Request(
            desired: DesiredState(slack: SlackConfig(approvalChannel: channel)), policy: ChangePolicy(), scopes: [.slack],
            actor: "planner@example.com", createdAt: "2026-11-22T10:00:00Z", inputs: []
        ))
    }

    /// Calls a Slack method on the emulator directly, as someone using Slack would, and returns
    /// the parsed body.
    @discardableResult
    func slack(_ method: String, _ form: [(String, String)], token: String = SlackTestbed.token) async throws -> JSONValue {
        let client = ServiceHTTPClient(configuration: .slack(baseURL: URL(string: baseURL + "/slack/api")!, token: token), redactor: redactor)
        let response = try await client.send(SlackForm(form).request(method, idempotent: false))
        return try JSONParser.parse(response.body)
    }

    /// Creates a channel as the bot (which then is a member) or as a person; returns its ID.
    @discardableResult
    func createChannel(_ name: String, isPrivate: Bool = false, asBot: Bool = true) async throws -> String {
        let body = try await slack("conversations.create", [("name", name), ("is_private", isPrivate ? "true" : "false")], token: asBot ? Self.token : Self.personToken)
        return try #require(body["channel"]?["id"]?.stringValue, "conversations.create answered \(JSONWriter.canonical(body))")
    }

    /// Scripts the sandbox's next answers for a path (`POST /_sandbox/faults`).
    func script(_ rule: JSONValue) async throws {
        let client = ServiceHTTPClient(configuration: ServiceHTTPConfiguration(service: "Sandbox", baseURL: URL(string: baseURL)!), redactor: redactor)
        _ = try await client.send(.json("POST", "/_sandbox/faults", body: rule))
    }

    /// The messages the emulator recorded, from `GET /_sandbox/state`.
    func postedMessages() async throws -> [JSONValue] {
        let client = ServiceHTTPClient(configuration: ServiceHTTPConfiguration(service: "Sandbox", baseURL: URL(string: baseURL)!), redactor: redactor)
        let state = try JSONParser.parse(try await client.send(.get("/_sandbox/state")).body)
        return state["slack"]?["messages"]?.arrayValue ?? []
    }
}

extension Plan {
    func check(_ id: String) -> Check? { checks.first { $0.id == id } }
}
