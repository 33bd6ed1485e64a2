import OpsCore

/// A label as opsctl compares it. Names compare case-insensitively, as GitHub does.
struct LabelSnapshot: Sendable, Equatable {
    var name: String
    var color: String
    var description: String?

    init(name: String, color: String, description: String?) {
        self.name = name
        self.color = color.lowercased()
        self.description = description.flatMap { $0.isEmpty ? nil : $0 }
    }

    init(_ body: GitHubLabelBody) {
        self.init(name: body.name, color: body.color, description: body.description)
    }

    var json: JSONValue {
        .object(["name": .string(name), "color": .string(color), "description": description.map(JSONValue.string) ?? .null])
    }
}

/// Classic branch protection reduced to the settings desired-state.yaml can declare, so that
/// the GET shape and the desired shape compare directly.
struct ProtectionSnapshot: Sendable, Equatable {
    var requiredReviews: Int?
    var requiredStatusChecks: [String]
    var enforceAdmins: Bool
    var allowForcePushes: Bool
    var allowDeletions: Bool
    var dismissStaleReviews: Bool
    var requireCodeOwnerReviews: Bool
    var requiredLinearHistory: Bool

    init(_ desired: BranchProtection) {
        requiredReviews = desired.requiredReviews
        requiredStatusChecks = desired.requiredStatusChecks.sorted()
        enforceAdmins = desired.enforceAdmins
        allowForcePushes = desired.allowForcePushes
        allowDeletions = desired.allowDeletions
        // Review settings only exist when pull request reviews are required.
        dismissStaleReviews = desired.requiredReviews == nil ? false : desired.dismissStaleReviews
        requireCodeOwnerReviews = desired.requiredReviews == nil ? false : desired.requireCodeOwnerReviews
        requiredLinearHistory = desired.requiredLinearHistory
    }

    init(_ body: GitHubProtectionBody) {
        let reviews = body.required_pull_request_reviews
        requiredReviews = reviews.map { $0.required_approving_review_count ?? 0 }
        let checks = body.required_status_checks
        requiredStatusChecks = Array(Set((checks?.contexts ?? []) + (checks?.checks ?? []).map(\.context))).sorted()
        enforceAdmins = body.enforce_admins?.enabled ?? false
        allowForcePushes = body.allow_force_pushes?.enabled ?? false
        allowDeletions = body.allow_deletions?.enabled ?? false
        dismissStaleReviews = reviews?.dismiss_stale_reviews ?? false
        requireCodeOwnerReviews = reviews?.require_code_owner_reviews ?? false
        requiredLinearHistory = body.required_linear_history?.enabled ?? false
    }

    var json: JSONValue {
        .object([
            "requiredReviews": requiredReviews.map(JSONValue.int) ?? .null,
            "requiredStatusChecks": .array(requiredStatusChecks.map(JSONValue.string)),
            "enforceAdmins": .bool(enforceAdmins),
            "allowForcePushes": .bool(allowForcePushes),
            "allowDeletions": .bool(allowDeletions),
            "dismissStaleReviews": .bool(dismissStaleReviews),
            "requireCodeOwnerReviews": .bool(requireCodeOwnerReviews),
            "requiredLinearHistory": .bool(requiredLinearHistory),
        ])
    }

    /// The PUT body (docs/services/github.md, "What is compared"): four required keys that
    /// may be null, plain booleans. The PUT replaces the whole protection, so settings not
    /// modelled here are reset by it.
    var putBody: JSONValue {
        .object([
            "required_status_checks": requiredStatusChecks.isEmpty
                ? .null
                : .object(["strict": .bool(true), "contexts": .array(requiredStatusChecks.map(JSONValue.string))]),
            "enforce_admins": .bool(enforceAdmins),
            "required_pull_request_reviews": requiredReviews.map { count in
                .object([
                    "required_approving_review_count": .int(count),
                    "dismiss_stale_reviews": .bool(dismissStaleReviews),
                    "require_code_owner_reviews": .bool(requireCodeOwnerReviews),
                ])
            } ?? .null,
            "restrictions": .null,
            "required_linear_history": .bool(requiredLinearHistory),
            "allow_force_pushes": .bool(allowForcePushes),
            "allow_deletions": .bool(allowDeletions),
        ])
    }
}
