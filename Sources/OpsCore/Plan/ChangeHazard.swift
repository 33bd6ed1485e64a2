/// Why a change is hazardous (docs/services/supabase.md, "Changes"): shown in the diff, listed in a
/// migration's header, and selectable in change-policy.yaml with a `hazard:NAME` rule.
package enum ChangeHazard: String, Sendable, Hashable, CaseIterable {
    /// Rows or columns of data are gone once it runs.
    case deletesData = "DELETES_DATA"
    /// `ALTER TABLE`, `CREATE POLICY` and friends block every reader and writer of an
    /// existing table until the transaction ends.
    case accessExclusiveLock = "ACQUIRES_ACCESS_EXCLUSIVE_LOCK"
    /// `CREATE INDEX` on an existing table scans it and blocks writes while it builds.
    case indexBuild = "INDEX_BUILD"
    /// Adding a foreign key or check constraint to an existing table reads every row while
    /// holding a lock that blocks writes, and fails the migration if one row violates it.
    case validatesExistingRows = "VALIDATES_EXISTING_ROWS"
}
