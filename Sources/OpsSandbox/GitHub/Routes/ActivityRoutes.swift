import OpsCore

extension GitHubEmulator {
    /// `GET /repos/{o}/{r}/activity` ("List repository activities", in GitHub's current REST
    /// description; the 2022 copy under shared/api/specs predates it): newest first unless
    /// `direction=asc`, filtered by `ref` (`refs/heads/B` or `B`), `actor` and `activity_type`.
    /// GitHub pages this listing with `before`/`after` cursors; the emulator pages by number.
    enum ActivityRoutes {
        static let types: Set<String> = ["push", "force_push", "branch_creation", "branch_deletion", "pr_merge", "merge_queue_merge"]

        static func list(_ context: RouteContext, _ repository: Repository) throws(RouteFailure) -> HTTPResponse {
            let query = context.request.query
            var items = repository.activities
            if let ref = query["ref"] {
                let full = ref.hasPrefix("refs/") ? ref : "refs/heads/\(ref)"
                items = items.filter { $0.ref == full }
            }
            if let actor = query["actor"] { items = items.filter { $0.login.lowercased() == actor.lowercased() } }
            if let type = query["activity_type"] {
                guard types.contains(type) else {
                    throw Errors.validationFailed(resource: "Activity", code: "invalid", field: "activity_type", docs: Docs.listActivities)
                }
                items = items.filter { $0.activityType == type }
            }
            if query["direction"] != "asc" { items.reverse() }
            return context.page(items) { activity in
                let links = context.links
                return [
                    "id": .int(activity.id), "node_id": .string(links.nodeID("016:RepositoryActivity", activity.id)),
                    "before": .string(activity.before), "after": .string(activity.after), "ref": .string(activity.ref),
                    "timestamp": .string(activity.timestamp), "activity_type": .string(activity.activityType),
                    "actor": links.user(activity.login),
                ]
            }
        }
    }
}
