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

    /// Reads `json`'s shape back from a plan's payload.
    init(_ payload: PayloadReader) throws(ChangePayloadError) {
        self.init(name: try payload.string("name"), color: try payload.string("color"), description: try payload.optionalString("description"))
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

    /// Reads `json`'s shape back from a plan's payload.
    init(_ payload: PayloadReader) throws(ChangePayloadError) {
        requiredReviews = try payload.optionalInt("requiredReviews")
        requiredStatusChecks = try payload.strings("requiredStatusChecks").sorted()
        enforceAdmins = try payload.bool("enforceAdmins")
        allowForcePushes = try payload.bool("allowForcePushes")
        allowDeletions = try payload.bool("allowDeletions")
        dismissStaleReviews = try payload.bool("dismissStaleReviews")
        requireCodeOwnerReviews = try payload.bool("requireCodeOwnerReviews")
        requiredLinearHistory = try payload.bool("requiredLinearHistory")
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

    /// The PUT body: four required keys that may be null, plain booleans (docs/services/github.md).
    /// The PUT replaces the whole protection, so what desired-state.yaml cannot declare is sent
    /// as `kept` says GitHub has it now.
    func putBody(keeping kept: UndeclaredProtection) -> JSONValue {
        var body: [String: JSONValue] = [
            "required_status_checks": .null,
            "enforce_admins": .bool(enforceAdmins),
            "required_pull_request_reviews": .null,
            "restrictions": kept.restrictions?.putBody ?? .null,
            "required_linear_history": .bool(requiredLinearHistory),
            "allow_force_pushes": .bool(allowForcePushes),
            "allow_deletions": .bool(allowDeletions),
        ]
        if !requiredStatusChecks.isEmpty {
            var checks: [String: JSONValue] = [
                "strict": .bool(kept.strict ?? true), "contexts": .array(requiredStatusChecks.map(JSONValue.string)),
            ]
            // `contexts` cannot say which app must report a check; `checks` keeps a pinned app.
            if requiredStatusChecks.contains(where: { kept.checkApps[$0] != nil }) {
                checks["checks"] = .array(requiredStatusChecks.map { context in
                    kept.checkApps[context].map { ["context": .string(context), "app_id": .int($0)] } ?? ["context": .string(context)]
                })
            }
            body["required_status_checks"] = .object(checks)
        }
        if let count = requiredReviews {
            var reviews: [String: JSONValue] = [
                "required_approving_review_count": .int(count),
                "dismiss_stale_reviews": .bool(dismissStaleReviews),
                "require_code_owner_reviews": .bool(requireCodeOwnerReviews),
            ]
            if kept.requireLastPushApproval { reviews["require_last_push_approval"] = .bool(true) }
            if let dismissal = kept.dismissalRestrictions { reviews["dismissal_restrictions"] = dismissal.putBody }
            if let bypass = kept.bypassAllowances { reviews["bypass_pull_request_allowances"] = bypass.putBody }
            body["required_pull_request_reviews"] = .object(reviews)
        }
        if kept.blockCreations { body["block_creations"] = .bool(true) }
        if kept.requiredConversationResolution { body["required_conversation_resolution"] = .bool(true) }
        if kept.lockBranch { body["lock_branch"] = .bool(true) }
        if kept.allowForkSyncing { body["allow_fork_syncing"] = .bool(true) }
        return .object(body)
    }
}
