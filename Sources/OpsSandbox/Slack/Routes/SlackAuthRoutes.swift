import OpsCore

extension SlackEmulator {
    enum AuthRoutes {
        /// `auth.test`: who the token is; `bot_id` only for a bot token.
        static func test(_ context: RouteContext, _ slack: State) -> HTTPResponse {
            var body: [String: JSONValue] = [
                "ok": true, "url": .string("https://\(State.teamName).slack.com/"), "team": .string(State.teamName),
                "user": .string(context.caller.userName), "team_id": .string(State.teamID), "user_id": .string(context.caller.userID),
                "is_enterprise_install": false,
            ]
            if context.caller.isBot { body["bot_id"] = .string(Caller.botID) }
            return .json(200, .object(body))
        }
    }
}
