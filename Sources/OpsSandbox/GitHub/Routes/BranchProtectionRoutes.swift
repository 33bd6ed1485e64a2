import OpsCore

extension GitHubEmulator {
    /// `/repos/{owner}/{repo}/branches/{branch}/protection`: classic branch protection, with the
    /// different shapes GitHub uses for `PUT` (plain values) and `GET` (wrapped, with URLs).
    enum BranchProtectionRoutes {
        static func get(_ context: RouteContext, _ repository: Repository, branch: String) throws(RouteFailure) -> HTTPResponse {
            try requireBranch(repository, branch, docs: Docs.getProtection)
            guard let protection = repository.protections[branch] else { throw notProtected(Docs.getProtection) }
            return .json(200, render(protection, url: context.links.protection(branch), links: context.links))
        }

        static func put(_ context: RouteContext, _ repository: Repository, _ github: inout State, branch: String) throws(RouteFailure) -> HTTPResponse {
            let docs = Docs.updateProtection
            try requireBranch(repository, branch, docs: docs)
            let protection = try parse(try RequestBody.parse(context.request, docs: docs))
            var repository = repository
            repository.protections[branch] = protection
            github.store(repository)
            return .json(200, render(protection, url: context.links.protection(branch), links: context.links))
        }

        static func delete(_ repository: Repository, _ github: inout State, branch: String) throws(RouteFailure) -> HTTPResponse {
            let docs = Docs.deleteProtection
            try requireBranch(repository, branch, docs: docs)
            guard repository.protections[branch] != nil else { throw notProtected(docs) }
            var repository = repository
            repository.protections[branch] = nil
            github.store(repository)
            return .empty(204)
        }

        private static func requireBranch(_ repository: Repository, _ branch: String, docs: String) throws(RouteFailure) {
            if repository.branchHead(branch) == nil {
                throw RouteFailure(response: Errors.basic(404, "Branch not found", docs: docs))
            }
        }

        /// GitHub's answer for a branch without classic protection; `status` is a string.
        private static func notProtected(_ docs: String) -> RouteFailure {
            RouteFailure(response: Errors.basic(404, "Branch not protected", docs: docs, includeStatus: true))
        }

        // MARK: PUT body

        /// Reads the PUT body: the four required members must be present, though each may be null.
        static func parse(_ body: RequestBody) throws(RouteFailure) -> BranchProtection {
            try body.require(["required_status_checks", "enforce_admins", "required_pull_request_reviews", "restrictions"])

            var statusChecks: BranchProtection.StatusChecks?
            if let checksBody = try body.object("required_status_checks", nullable: true) {
                try checksBody.require(["strict", "contexts"])
                let strict = try checksBody.bool("strict") ?? false
                var checks: [BranchProtection.StatusCheck] = []
                for item in try checksBody.array("checks") ?? [] {
                    // Items are reported at the array's own path, as GitHub does.
                    let itemPath = checksBody.path(of: "checks")
                    guard case .object(let members) = item else {
                        throw checksBody.refusal(.wrongType(member: itemPath, value: item, expected: .object, nullable: false))
                    }
                    let check = checksBody.nested(members, at: itemPath)
                    try check.require(["context"])
                    guard let context = try check.string("context") else { throw check.refusal(.missingMembers(["context"])) }
                    let appID = try check.int("app_id")
                    checks.append(.init(context: context, appID: appID == -1 ? nil : appID))
                }
                for context in try checksBody.stringArray("contexts") ?? [] where !checks.contains(where: { $0.context == context }) {
                    checks.append(.init(context: context, appID: nil))
                }
                statusChecks = .init(strict: strict, checks: checks)
            }

            var reviews: BranchProtection.PullRequestReviews?
            if let reviewsBody = try body.object("required_pull_request_reviews", nullable: true) {
                let count = try reviewsBody.int("required_approving_review_count") ?? 1
                guard (0...6).contains(count) else {
                    throw Errors.invalidRequest(
                        "For 'properties/required_approving_review_count', \(count) is not between 0 and 6.", docs: body.docs
                    )
                }
                // An empty `dismissal_restrictions` object turns the restriction off.
                var dismissal = try actors(reviewsBody.object("dismissal_restrictions"), requireUsersAndTeams: false)
                if dismissal == BranchProtection.Actors.empty { dismissal = nil }
                reviews = .init(
                    dismissStaleReviews: try reviewsBody.bool("dismiss_stale_reviews") ?? false,
                    requireCodeOwnerReviews: try reviewsBody.bool("require_code_owner_reviews") ?? false,
                    requiredApprovingReviewCount: count,
                    requireLastPushApproval: try reviewsBody.bool("require_last_push_approval") ?? false,
                    dismissalRestrictions: dismissal,
                    bypassAllowances: try actors(reviewsBody.object("bypass_pull_request_allowances"), requireUsersAndTeams: false)
                )
            }

            var protection = BranchProtection(
                requiredStatusChecks: statusChecks,
                enforceAdmins: try body.bool("enforce_admins", nullable: true) ?? false,
                requiredPullRequestReviews: reviews,
                restrictions: try actors(body.object("restrictions", nullable: true), requireUsersAndTeams: true)
            )
            protection.requiredLinearHistory = try body.bool("required_linear_history") ?? false
            protection.allowForcePushes = try body.bool("allow_force_pushes", nullable: true) ?? false
            protection.allowDeletions = try body.bool("allow_deletions") ?? false
            protection.blockCreations = try body.bool("block_creations") ?? false
            protection.requiredConversationResolution = try body.bool("required_conversation_resolution") ?? false
            protection.lockBranch = try body.bool("lock_branch") ?? false
            protection.allowForkSyncing = try body.bool("allow_fork_syncing") ?? false
            return protection
        }

