extension SlackEmulator {
    /// What every Slack method handler needs besides the state.
    struct RouteContext {
        let parameters: Parameters
        let caller: Caller
        let scopes: [String]
        let mountURL: String

        /// Every group must be met by one of its scopes, else `missing_scope`.
        func require(_ groups: [[String]]) throws(RouteFailure) {
            for group in groups where !group.contains(where: scopes.contains) {
                throw Errors.missingScope(needed: [group[0]], provided: scopes)
            }
        }
    }
}
