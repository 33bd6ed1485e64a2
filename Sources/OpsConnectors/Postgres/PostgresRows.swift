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

    /// A column found once for every row: a catalog reader that takes many values of many
    /// rows compared each name with the columns' at every value, 2% of a 10,000-table plan
    /// (docs/performance.md).
    func column(_ name: String) -> PostgresColumn {
        PostgresColumn(name: name, position: columns.firstIndex(of: name))
    }
}

/// A column of a result by position, and its name for the message when it is missing.
struct PostgresColumn: Sendable {
    let name: String
    let position: Int?
}

/// One row, read by column name.
struct PostgresRow: Sendable, Equatable {
    let columns: [String]
    let values: [String?]

    /// The first column of that name. A query has a handful of columns, compared in turn:
    /// hashing the name for a dictionary cost more, at every value a catalog reader takes
    /// (19 of them a table; docs/performance.md).
    subscript(column: String) -> String? {
        self[PostgresColumn(name: column, position: columns.firstIndex(of: column))]
    }

    /// A value the query guarantees non-null; a missing one is reported rather than trapped.
    func string(_ column: String) throws(PostgresError) -> String {
        try string(PostgresColumn(name: column, position: columns.firstIndex(of: column)))
    }

    /// A boolean cast to text in SQL (`true`/`false`).
    func bool(_ column: String) throws(PostgresError) -> Bool {
        try bool(PostgresColumn(name: column, position: columns.firstIndex(of: column)))
    }

    /// The same three, by a column of this row's result (`PostgresRows.column`).
    subscript(column: PostgresColumn) -> String? {
        column.position.flatMap { values[$0] }
    }

    func string(_ column: PostgresColumn) throws(PostgresError) -> String {
        guard let value = self[column] else {
            throw .unexpectedResult("the column '\(column.name)' is missing or null")
        }
        return value
    }

    func bool(_ column: PostgresColumn) throws(PostgresError) -> Bool {
        switch try string(column) {
        case "true", "t": return true
        case "false", "f": return false
        case let other: throw .unexpectedResult("the column '\(column.name)' holds '\(other)', not a boolean")
        }
    }
}
