import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// What `serve slack` reads from a verified request, and the Slack methods approvals use,
/// against the sandbox.
@Suite("Slack interactions")
struct SlackInteractionTests {
    static func form(_ pairs: [(String, String)]) -> [UInt8] {
        Array(pairs.map { "\($0.0)=\(PercentEncoding.encode($0.1))" }.joined(separator: "&").utf8)
    }

    @Test func aButtonClickNamesTheChangeItsDigestAndTheEvidence() throws {
        let payload: JSONValue = [
            "type": "block_actions", "user": ["id": "U1", "team_id": "T1"], "team": ["id": "T1"], "channel": ["id": "C1"],
            "container": ["type": "message", "message_ts": "1.000001", "channel_id": "C1"], "response_url": "https://hooks.slack.com/actions/x",
            "actions": [["action_id": "opsctl_reject", "value": "github.label.create.bug|sha256:abc", "action_ts": "2.000002"]],
        ]
        let interaction = try SlackInteraction.parse(Self.form([("payload", JSONWriter.canonical(payload))]), requestTimestamp: "9")
        #expect(interaction == SlackInteraction(
            action: .reject, changeID: "github.label.create.bug", changeDigest: "sha256:abc", reason: nil, kind: .button, team: "T1",
            channel: "C1", user: "U1", messageTS: "1.000001", actionTS: "2.000002", responseURL: "https://hooks.slack.com/actions/x"))
    }

    @Test func slashCommandsTakeAVerbAChangeAndForARejectionAReason() throws {
        let base: [(String, String)] = [("team_id", "T1"), ("channel_id", "C1"), ("user_id", "U1"), ("command", "/ops"), ("response_url", "https://h/x")]
        let approve = try SlackInteraction.parse(Self.form(base + [("text", "approve  github.label.create.bug")]), requestTimestamp: "1531420618")
        #expect(approve.action == .approve && approve.changeID == "github.label.create.bug" && approve.kind == .slashCommand)
        #expect(approve.actionTS == "1531420618" && approve.changeDigest == nil)
        let reject = try SlackInteraction.parse(Self.form(base + [("text", "reject github.label.create.bug not now")]), requestTimestamp: "1")
        #expect(reject.reason == "not now")
        #expect(throws: SlackInteraction.Unusable.self) { try SlackInteraction.parse(Self.form(base + [("text", "reject x")]), requestTimestamp: "1") }
        #expect(throws: SlackInteraction.Unusable(reply: SlackInteraction.usage)) {
            try SlackInteraction.parse(Self.form(base + [("text", "")]), requestTimestamp: "1")
        }
        // Slack's published example is a command with no text: verified, then answered with the usage.
        #expect(throws: SlackInteraction.Unusable(reply: SlackInteraction.usage)) {
            try SlackInteraction.parse(SlackRequestSignatureTests.body, requestTimestamp: SlackRequestSignatureTests.timestamp)
        }
    }

    @Test func usersInfoGivesTheEmailOnlyWithItsScope() async throws {
        let narrow = "xoxb-NARROW-5555-abcdefabcdef"
        let testbed = try SlackTestbed(options: SlackEmulator.Options(scopesByToken: [narrow: ["users:read", "chat:write"]]))
        let client = ServiceHTTPClient(configuration: ServiceHTTPConfiguration(service: "Sandbox", baseURL: URL(string: testbed.baseURL)!), redactor: testbed.redactor)
        _ = try await client.send(.json("POST", "/slack/_sandbox/users", body: ["id": "U0ALICE", "name": "alice", "email": "alice@example.com"]))
        let full = try await testbed.slack("users.info", [("user", "U0ALICE")])
        #expect(full["user"]?["profile"]?["email"] == "alice@example.com")
        let partial = try await testbed.slack("users.info", [("user", "U0ALICE")], token: narrow)
        #expect(partial["ok"] == true)
        #expect(partial["user"]?["profile"]?["email"] == nil)
        let unknown = try await testbed.slack("users.info", [("user", "U0NOBODY")])
        #expect(unknown["error"] == "user_not_found")
    }

    @Test func reactionsAreKeptPerUserAndReadBack() async throws {
        let testbed = try SlackTestbed()
        let channel = try await testbed.createChannel("approvals")
        let posted = try await testbed.slack("chat.postMessage", [("channel", channel), ("text", "approve?")])
        let ts = try #require(posted["ts"]?.stringValue)
        try await testbed.slack("reactions.add", [("channel", channel), ("timestamp", ts), ("name", "white_check_mark")])
        let again = try await testbed.slack("reactions.add", [("channel", channel), ("timestamp", ts), ("name", "white_check_mark")])
        #expect(again["error"] == "already_reacted")
        let read = try await testbed.slack("reactions.get", [("channel", channel), ("timestamp", ts), ("full", "true")])
        #expect(read["message"]?["reactions"] == [["name": "white_check_mark", "users": [.string(SlackEmulator.Caller.botUserID)], "count": 1]])
        let updated = try await testbed.slack("chat.update", [("channel", channel), ("ts", ts), ("text", "approved")])
        #expect(updated["ok"] == true)
        #expect(try await testbed.postedMessages().last?["text"] == "approved")
        let missing = try await testbed.slack("reactions.get", [("channel", channel), ("timestamp", "1.1")])
        #expect(missing["error"] == "message_not_found")
    }
}
