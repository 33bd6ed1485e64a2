import OpsCore

extension SlackEmulator {
    /// A workspace member `users.info` describes; tests add them through
    /// `POST /slack/_sandbox/users`.
    struct User: Equatable {
        var id: String
        var name: String
        var email: String

        init(id: String, name: String, email: String) {
            self.id = id
            self.name = name
            self.email = email
        }

        init(stateJSON: JSONValue, path: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            id = try reader.string("id")
            name = try reader.string("name")
            email = try reader.optionalString("email") ?? ""
        }

        var stateJSON: JSONValue { ["id": .string(id), "name": .string(name), "email": .string(email)] }

        /// `users.info`'s `user`; `profile.email` only for a token with `users:read.email`.
        func wire(withEmail: Bool) -> JSONValue {
            var profile: [String: JSONValue] = ["real_name": .string(name), "display_name": .string(name)]
            if withEmail, !email.isEmpty { profile["email"] = .string(email) }
            return [
                "id": .string(id), "team_id": .string(State.teamID), "name": .string(name), "real_name": .string(name), "deleted": false,
                "is_bot": false, "is_admin": false, "profile": .object(profile),
            ]
        }
    }

    /// What an app posted to a `response_url` the sandbox handed out, in order.
    struct ResponseRecord: Equatable {
        var channel: String
        /// The message the interaction came from; nil for a slash command.
        var ts: String?
        var body: JSONValue

        init(channel: String, ts: String?, body: JSONValue) {
            self.channel = channel
            self.ts = ts
            self.body = body
        }

        init(stateJSON: JSONValue, path: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            channel = try reader.string("channel")
            ts = try reader.optionalString("ts")
            body = reader.members["body"] ?? .null
        }

        var stateJSON: JSONValue {
            var members: [String: JSONValue] = ["channel": .string(channel), "body": body]
            if let ts { members["ts"] = .string(ts) }
            return .object(members)
        }
    }
}
