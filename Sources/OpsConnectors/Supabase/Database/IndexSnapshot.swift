import OpsCore

/// A secondary index (the primary key's index is left out: it belongs to the columns).
/// `columns` holds column names, or the expression text for an expression index.
struct IndexSnapshot: Sendable, Hashable {
    var schema: String
    var table: String
    var name: String
    var columns: [String]
    var unique: Bool
    /// `pg_get_indexdef` of an index that is not a plain btree over ascending columns; nil
    /// for a plain one, which is all a declared index can be.
    var unusualShape: String? = nil

    var json: JSONValue {
        [
            "schema": .string(schema),
            "table": .string(table),
            "name": .string(name),
            "columns": .array(columns.map(JSONValue.string)),
            "unique": .bool(unique),
            "shape": unusualShape.map(JSONValue.string) ?? .null,
        ]
    }
}
