extension SlackEmulator {
    /// Per-token behaviour for tests; kept in memory only, since tokens never reach the state file.
    package struct Options: Sendable {
        /// Scopes granted to a token, overriding the state's `bot_scopes` for it.
        package var scopesByToken: [String: [String]]
        /// Tokens Slack would answer `token_revoked`.
        package var revokedTokens: Set<String>

        package init(scopesByToken: [String: [String]] = [:], revokedTokens: Set<String> = []) {
            self.scopesByToken = scopesByToken
            self.revokedTokens = revokedTokens
        }
    }
}
