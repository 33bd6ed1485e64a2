import OpsCore

/// A foreign key, check or unique constraint. Check and unique constraints compare by
/// `definition`, PostgreSQL's own text (`pg_get_constraintdef`), which the normaliser also
/// obtains for the desired ones; a foreign key compares by its parts, since a temporary copy
/// of a table cannot reference a real one and so cannot be normalised the same way.
struct ConstraintSnapshot: Sendable, Hashable {
    enum Kind: String, Sendable, Hashable {
        case foreignKey = "foreign key"
        case check
        case unique
    }

    var name: String
    var kind: Kind
    /// As the server prints it: `CHECK ((char_length(username) >= 3))`, `UNIQUE (org_id, user_id)`,
    /// `FOREIGN KEY (id) REFERENCES auth.users(id) ON DELETE CASCADE`. For a desired foreign
    /// key, opsctl's rendering of the same parts (shown, not compared).
    var definition: String
    /// The foreign key's parts, nil for other kinds.
    var reference: Reference?

    struct Reference: Sendable, Hashable {
        var columns: [String]
        var schema: String
        var table: String
        var referencedColumns: [String]
        /// `no action`, `restrict`, `cascade`, `set null` or `set default`.
        var onDelete: String
    }

    func matches(_ other: ConstraintSnapshot) -> Bool {
        guard kind == other.kind else { return false }
        return kind == .foreignKey ? reference == other.reference : definition == other.definition
    }

    var json: JSONValue {
        var members: [String: JSONValue] = ["name": .string(name), "kind": .string(kind.rawValue)]
        // A foreign key's text is opsctl's own on the desired side; its parts are what a
        // refresh compares, so only they go in.
        if reference == nil { members["definition"] = .string(definition) }
        if let reference {
            members["references"] = [
                "columns": .array(reference.columns.map(JSONValue.string)),
                "schema": .string(reference.schema),
                "table": .string(reference.table),
                "referencedColumns": .array(reference.referencedColumns.map(JSONValue.string)),
                "onDelete": .string(reference.onDelete),
            ]
        }
        return .object(members)
    }

    /// `pg_constraint.confdeltype` in words.
    static func action(code: String) -> String {
        switch code {
        case "r": "restrict"
        case "c": "cascade"
        case "n": "set null"
        case "d": "set default"
        default: "no action"
        }
    }
}
