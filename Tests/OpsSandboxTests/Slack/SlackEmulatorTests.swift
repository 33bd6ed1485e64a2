import Foundation
import OpsCore
import Testing

@testable import OpsSandbox

/// The Slack emulator answers as Slack does: HTTP 200 with `ok`, the token's scopes in
/// `x-oauth-scopes`, cursor pages, and a record of every posted message.
@Suite("Slack emulator")
struct SlackEmulatorTests {
    static let bot = "xoxb-1111-2222-emulatortest"
    static let person = "xoxp-3333-4444-emulatortest"

    private func call(
        _ harness: SandboxHarness, _ method: String, form: String = "", json: String? = nil, token: String? = SlackEmulatorTests.bot
    ) throws -> (status: Int, headers: HTTPHeaders, body: JSONValue) {
        var headers = [("Content-Type", json == nil ? "application/x-www-form-urlencoded" : "application/json; charset=utf-8")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        let response = try harness.request("POST", "/slack/api/\(method)", headers: headers, rawBody: Array((json ?? form).utf8))
        return (response.status, response.headers, try JSONParser.parse(response.body))
    }

    @Test func refusalsAreOKFalseWithStatus200() throws {
        let harness = try SandboxHarness(emulators: [SlackEmulator()])
        let missing = try call(harness, "auth.test", token: nil)
        #expect(missing.status == 200)
        #expect(missing.body == ["ok": false, "error": "not_authed"])
        #expect(try call(harness, "auth.test", token: "ghp_notslack0000000000").body["error"] == "invalid_auth")
        #expect(try call(harness, "conversations.info", form: "channel=C0NOPE0000").body["error"] == "channel_not_found")
    }

    @Test func everyAuthenticatedAnswerCarriesTheTokensScopes() throws {
        let harness = try SandboxHarness(emulators: [SlackEmulator(options: .init(scopesByToken: [Self.bot: ["chat:write", "channels:read"]]))])
        let answer = try call(harness, "auth.test")
        #expect(answer.headers["x-oauth-scopes"] == "chat:write,channels:read")
        #expect(answer.body["user_id"] == "U0BOTUSER1")
        #expect(answer.body["bot_id"] == "B0BOTAPP01")
        let refused = try call(harness, "conversations.list", form: "types=public_channel,private_channel")
        #expect(refused.body == ["ok": false, "error": "missing_scope", "needed": "groups:read", "provided": "chat:write,channels:read"])
        #expect(refused.headers["x-oauth-scopes"] == "chat:write,channels:read")
    }

    @Test func listingPagesWithAnOpaqueCursorToTheEnd() throws {
        let harness = try SandboxHarness(emulators: [SlackEmulator()])
        for index in 0..<7 { _ = try call(harness, "conversations.create", form: "name=room-\(index)") }
        _ = try call(harness, "conversations.create", form: "name=old")
        var names: [String] = []
        var cursor = ""
        var pages = 0
        repeat {
            let page = try call(harness, "conversations.list", form: "types=public_channel&exclude_archived=true&limit=2" + (cursor.isEmpty ? "" : "&cursor=\(cursor)"))
            names += page.body["channels"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            cursor = PercentEncoding.encode(page.body["response_metadata"]?["next_cursor"]?.stringValue ?? "")
            pages += 1
        } while !cursor.isEmpty
        #expect(pages == 4)
        #expect(names.count == 8)
        #expect(try call(harness, "conversations.list", form: "cursor=bm9wZQ==").body["error"] == "invalid_arg_name")
    }

    @Test func postedMessagesAreRecordedAndNeedMembership() throws {
        let harness = try SandboxHarness(emulators: [SlackEmulator()])
        let created = try call(harness, "conversations.create", form: "name=general-talk", token: Self.person)
        let id = try #require(created.body["channel"]?["id"]?.stringValue)
        let outside = try call(harness, "chat.postMessage", json: #"{"channel":"\#(id)","text":"hello"}"#)
        #expect(outside.body["error"] == "not_in_channel")
        _ = try call(harness, "conversations.join", form: "channel=\(id)")
        let posted = try call(harness, "chat.postMessage", json: ##"{"channel":"#general-talk","text":"hello","blocks":[{"type":"divider"}]}"##)
        #expect(posted.body["ok"] == true)
        #expect(posted.body["channel"]?.stringValue == id)
        let ts = try #require(posted.body["ts"]?.stringValue)
        #expect(ts.range(of: #"^\d{10}\.\d{6}$"#, options: .regularExpression) != nil)
        let state = try JSONParser.parse(try harness.request("GET", "/_sandbox/state", headers: []).body)
        let messages = try #require(state["slack"]?["messages"]?.arrayValue)
        #expect(messages.count == 1)
        #expect(messages.first?["text"] == "hello")
        #expect(!JSONWriter.canonical(state).contains(Self.bot))
    }

    @Test func throttlingIs429WithRetryAfter() throws {
        let harness = try SandboxHarness(emulators: [SlackEmulator()])
        let rule: JSONValue = ["path": "/slack/api/auth.test", "responses": [["status": 429, "headers": ["Retry-After": "3"]], ["status": 429]]]
        #expect(try harness.request("POST", "/_sandbox/faults", headers: [("Content-Type", "application/json")], body: rule).status == 201)
        let told = try call(harness, "auth.test")
        #expect(told.status == 429)
        #expect(told.headers["Retry-After"] == "3")
        #expect(told.body == ["ok": false, "error": "rate_limited"])
        let untold = try call(harness, "auth.test")
        #expect(untold.status == 429)
        #expect(untold.headers["Retry-After"] != nil)
    }
}
