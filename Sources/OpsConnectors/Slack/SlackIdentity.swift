/// What `auth.test` says about the token.
struct SlackIdentity: Sendable, Equatable {
    var userID: String
    var userName: String?
    var teamID: String
    var teamName: String?
    var botID: String?
    /// Nil when the answer carried no `x-oauth-scopes` header.
    var scopes: [String]?
}
