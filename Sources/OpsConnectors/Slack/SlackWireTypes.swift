/// Slack's JSON shapes (docs/services/slack.md, "Requests"), as far as opsctl reads them.

/// Every answer: `ok`, and on failure `error` with `needed`/`provided` for `missing_scope`.
struct SlackEnvelope: Decodable, Sendable {
    var ok: Bool
    var error: String?
    var needed: String?
    var provided: String?
}

/// `auth.test`: `ok, url, team, user, team_id, user_id` always, `bot_id` for bot tokens.
struct SlackAuthTestBody: Decodable, Sendable {
    var url: String?
    var team: String?
    var user: String?
    var team_id: String
    var user_id: String
    var bot_id: String?
}

/// A conversation object, reduced to what the channel check reads.
struct SlackConversationBody: Decodable, Sendable, Equatable {
    var id: String
    var name: String?
    var name_normalized: String?
    var is_private: Bool?
    var is_archived: Bool?
    var is_member: Bool?
}

/// `conversations.info`: `{ok, channel}`.
struct SlackConversationInfoBody: Decodable, Sendable {
    var channel: SlackConversationBody
}

/// `conversations.list`: `{ok, channels, response_metadata: {next_cursor}}`; an empty or
/// absent cursor ends the listing.
struct SlackConversationListBody: Decodable, Sendable {
    struct Metadata: Decodable, Sendable {
        var next_cursor: String?
    }

    var channels: [SlackConversationBody]
    var response_metadata: Metadata?
}

/// `chat.postMessage`: `{ok, channel, ts, message}`.
struct SlackPostMessageBody: Decodable, Sendable {
    var channel: String
    var ts: String
}

/// `users.info`: `{ok, user: {id, name, deleted, is_bot, profile: {email}}}`; `email` only
/// with `users:read.email`.
struct SlackUserInfoBody: Decodable, Sendable {
    var user: SlackUserBody
}

struct SlackUserBody: Decodable, Sendable, Equatable {
    struct Profile: Decodable, Sendable, Equatable {
        var email: String?
    }

    var id: String
    var name: String?
    var deleted: Bool?
    var is_bot: Bool?
    var profile: Profile?
}

/// `reactions.get`: `{ok, type, channel, message: {…, reactions: [{name, users, count}]}}`.
struct SlackReactionsGetBody: Decodable, Sendable {
    struct Message: Decodable, Sendable {
        var reactions: [SlackReactionBody]?
    }

    var message: Message
}

struct SlackReactionBody: Decodable, Sendable, Equatable {
    var name: String
    var users: [String]
    var count: Int?
}
