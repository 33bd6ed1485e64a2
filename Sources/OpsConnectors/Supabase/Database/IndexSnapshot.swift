import OpsCore

/// A secondary index (the primary key's index is left out: it belongs to the columns), in
/// parts as the server prints them: access method, keys (`pg_get_indexdef(oid, k, true)`:
/// a column name or an expression) with their order and any operator class that is not the
/// default, `INCLUDE` columns and the partial `WHERE`. Desired indexes are built on the
/// normaliser's copy of the table and read back with the same query, so both sides compare
/// in the server's own spelling.
struct IndexSnapshot: Sendable, Hashable {
    struct Key: Sendable, Hashable {
        /// A column's name or an expression, as the server prints it.
        var expression: String
        var descending: Bool = false
        /// The operator class when it is not the default for the key's type (`gin_trgm_ops`).
        var operatorClass: String? = nil

        var json: JSONValue {
            [
                "expression": .string(expression),
                "descending": .bool(descending),
                "operatorClass": operatorClass.map(JSONValue.string) ?? .null,
            ]
        }

        /// As in `create index`: `lower(email) DESC`, `title gin_trgm_ops`.
        var text: String {
            expression + (operatorClass.map { " \($0)" } ?? "") + (descending ? " DESC" : "")
        }
    }

    var schema: String
    var table: String
    var name: String
    var method: String = "btree"
    var keys: [Key]
    var include: [String] = []
    /// The partial index's `WHERE`, as the server prints it.
    var predicate: String? = nil
    var unique: Bool
    /// What desired-state.yaml cannot say about this index (a collation, `NULLS FIRST` on an
    /// ascending key, storage parameters, `NULLS NOT DISTINCT`): such an index is never
    /// matched nor rebuilt, since the rebuild would lose it.
    var inexpressible: [String] = []
    /// `pg_get_indexdef`, for messages; not compared.
    var definition: String = ""
    /// False for an index a failed `CREATE INDEX CONCURRENTLY` left behind.
    var valid: Bool = true
    /// The primary key, unique or exclusion constraint the index implements: it lives and
    /// dies with the constraint, so prune never drops it on its own.
    var constraint: String? = nil
    /// An index of a partition, attached to its parent's index.
    var partitionChild: Bool = false

    init(schema: String, table: String, name: String, columns: [String], unique: Bool) {
        self.init(schema: schema, table: table, name: name, keys: columns.map { Key(expression: $0) }, unique: unique)
    }

    init(schema: String, table: String, name: String, method: String = "btree", keys: [Key], include: [String] = [], predicate: String? = nil, unique: Bool) {
        self.schema = schema
        self.table = table
        self.name = name
        self.method = method
        self.keys = keys
        self.include = include
        self.predicate = predicate
        self.unique = unique
    }

    var columns: [String] { keys.map(\.expression) }

    /// The shape in words, one line: `gin (search)`, `btree (org_id, created_at DESC) WHERE (deleted_at IS NULL)`.
    var shape: String {
        var text = "\(unique ? "unique " : "")\(method) (\(keys.map(\.text).joined(separator: ", ")))"
        if !include.isEmpty { text += " INCLUDE (\(include.joined(separator: ", ")))" }
        if let predicate { text += " WHERE \(predicate)" }
        return DisplayText.oneLine(text)
    }

    /// Same shape: method, keys, `INCLUDE`, `WHERE` and uniqueness.
    func matches(_ other: IndexSnapshot) -> Bool {
        method == other.method && keys == other.keys && include == other.include && predicate == other.predicate && unique == other.unique
    }

    var json: JSONValue {
        [
            "schema": .string(schema),
            "table": .string(table),
            "name": .string(name),
            "method": .string(method),
            "keys": .array(keys.map(\.json)),
            "include": .array(include.map(JSONValue.string)),
            "where": predicate.map(JSONValue.string) ?? .null,
            "unique": .bool(unique),
            "valid": .bool(valid),
        ]
    }
}
