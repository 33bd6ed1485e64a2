import OpsCore

/// The settings of a branch's classic protection that desired-state.yaml cannot declare, read
/// from GitHub right before the PUT so the PUT keeps them: the PUT replaces the whole
/// protection, and leaving a member out turns it off (docs/services/github.md, "Branch
/// protection"). Kept in the PUT body's own shape: logins and slugs, plain booleans.
struct UndeclaredProtection: Sendable, Equatable {
    struct Actors: Sendable, Equatable {
        var users: [String]
        var teams: [String]
        var apps: [String]

        init(users: [String], teams: [String], apps: [String]) {
            self.users = users
            self.teams = teams
            self.apps = apps
        }

        init(_ body: GitHubProtectionBody.Actors) {
            self.init(users: (body.users ?? []).map(\.login), teams: (body.teams ?? []).map(\.slug), apps: (body.apps ?? []).map(\.slug))
        }

        var putBody: JSONValue {
            ["users": .array(users.map(JSONValue.string)), "teams": .array(teams.map(JSONValue.string)), "apps": .array(apps.map(JSONValue.string))]
        }
    }

    /// Nil when no status checks are required: then a new requirement is strict.
    var strict: Bool?
    /// The app each required check must come from, where one is pinned.
    var checkApps: [String: Int]
    var requireLastPushApproval: Bool
    var dismissalRestrictions: Actors?
    var bypassAllowances: Actors?
    var restrictions: Actors?
    var blockCreations: Bool
    var requiredConversationResolution: Bool
    var lockBranch: Bool
    var allowForkSyncing: Bool

    /// An unprotected branch: GitHub's defaults.
    static let none = UndeclaredProtection(
        strict: nil, checkApps: [:], requireLastPushApproval: false, dismissalRestrictions: nil, bypassAllowances: nil,
        restrictions: nil, blockCreations: false, requiredConversationResolution: false, lockBranch: false, allowForkSyncing: false)

    init(
        strict: Bool?, checkApps: [String: Int], requireLastPushApproval: Bool, dismissalRestrictions: Actors?, bypassAllowances: Actors?,
        restrictions: Actors?, blockCreations: Bool, requiredConversationResolution: Bool, lockBranch: Bool, allowForkSyncing: Bool
    ) {
        self.strict = strict
        self.checkApps = checkApps
        self.requireLastPushApproval = requireLastPushApproval
        self.dismissalRestrictions = dismissalRestrictions
        self.bypassAllowances = bypassAllowances
        self.restrictions = restrictions
        self.blockCreations = blockCreations
        self.requiredConversationResolution = requiredConversationResolution
        self.lockBranch = lockBranch
        self.allowForkSyncing = allowForkSyncing
    }

    init(_ body: GitHubProtectionBody) {
        let reviews = body.required_pull_request_reviews
        var apps: [String: Int] = [:]
        for check in body.required_status_checks?.checks ?? [] {
            if let app = check.app_id { apps[check.context] = app }
        }
        self.init(
            strict: body.required_status_checks.map { $0.strict ?? true },
            checkApps: apps,
            requireLastPushApproval: reviews?.require_last_push_approval ?? false,
            dismissalRestrictions: reviews?.dismissal_restrictions.map(Actors.init),
            bypassAllowances: reviews?.bypass_pull_request_allowances.map(Actors.init),
            restrictions: body.restrictions.map(Actors.init),
            blockCreations: body.block_creations?.enabled ?? false,
            requiredConversationResolution: body.required_conversation_resolution?.enabled ?? false,
            lockBranch: body.lock_branch?.enabled ?? false,
            allowForkSyncing: body.allow_fork_syncing?.enabled ?? false
        )
    }
}
