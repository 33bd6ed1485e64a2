import OpsCore

/// One column as the diff compares it: the type in PostgreSQL's canonical spelling
/// (`format_type`), the default as the server prints it (`pg_get_expr`), nullability,
/// membership of the primary key, and the generation expression or identity that takes the
/// place of a default. Desired columns are normalised into the same shape.
struct ColumnSnapshot: Sendable, Hashable {
    var name: String
    var type: String
    var nullable: Bool
    var defaultExpression: String?
    var primaryKey: Bool
    /// The expression of a stored generated column, as the server prints it.
    var generated: String? = nil
    /// `always` or `by default` for an identity column.
    var identity: String? = nil

    var json: JSONValue {
        [
            "name": .string(name),
            "type": .string(type),
            "nullable": .bool(nullable),
            "default": defaultExpression.map(JSONValue.string) ?? .null,
            "primaryKey": .bool(primaryKey),
            "generated": generated.map(JSONValue.string) ?? .null,
            "identity": identity.map(JSONValue.string) ?? .null,
        ]
    }
}
