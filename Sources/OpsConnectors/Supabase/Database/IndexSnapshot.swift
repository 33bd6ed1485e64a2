import OpsCore

/// A secondary index (the primary key's index is left out: it belongs to the columns).
/// `columns` holds column names, or the expression text for an expression index.
struct IndexSnapshot: Sendable, Hashable {
    var schema: String
    var table: String
    var name: String
    var columns: [String]
    var unique: Bool

    var json: JSONValue {
        [
            "schema": .string(schema),
            "table": .string(table),
            "name": .string(name),
            "columns": .array(columns.map(JSONValue.string)),
            "unique": .bool(unique),
        ]
    }
}
