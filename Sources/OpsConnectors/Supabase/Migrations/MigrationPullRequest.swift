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

    /// "proposed in pull request #12 (https://…), supabase/migrations/…sql"; a pull request an
    /// earlier run opened for the same migration is said to be already open.
    var proposal: String {
        "proposed in \(reused ? "the already open " : "")pull request #\(number) (\(htmlURL)), \(path)"
    }
}
