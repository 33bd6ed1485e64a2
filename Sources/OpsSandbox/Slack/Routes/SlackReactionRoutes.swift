import OpsCore

extension SlackEmulator {
    enum ReactionRoutes {
        /// `reactions.add` with `channel`, `timestamp` and `name`, as the caller.
        static func add(_ context: RouteContext, _ slack: inout State) throws(RouteFailure) -> HTTPResponse {
            guard let name = context.parameters["name"], !name.isEmpty else { throw Errors.failure("invalid_name") }
            try react(&slack, channel: context.parameters["channel"], ts: context.parameters["timestamp"], name: name, user: context.caller.userID)
            return .json(200, ["ok": true])
        }

        /// Adds `user`'s `name` emoji to a message; `already_reacted` the second time.
        static func react(_ slack: inout State, channel: String?, ts: String?, name: String, user: String) throws(RouteFailure) {
            guard let channel, let ts, let index = slack.messageIndex(channel: channel, ts: ts) else {
                throw Errors.failure("message_not_found")
            }
            var message = slack.messages[index]
            if let existing = message.reactions.firstIndex(where: { $0.name == name }) {
                guard !message.reactions[existing].users.contains(user) else { throw Errors.failure("already_reacted") }
                message.reactions[existing].users.append(user)
            } else {
                message.reactions.append(Reaction(name: name, users: [user]))
            }
            slack.messages[index] = message
        }

        /// `reactions.get` with `channel` and `timestamp` (`full` is accepted; users are always
        /// listed in full here): `{ok, type: "message", channel, message: {…, reactions}}`.
        static func get(_ context: RouteContext, _ slack: State) throws(RouteFailure) -> HTTPResponse {
            guard let channel = context.parameters["channel"], let ts = context.parameters["timestamp"],
                let index = slack.messageIndex(channel: channel, ts: ts)
            else { throw Errors.failure("message_not_found") }
            let message = slack.messages[index]
            var wire: [String: JSONValue] = [
                "type": "message", "text": .string(message.text), "ts": .string(message.ts), "user": .string(message.user),
            ]
            if !message.reactions.isEmpty { wire["reactions"] = .array(message.reactions.map(\.wire)) }
            return .json(200, ["ok": true, "type": "message", "channel": .string(channel), "message": .object(wire)])
        }
    }

    enum UserRoutes {
        /// `users.info?user=U…`; the e-mail only with `users:read.email`.
        static func info(_ context: RouteContext, _ slack: State) throws(RouteFailure) -> HTTPResponse {
            guard let id = context.parameters["user"], let user = slack.users.first(where: { $0.id == id }) else {
                throw Errors.failure("user_not_found")
            }
            return .json(200, ["ok": true, "user": user.wire(withEmail: context.scopes.contains("users:read.email"))])
        }
    }
}
