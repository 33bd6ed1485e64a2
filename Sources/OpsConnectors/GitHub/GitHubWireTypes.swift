/// GitHub's JSON shapes (docs/services/github.md, "Requests"), as far as opsctl reads them.
struct GitHubLabelBody: Decodable, Sendable {
    var name: String
    var color: String
    var description: String?
}

/// `GET …/branches/{branch}/protection`: booleans come back wrapped in `{enabled}`, unlike
/// the PUT body.
struct GitHubProtectionBody: Decodable, Sendable {
    struct Enabled: Decodable, Sendable {
        var enabled: Bool
    }

    struct StatusChecks: Decodable, Sendable {
        struct CheckEntry: Decodable, Sendable {
            var context: String
        }

        var strict: Bool?
        var contexts: [String]?
        var checks: [CheckEntry]?
    }

    struct Reviews: Decodable, Sendable {
        var dismiss_stale_reviews: Bool?
        var require_code_owner_reviews: Bool?
        var required_approving_review_count: Int?
    }

    var required_status_checks: StatusChecks?
    var enforce_admins: Enabled?
    var required_pull_request_reviews: Reviews?
    var required_linear_history: Enabled?
    var allow_force_pushes: Enabled?
    var allow_deletions: Enabled?
}
