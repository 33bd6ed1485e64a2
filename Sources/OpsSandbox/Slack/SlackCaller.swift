extension SlackEmulator {
    /// Who a token speaks for: the workspace's bot (`xoxb-`) or a person (`xoxp-`).
    struct Caller {
        static let botUserID = "U0BOTUSER1"
        static let botID = "B0BOTAPP01"
        static let botName = "opsctl"
        static let personUserID = "U0PERSON01"
        static let personName = "alice"

        let token: String
        let isBot: Bool

        /// Nil when Slack would refuse the token (`invalid_auth`).
        init?(token: String?, options: Options) {
            guard let token, token.hasPrefix("xoxb-") || token.hasPrefix("xoxp-"), token.count > 10 else { return nil }
            self.token = token
            isBot = token.hasPrefix("xoxb-")
            scopeOverride = options.scopesByToken[token]
        }

        private let scopeOverride: [String]?

        var userID: String { isBot ? Self.botUserID : Self.personUserID }
        var userName: String { isBot ? Self.botName : Self.personName }

        func scopes(in state: State) -> [String] {
            if let scopeOverride { return scopeOverride }
            return isBot ? state.botScopes : State.personScopes
        }
    }
}
