import Foundation
import OpsCore

/// A database migration to deliver as a pull request: the SQL, what it is for, and when it
/// was made. The names of its file and branch follow from the slug and the timestamp, so the
/// same proposal always lands on the same branch and path.
struct MigrationProposal: Sendable, Equatable {
    /// One planned change the SQL carries out, as the pull request lists it.
    struct Entry: Sendable, Equatable {
        var id: ChangeID
        var description: String
        /// `DELETES_DATA`, `ACQUIRES_ACCESS_EXCLUSIVE_LOCK`, ... (docs/architecture.md, "Policy").
        var hazards: [ChangeHazard]

        init(id: ChangeID, description: String, hazards: [ChangeHazard] = []) {
            self.id = id
            self.description = description
            self.hazards = hazards
        }

        init(_ change: Change) {
            self.init(id: change.id, description: change.description, hazards: change.hazards)
        }
    }

    var sql: String
    /// Normalised by `MigrationNaming.slug`: `[a-z0-9_]`, never empty.
    var slug: String
    var entries: [Entry]
    /// `YYYYMMDDHHMMSS`, UTC.
    var timestamp: String

    /// Throws when the SQL is blank, nothing is listed, or the slug has no usable character.
    init(sql: String, slug: String, entries: [Entry], createdAt: Date) throws(MigrationPublishError) {
        guard !sql.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .emptyScript }
        guard !entries.isEmpty else { throw .noChanges }
        guard let normalized = MigrationNaming.slug(slug) else { throw .invalidSlug(slug) }
        self.sql = sql
        self.slug = normalized
        self.entries = entries
        timestamp = MigrationNaming.timestamp(createdAt)
    }

    /// A proposal for planned changes, named after them when no slug is given.
    init(sql: String, changes: [Change], slug: String? = nil, createdAt: Date) throws(MigrationPublishError) {
        try self.init(
            sql: sql, slug: slug ?? MigrationNaming.slug(for: changes.map(\.id)), entries: changes.map(Entry.init),
            createdAt: createdAt)
    }

    /// `supabase/migrations/<timestamp>_opsctl_<slug>.sql`.
    var path: String { MigrationNaming.path(timestamp: timestamp, slug: slug) }

    /// `opsctl/migration-<timestamp>-<slug>`, before any suffix for a taken name.
    var branch: String { MigrationNaming.branch(timestamp: timestamp, slug: slug) }

    /// The exact bytes committed: the SQL, ending in one newline as text files should.
    var fileContent: [UInt8] {
        Array((sql.hasSuffix("\n") ? sql : sql + "\n").utf8)
    }

    /// Every hazard named by any entry, once each, in first-seen order.
    var hazards: [ChangeHazard] {
        var seen: Set<ChangeHazard> = []
        return entries.flatMap(\.hazards).filter { seen.insert($0).inserted }
    }
}
