import OpsCore

/// The pull request that carries a migration, as `MigrationPublisher` leaves it.
struct MigrationPullRequest: Sendable, Equatable {
    var number: Int
    var htmlURL: String
    /// The branch holding the migration (with a `-N` suffix when the plain name was taken).
    var branch: String
    var base: String
    /// `supabase/migrations/<timestamp>_opsctl_<slug>.sql`; an earlier run's timestamp when reused.
    var path: String
    /// True when an open pull request with the same migration already existed and was returned
    /// instead of opening another.
    var reused: Bool

    /// The change's `after` snapshot for receipts and the apply report.
    var json: JSONValue {
        [
            "pullRequest": .int(number), "url": .string(htmlURL), "branch": .string(branch), "base": .string(base),
            "path": .string(path), "reused": .bool(reused),
        ]
    }

    /// "opened pull request #12 (https://…) with supabase/migrations/…sql"
    var summary: String {
        "\(reused ? "found the open" : "opened") pull request #\(number) (\(htmlURL)) with \(path)"
    }
}
