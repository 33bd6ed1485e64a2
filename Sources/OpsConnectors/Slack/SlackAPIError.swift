import OpsCore

/// A Slack answer with `ok: false` (HTTP 200 as a rule): the method, Slack's error code and,
/// for `missing_scope`, what was needed and what the token has.
struct SlackAPIError: DiagnosticError, Equatable {
    var method: String
    var code: String
    var needed: String?
    var provided: String?

    var diagnostic: Diagnostic {
        switch code {
        case "missing_scope":
            Diagnostic(
                message: "Slack refused \(method): missing_scope (needed \(needed ?? "a scope"); the token has \(provided.map { $0.isEmpty ? "none" : $0 } ?? "unknown scopes"))",
                hint: "add the scope under OAuth & Permissions in the Slack app settings, reinstall the app and update SLACK_BOT_TOKEN"
            )
        case "not_authed", "invalid_auth", "token_revoked", "token_expired", "account_inactive":
            Diagnostic(
                message: "Slack refused \(method): \(code)",
                hint: "set SLACK_BOT_TOKEN to the app's current Bot User OAuth Token (xoxb-…) from OAuth & Permissions"
            )
        case "ratelimited", "rate_limited":
            Diagnostic(message: "Slack refused \(method): \(code)", hint: "Slack is rate limiting; re-run later")
        default:
            Diagnostic(message: "Slack refused \(method): \(code)", hint: "see Slack's documentation of \(method) for '\(code)'")
        }
    }

    /// The token was refused as a whole, rather than one call.
    var isAuthenticationFailure: Bool {
        ["not_authed", "invalid_auth", "token_revoked", "token_expired", "account_inactive"].contains(code)
    }
}
