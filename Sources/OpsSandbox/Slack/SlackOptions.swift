extension SlackEmulator {
    /// Per-token behaviour for tests; kept in memory only, since tokens never reach the state file.
    package struct Options: Sendable {
        /// Scopes granted to a token, overriding the state's `bot_scopes` for it.
        package var scopesByToken: [String: [String]]
        /// Tokens Slack would answer `token_revoked`.
        package var revokedTokens: Set<String>
        /// The app's signing secret, with which `/_sandbox/interact` and `/_sandbox/command`
        /// sign what they send to a receiver, as Slack does; nil: they refuse.
        package var signingSecret: String?

        package init(scopesByToken: [String: [String]] = [:], revokedTokens: Set<String> = [], signingSecret: String? = nil) {
            self.scopesByToken = scopesByToken
            self.revokedTokens = revokedTokens
            self.signingSecret = signingSecret
        }
    }
}