        private static func actors(_ body: RequestBody?, requireUsersAndTeams: Bool) throws(RouteFailure) -> BranchProtection.Actors? {
            guard let body else { return nil }
            if requireUsersAndTeams { try body.require(["users", "teams"]) }
            return .init(users: try body.stringArray("users") ?? [], teams: try body.stringArray("teams") ?? [], apps: try body.stringArray("apps") ?? [])
        }

        // MARK: GET shape

        /// The `branch-protection` object: booleans wrapped as `{"enabled": ...}`, sections that
        /// are off left out, users, teams and apps as full objects.
        static func render(_ protection: BranchProtection, url: String, links: Links) -> JSONValue {
            func enabled(_ flag: Bool) -> JSONValue { ["enabled": .bool(flag)] }
            var members: [String: JSONValue] = [
                "url": .string(url),
                "enforce_admins": ["url": .string("\(url)/enforce_admins"), "enabled": .bool(protection.enforceAdmins)],
                "required_signatures": ["url": .string("\(url)/required_signatures"), "enabled": .bool(protection.requiredSignatures)],
                "required_linear_history": enabled(protection.requiredLinearHistory),
                "allow_force_pushes": enabled(protection.allowForcePushes),
                "allow_deletions": enabled(protection.allowDeletions),
                "block_creations": enabled(protection.blockCreations),
                "required_conversation_resolution": enabled(protection.requiredConversationResolution),
                "lock_branch": enabled(protection.lockBranch),
                "allow_fork_syncing": enabled(protection.allowForkSyncing),
            ]
            if let checks = protection.requiredStatusChecks {
                members["required_status_checks"] = [
                    "url": .string("\(url)/required_status_checks"),
                    "strict": .bool(checks.strict),
                    "contexts": .array(checks.contexts.map(JSONValue.string)),
                    "contexts_url": .string("\(url)/required_status_checks/contexts"),
                    "checks": .array(checks.checks.map { ["context": .string($0.context), "app_id": $0.appID.map(JSONValue.int) ?? .null] }),
                ]
            }
            if let reviews = protection.requiredPullRequestReviews {
                var review: [String: JSONValue] = [
                    "url": .string("\(url)/required_pull_request_reviews"),
                    "dismiss_stale_reviews": .bool(reviews.dismissStaleReviews),
                    "require_code_owner_reviews": .bool(reviews.requireCodeOwnerReviews),
                    "required_approving_review_count": .int(reviews.requiredApprovingReviewCount),
                    "require_last_push_approval": .bool(reviews.requireLastPushApproval),
                ]
                if let dismissal = reviews.dismissalRestrictions {
                    var object = actorObjects(dismissal, links)
                    object["url"] = .string("\(url)/dismissal_restrictions")
                    object["users_url"] = .string("\(url)/dismissal_restrictions/users")
                    object["teams_url"] = .string("\(url)/dismissal_restrictions/teams")
                    review["dismissal_restrictions"] = .object(object)
                }
                if let bypass = reviews.bypassAllowances {
                    review["bypass_pull_request_allowances"] = .object(actorObjects(bypass, links))
                }
                members["required_pull_request_reviews"] = .object(review)
            }
            if let restrictions = protection.restrictions {
                var object = actorObjects(restrictions, links)
                object["url"] = .string("\(url)/restrictions")
                object["users_url"] = .string("\(url)/restrictions/users")
                object["teams_url"] = .string("\(url)/restrictions/teams")
                object["apps_url"] = .string("\(url)/restrictions/apps")
                members["restrictions"] = .object(object)
            }
            return .object(members)
        }

        private static func actorObjects(_ actors: BranchProtection.Actors, _ links: Links) -> [String: JSONValue] {
            [
                "users": .array(actors.users.map(links.user)),
                "teams": .array(actors.teams.map(links.team)),
                "apps": .array(actors.apps.map(links.app)),
            ]
        }
    }
}
