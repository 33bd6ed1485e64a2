import Foundation
import FoundationNetworking
import OpsCore
import OpsSandbox

/// A sandbox with the Slack and PostHog emulators and two webhook sinks (one healthy, one
/// failing), and a directory with the configuration files, for `plan`/`apply --notify` runs.
final class NotificationBed: Sendable {
    static let token = "xoxb-CANARY-4444-notifybot-1a2b3c4d"
    static let webhookSecret = "CANARY-webhook-secret-5e6f7a8b9c"
    /// A malformed project key: the plan fails a check about it, and must never quote it.
    static let projectKey = "CANARY-posthog-value-0d1e2f"

    let server: SandboxServer
    let baseURL: String
    let sink = WebhookSink()
    let brokenSink = WebhookSink(scope: "broken", status: 500)
    let directory: TemporaryDirectory

    init(posthog: Bool) throws {
        server = try SandboxServer(
            configuration: SandboxConfiguration(port: 0),
            emulators: [SlackEmulator(), PostHogEmulator(), sink, brokenSink]
        )
        baseURL = try server.start()
        directory = try TemporaryDirectory.make()
        var desired = "version: 1\nslack:\n  approvalChannel: \"#ops-approvals\"\n"
        if posthog { desired += "posthog:\n  projectKeyEnv: NEXT_PUBLIC_POSTHOG_KEY\n" }
        try directory.write("desired-state.yaml", desired)
        try directory.write("change-policy.yaml", "version: 1\n")
    }

    deinit {
        server.stop()
        directory.remove()
    }

    var environment: [String: String] {
        [
            "OPSCTL_SANDBOX_URL": baseURL, "SLACK_BOT_TOKEN": Self.token, "OPSCTL_WEBHOOK_SECRET": Self.webhookSecret,
            "NEXT_PUBLIC_POSTHOG_KEY": Self.projectKey, "OPSCTL_ACTOR": "ci@example.com",
            "OPSCTL_FINGERPRINT_KEY": String(repeating: "ab", count: 32),
        ]
    }

    var webhookURL: String { baseURL + "/hooks/opsctl?team=ops" }
    var brokenWebhookURL: String { baseURL + "/broken/opsctl" }

    /// `opsctl <command> -f … -p … --receipts … <arguments>` in process.
    func run(_ command: String, _ arguments: [String]) async -> CapturedRun {
        await runOpsctl(
            [command, "-f", directory.file("desired-state.yaml"), "-p", directory.file("change-policy.yaml"), "--receipts", directory.file("receipts.jsonl")]
                + arguments,
            environment: environment
        )
    }

    func plan(_ arguments: [String]) async -> CapturedRun {
        await run("plan", ["--out", directory.file("plan.json")] + arguments)
    }

    /// Makes `#ops-approvals` with the bot in it, through Slack's own API.
    func createApprovalChannel() async throws {
        try await call("/slack/api/conversations.create", form: "name=ops-approvals")
    }

    /// Scripts the sandbox's next answers for a path (`POST /_sandbox/faults`).
    func script(_ rule: JSONValue) async throws {
        var request = URLRequest(url: URL(string: baseURL + "/_sandbox/faults")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(JSONWriter.canonicalBytes(rule))
        _ = try await URLSession.shared.data(for: request)
    }

    /// The messages the Slack emulator recorded.
    func postedMessages() async throws -> [JSONValue] {
        let state = try JSONParser.parse(try await call("/_sandbox/state", form: nil))
        return state["slack"]?["messages"]?.arrayValue ?? []
    }

    @discardableResult
    private func call(_ path: String, form: String?) async throws -> [UInt8] {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        if let form {
            request.httpMethod = "POST"
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            request.setValue("Bearer \(Self.token)", forHTTPHeaderField: "Authorization")
            request.httpBody = Data(form.utf8)
        }
        let (data, _) = try await URLSession.shared.data(for: request)
        return [UInt8](data)
    }
}
