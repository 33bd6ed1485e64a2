import Foundation
import OpsCore

/// The Slack Web API calls opsctl makes (docs/services/slack.md, "Requests"), over the shared
/// client: each is `POST <base>/<method>`, reads with a form body, `chat.postMessage` with JSON.
struct SlackAPI: Sendable {
    let client: ServiceHTTPClient
    /// Pages of `conversations.list` asked for at once; Slack recommends no more than 200.
    var pageSize = 200
    /// A guard against a cursor that never ends.
    var maxPages = 1000

    /// Who the token is and, from the `x-oauth-scopes` header, what it may do.
    func authTest() async throws -> SlackIdentity {
        let response = try await call("auth.test", SlackForm(), idempotent: true)
        let body = try response.decodeJSON(SlackAuthTestBody.self)
        let scopes = response.headers["x-oauth-scopes"].map { header in
            header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return SlackIdentity(userID: body.user_id, userName: body.user, teamID: body.team_id, teamName: body.team, botID: body.bot_id, scopes: scopes)
    }

    /// `conversations.info` for a channel ID.
    func conversation(id: String) async throws -> SlackConversationBody {
        try await call("conversations.info", SlackForm([("channel", id)]), idempotent: true).decodeJSON(SlackConversationInfoBody.self).channel
    }

    /// Every conversation of the given types that is not archived, following
    /// `response_metadata.next_cursor` to the end.
    func conversations(types: [String]) async throws -> [SlackConversationBody] {
        let form = SlackForm([("types", types.joined(separator: ",")), ("exclude_archived", "true"), ("limit", String(pageSize))])
        var channels: [SlackConversationBody] = []
        var cursor: String?
        var seen: Set<String> = []
        var pages = 0
        while true {
            let page = try await call("conversations.list", cursor.map { form.setting("cursor", $0) } ?? form, idempotent: true)
            pages += 1
            let body = try page.decodeJSON(SlackConversationListBody.self)
            channels += body.channels
            guard let next = body.response_metadata?.next_cursor, !next.isEmpty else { return channels }
            guard seen.insert(next).inserted else {
                throw HTTPClientError.pagination(page.context, reason: "the next cursor repeats an earlier one")
            }
            guard pages < maxPages else { throw HTTPClientError.pagination(page.context, reason: "more than \(maxPages) pages") }
            cursor = next
        }
    }

    /// `chat.postMessage` with a JSON body: `channel`, fallback `text` and Block Kit `blocks`.
    /// Returns the message's `ts`.
    func postMessage(channel: String, text: String, blocks: JSONValue) async throws -> String {
        try await postedMessage(channel: channel, text: text, blocks: blocks).ts
    }

    /// `chat.postMessage`, answering the channel's ID (the reference may be a `#name`) and `ts`.
    func postedMessage(channel: String, text: String, blocks: JSONValue) async throws -> SlackPostMessageBody {
        var request = ServiceRequest.json(
            "POST", "/chat.postMessage", body: ["channel": .string(channel), "text": .string(text), "blocks": blocks],
            headers: HTTPHeaders([("Content-Type", "application/json; charset=utf-8")])
        )
        request.idempotency = .notIdempotent
        let response = try await client.send(request)
        try check("chat.postMessage", response)
        return try response.decodeJSON(SlackPostMessageBody.self)
    }

    /// `users.info`: the member's name and, with `users:read.email`, their e-mail.
    func member(_ id: String) async throws -> SlackUserBody {
        try await call("users.info", SlackForm([("user", id)]), idempotent: true).decodeJSON(SlackUserInfoBody.self).user
    }

    /// `reactions.get` with `full=true`: every emoji on the message and who added it. The
    /// shared client waits out a 429's `Retry-After` before asking again.
    func reactions(channel: String, ts: String) async throws -> [SlackReactionBody] {
        let form = SlackForm([("channel", channel), ("timestamp", ts), ("full", "true")])
        return try await call("reactions.get", form, idempotent: true).decodeJSON(SlackReactionsGetBody.self).message.reactions ?? []
    }

    private func call(_ method: String, _ form: SlackForm, idempotent: Bool) async throws -> ServiceResponse {
        let response = try await client.send(form.request(method, idempotent: idempotent))
        try check(method, response)
        return response
    }

    /// Slack reports failures in the body, with HTTP 200: `ok: false` becomes a typed error.
    private func check(_ method: String, _ response: ServiceResponse) throws {
        let envelope = try response.decodeJSON(SlackEnvelope.self)
        guard envelope.ok else {
            throw SlackAPIError(method: method, code: envelope.error ?? "unknown_error", needed: envelope.needed, provided: envelope.provided)
        }
    }
}
