/// The rows of one query, every value as PostgreSQL's text form (or nil for SQL NULL).
///
/// Text, not binary, on purpose: catalog readers cast what they need (`::text`, `to_json`)
/// so the representation is decided in SQL, where it is visible, and never depends on
/// type OIDs or on how a driver decodes `name[]` or `int8`.
struct PostgresRows: Sendable, Equatable {
    let columns: [String]
    let values: [[String?]]

    var count: Int { values.count }
    var isEmpty: Bool { values.isEmpty }

    var rows: [PostgresRow] {
        values.map { PostgresRow(columns: columns, values: $0) }
    }
}

/// One row, read by column name.
struct PostgresRow: Sendable, Equatable {
    let columns: [String]
    let values: [String?]

    /// The first column of that name. A query has a handful of columns, compared in turn:
    /// hashing the name for a dictionary cost more, at every value a catalog reader takes
    /// (19 of them a table; docs/performance.md).
    subscript(column: String) -> String? {
        columns.firstIndex(of: column).flatMap { values[$0] }
    }

    /// A value the query guarantees non-null; a missing one is reported rather than trapped.
    func string(_ column: String) throws(PostgresError) -> String {
        guard let value = self[column] else {
            throw .unexpectedResult("the column '\(column)' is missing or null")
        }
        return value
    }

    /// A boolean cast to text in SQL (`true`/`false`).
    func bool(_ column: String) throws(PostgresError) -> Bool {
        switch try string(column) {
        case "true", "t": return true
        case "false", "f": return false
        case let other: throw .unexpectedResult("the column '\(column)' holds '\(other)', not a boolean")
        }
    }
}
