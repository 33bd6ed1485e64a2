import OpsCore

extension GitHubEmulator {
    /// Classic branch protection of one branch, kept in the shape of the `PUT` body (plain
    /// booleans, logins and slugs). The `GET` shape, with `{enabled}` wrappers, URLs and full
    /// user objects, is derived from it when rendered.
    struct BranchProtection: Sendable, Equatable {
        struct StatusCheck: Sendable, Equatable {
            var context: String
            /// nil: any app may report the check (GitHub shows `null`; a PUT with -1 means this).
            var appID: Int?
        }

        struct StatusChecks: Sendable, Equatable {
            var strict: Bool
            var checks: [StatusCheck]

            /// The deprecated `contexts` list is the checks' names.
            var contexts: [String] { checks.map(\.context) }
        }

        /// Users (logins), teams (slugs) and apps (slugs).
        struct Actors: Sendable, Equatable {
            var users: [String]
            var teams: [String]
            var apps: [String]

            static let empty = Actors(users: [], teams: [], apps: [])
        }

        struct PullRequestReviews: Sendable, Equatable {
            var dismissStaleReviews: Bool
            var requireCodeOwnerReviews: Bool
            var requiredApprovingReviewCount: Int
            var requireLastPushApproval: Bool
            var dismissalRestrictions: Actors?
            var bypassAllowances: Actors?
        }

        var requiredStatusChecks: StatusChecks?
        var enforceAdmins: Bool
        var requiredPullRequestReviews: PullRequestReviews?
        var restrictions: Actors?
        var requiredLinearHistory = false
        var allowForcePushes = false
        var allowDeletions = false
        var blockCreations = false
        var requiredConversationResolution = false
        var lockBranch = false
        var allowForkSyncing = false
        /// Not settable through this PUT (it has its own endpoint); kept for the GET shape.
        var requiredSignatures = false

        init(requiredStatusChecks: StatusChecks?, enforceAdmins: Bool, requiredPullRequestReviews: PullRequestReviews?, restrictions: Actors?) {
            self.requiredStatusChecks = requiredStatusChecks
            self.enforceAdmins = enforceAdmins
            self.requiredPullRequestReviews = requiredPullRequestReviews
            self.restrictions = restrictions
        }

        // MARK: State file

        init(stateJSON: JSONValue, path: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            if let checks = try reader.reader("required_status_checks") {
                var list: [StatusCheck] = []
                for (value, checkPath) in try checks.array("checks") {
                    let check = try JSONFieldReader(value, path: checkPath)
                    list.append(StatusCheck(context: try check.string("context"), appID: try check.optionalInt("app_id")))
                }
                for context in try checks.stringArray("contexts") where !list.contains(where: { $0.context == context }) {
                    list.append(StatusCheck(context: context, appID: nil))
                }
                requiredStatusChecks = StatusChecks(strict: try checks.bool("strict", default: false), checks: list)
            }
            enforceAdmins = try reader.bool("enforce_admins", default: false)
            if let reviews = try reader.reader("required_pull_request_reviews") {
                requiredPullRequestReviews = PullRequestReviews(
                    dismissStaleReviews: try reviews.bool("dismiss_stale_reviews", default: false),
                    requireCodeOwnerReviews: try reviews.bool("require_code_owner_reviews", default: false),
                    requiredApprovingReviewCount: try reviews.optionalInt("required_approving_review_count") ?? 1,
                    requireLastPushApproval: try reviews.bool("require_last_push_approval", default: false),
                    dismissalRestrictions: try reviews.reader("dismissal_restrictions").map(Self.actors),
                    bypassAllowances: try reviews.reader("bypass_pull_request_allowances").map(Self.actors)
                )
            }
            restrictions = try reader.reader("restrictions").map(Self.actors)
            requiredLinearHistory = try reader.bool("required_linear_history", default: false)
            allowForcePushes = try reader.bool("allow_force_pushes", default: false)
            allowDeletions = try reader.bool("allow_deletions", default: false)
            blockCreations = try reader.bool("block_creations", default: false)
            requiredConversationResolution = try reader.bool("required_conversation_resolution", default: false)
            lockBranch = try reader.bool("lock_branch", default: false)
            allowForkSyncing = try reader.bool("allow_fork_syncing", default: false)
            requiredSignatures = try reader.bool("required_signatures", default: false)
        }

        private static func actors(_ reader: JSONFieldReader) throws(StateDecodingError) -> Actors {
            Actors(users: try reader.stringArray("users"), teams: try reader.stringArray("teams"), apps: try reader.stringArray("apps"))
        }

        var stateJSON: JSONValue {
            func actors(_ value: Actors?) -> JSONValue {
                guard let value else { return .null }
                return ["users": .array(value.users.map(JSONValue.string)), "teams": .array(value.teams.map(JSONValue.string)), "apps": .array(value.apps.map(JSONValue.string))]
            }
            var checks: JSONValue = .null
            if let status = requiredStatusChecks {
                checks = [
                    "strict": .bool(status.strict),
                    "contexts": .array(status.contexts.map(JSONValue.string)),
                    "checks": .array(status.checks.map { ["context": .string($0.context), "app_id": $0.appID.map(JSONValue.int) ?? .null] }),
                ]
            }
            var reviews: JSONValue = .null
            if let review = requiredPullRequestReviews {
                reviews = [
                    "dismiss_stale_reviews": .bool(review.dismissStaleReviews),
                    "require_code_owner_reviews": .bool(review.requireCodeOwnerReviews),
                    "required_approving_review_count": .int(review.requiredApprovingReviewCount),
                    "require_last_push_approval": .bool(review.requireLastPushApproval),
                    "dismissal_restrictions": actors(review.dismissalRestrictions),
                    "bypass_pull_request_allowances": actors(review.bypassAllowances),
                ]
            }
            return [
                "required_status_checks": checks,
                "enforce_admins": .bool(enforceAdmins),
                "required_pull_request_reviews": reviews,
                "restrictions": actors(restrictions),
                "required_linear_history": .bool(requiredLinearHistory),
                "allow_force_pushes": .bool(allowForcePushes),
                "allow_deletions": .bool(allowDeletions),
                "block_creations": .bool(blockCreations),
                "required_conversation_resolution": .bool(requiredConversationResolution),
                "lock_branch": .bool(lockBranch),
                "allow_fork_syncing": .bool(allowForkSyncing),
                "required_signatures": .bool(requiredSignatures),
            ]
        }
    }
}
