import OpsCore

/// One column as the diff compares it: the type in PostgreSQL's canonical spelling
/// (`format_type`), the default as the server prints it (`pg_get_expr`), nullability and
/// membership of the primary key. Desired columns are normalised into the same shape.
struct ColumnSnapshot: Sendable, Hashable {
    var name: String
    var type: String
    var nullable: Bool
    var defaultExpression: String?
    var primaryKey: Bool

    var json: JSONValue {
        [
            "name": .string(name),
            "type": .string(type),
            "nullable": .bool(nullable),
            "default": defaultExpression.map(JSONValue.string) ?? .null,
            "primaryKey": .bool(primaryKey),
        ]
    }
}
