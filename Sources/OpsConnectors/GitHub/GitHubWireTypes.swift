import OpsCore

/// GitHub's JSON shapes (docs/services/github.md, "Requests"), as far as opsctl reads them.
struct GitHubLabelBody: Decodable, Sendable {
    var name: String
    var color: String
    var description: String?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case name, color, description
    }

    /// What a listing's parse keeps of each label (`id`, `node_id`, `url` and `default` are not
    /// read), in the order `GitHubLabelPage` reads them.
    static let members = CodingKeys.allCases.map(\.rawValue)
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
            /// The app that must report the check; null: any.
            var app_id: Int?
        }

        var strict: Bool?
        var contexts: [String]?
        var checks: [CheckEntry]?
    }

    struct Reviews: Decodable, Sendable {
        var dismiss_stale_reviews: Bool?
        var require_code_owner_reviews: Bool?
        var required_approving_review_count: Int?
        var require_last_push_approval: Bool?
        var dismissal_restrictions: Actors?
        var bypass_pull_request_allowances: Actors?
    }

    /// Users, teams and apps as full objects; the PUT body names them by login and slug.
    struct Actors: Decodable, Sendable {
        struct User: Decodable, Sendable {
            var login: String
        }

        struct Named: Decodable, Sendable {
            var slug: String
        }

        var users: [User]?
        var teams: [Named]?
        var apps: [Named]?
    }

    var required_status_checks: StatusChecks?
    var enforce_admins: Enabled?
    var required_pull_request_reviews: Reviews?
    var required_linear_history: Enabled?
    var allow_force_pushes: Enabled?
    var allow_deletions: Enabled?
    var restrictions: Actors?
    var block_creations: Enabled?
    var required_conversation_resolution: Enabled?
    var lock_branch: Enabled?
    var allow_fork_syncing: Enabled?
}
