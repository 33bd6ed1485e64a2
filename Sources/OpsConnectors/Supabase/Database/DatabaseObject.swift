import OpsCore

/// The one object a database change is about, as stored in the change's payload.
///
/// The payload carries schema and names as separate fields because the change ID cannot be
/// parsed back reliably: names may contain dots. `state(in:)` is the single definition of
/// an object's snapshot, used for `before` at plan time and again by refresh, so the
/// fingerprints compare like with like.
enum DatabaseObject: Sendable, Hashable {
    /// The table's name and columns (what creating it makes).
    case table(schema: String, table: String)
    /// The table with its indexes, security and policies (what dropping it destroys), so
    /// the receipt of a drop holds enough to rebuild it by hand.
    case tableDefinition(schema: String, table: String)
    case column(schema: String, table: String, column: String)
    case index(schema: String, name: String)
    case rowLevelSecurity(schema: String, table: String)
    case forcedRowLevelSecurity(schema: String, table: String)
    case policy(schema: String, table: String, name: String)
    case constraint(schema: String, table: String, name: String)
    case enumType(schema: String, name: String)
    case grants(schema: String, table: String, role: String)
    case trigger(schema: String, table: String, name: String)
    /// A function by signature: `arguments` are its identity arguments as the server prints them.
    case function(schema: String, name: String, arguments: String)
    case functionGrant(schema: String, name: String, arguments: String, role: String)

    var schema: String {
        switch self {
        case .table(let schema, _), .tableDefinition(let schema, _), .column(let schema, _, _), .index(let schema, _),
            .rowLevelSecurity(let schema, _), .forcedRowLevelSecurity(let schema, _), .policy(let schema, _, _), .constraint(let schema, _, _), .enumType(let schema, _), .grants(let schema, _, _),
            .trigger(let schema, _, _), .function(let schema, _, _), .functionGrant(let schema, _, _, _):
            schema
        }
    }

    /// The table to re-read for this object; nil when the whole schema must be read
    /// (indexes are named per schema).
    var table: String? {
        switch self {
        case .table(_, let table), .tableDefinition(_, let table), .column(_, let table, _), .rowLevelSecurity(_, let table),
            .forcedRowLevelSecurity(_, let table), .grants(_, let table, _),
            .policy(_, let table, _), .constraint(_, let table, _), .trigger(_, let table, _):
            table
        case .index, .enumType, .function, .functionGrant: nil
        }
    }

    /// The object's snapshot: null when it does not exist. Row-level security of a missing
    /// table reads as off, so enabling it on a table created earlier in the same apply is
    /// not mistaken for drift.
    func state(in snapshot: DatabaseSnapshot) -> JSONValue {
        switch self {
        case .table(let schema, let table):
            return snapshot.table(schema: schema, name: table)?.shapeJSON ?? .null
        case .tableDefinition(let schema, let table):
            return snapshot.table(schema: schema, name: table)?.json ?? .null
        case .column(let schema, let table, let column):
            return snapshot.table(schema: schema, name: table)?.column(named: column)?.json ?? .null
        case .index(let schema, let name):
            return snapshot.index(schema: schema, name: name)?.json ?? .null
        case .rowLevelSecurity(let schema, let table):
            return Self.rowLevelSecurityJSON(schema: schema, table: table, enabled: snapshot.table(schema: schema, name: table)?.rowLevelSecurity ?? false)
        case .forcedRowLevelSecurity(let schema, let table):
            return Self.forcedRowLevelSecurityJSON(
                schema: schema, table: table, forced: snapshot.table(schema: schema, name: table)?.forcedRowLevelSecurity ?? false
            )
        case .policy(let schema, let table, let name):
            return snapshot.table(schema: schema, name: table)?.policy(named: name)?.json ?? .null
        case .grants(let schema, let table, let role):
            return Self.grantsJSON(
                schema: schema, table: table, role: role, privileges: snapshot.table(schema: schema, name: table)?.grants[role] ?? []
            )
        case .enumType(let schema, let name):
            return snapshot.enumType(schema: schema, name: name)?.json ?? .null
        case .constraint(let schema, let table, let name):
            return snapshot.table(schema: schema, name: table)?.constraint(named: name)?.json ?? .null
        case .trigger(let schema, let table, let name):
            return snapshot.table(schema: schema, name: table)?.trigger(named: name)?.json ?? .null
        case .function(let schema, let name, let arguments):
            return snapshot.function(schema: schema, name: name, identityArguments: arguments)?.json ?? .null
        case .functionGrant(let schema, let name, let arguments, let role):
            // Null while the function does not exist: what it will grant is then not yet known.
            guard let function = snapshot.function(schema: schema, name: name, identityArguments: arguments) else { return .null }
            return Self.functionGrantJSON(function: function.signature, role: role, execute: function.executors.contains(role))
        }
    }

    static func functionGrantJSON(function signature: String, role: String, execute: Bool) -> JSONValue {
        ["function": .string(signature), "role": .string(role), "execute": .bool(execute)]
    }

    static func rowLevelSecurityJSON(schema: String, table: String, enabled: Bool) -> JSONValue {
        ["schema": .string(schema), "table": .string(table), "rowLevelSecurity": .bool(enabled)]
    }

    static func grantsJSON(schema: String, table: String, role: String, privileges: [String]) -> JSONValue {
        ["schema": .string(schema), "table": .string(table), "role": .string(role), "privileges": .array(privileges.map(JSONValue.string))]
    }

    static func forcedRowLevelSecurityJSON(schema: String, table: String, forced: Bool) -> JSONValue {
        ["schema": .string(schema), "table": .string(table), "forceRowLevelSecurity": .bool(forced)]
    }

    var payload: JSONValue {
        switch self {
        case .table(let schema, let table):
            ["type": "table", "schema": .string(schema), "table": .string(table)]
        case .tableDefinition(let schema, let table):
            ["type": "tableDefinition", "schema": .string(schema), "table": .string(table)]
        case .column(let schema, let table, let column):
            ["type": "column", "schema": .string(schema), "table": .string(table), "column": .string(column)]
        case .index(let schema, let name):
            ["type": "index", "schema": .string(schema), "index": .string(name)]
        case .rowLevelSecurity(let schema, let table):
            ["type": "rls", "schema": .string(schema), "table": .string(table)]
        case .forcedRowLevelSecurity(let schema, let table):
            ["type": "rlsForce", "schema": .string(schema), "table": .string(table)]
        case .policy(let schema, let table, let name):
            ["type": "policy", "schema": .string(schema), "table": .string(table), "policy": .string(name)]
        case .grants(let schema, let table, let role):
            ["type": "grants", "schema": .string(schema), "table": .string(table), "role": .string(role)]
        case .enumType(let schema, let name):
            ["type": "enum", "schema": .string(schema), "enum": .string(name)]
        case .constraint(let schema, let table, let name):
            ["type": "constraint", "schema": .string(schema), "table": .string(table), "constraint": .string(name)]
        case .trigger(let schema, let table, let name):
            ["type": "trigger", "schema": .string(schema), "table": .string(table), "trigger": .string(name)]
        case .function(let schema, let name, let arguments):
            ["type": "function", "schema": .string(schema), "function": .string(name), "arguments": .string(arguments)]
        case .functionGrant(let schema, let name, let arguments, let role):
            ["type": "functionGrant", "schema": .string(schema), "function": .string(name), "arguments": .string(arguments), "role": .string(role)]
        }
    }

    init?(payload: JSONValue?) {
        guard let payload, let type = payload["type"]?.stringValue, let schema = payload["schema"]?.stringValue else { return nil }
        let table = payload["table"]?.stringValue
        switch (type, table) {
        case ("table", let table?): self = .table(schema: schema, table: table)
        case ("tableDefinition", let table?): self = .tableDefinition(schema: schema, table: table)
        case ("column", let table?):
            guard let column = payload["column"]?.stringValue else { return nil }
            self = .column(schema: schema, table: table, column: column)
        case ("index", _):
            guard let name = payload["index"]?.stringValue else { return nil }
            self = .index(schema: schema, name: name)
        case ("rls", let table?): self = .rowLevelSecurity(schema: schema, table: table)
        case ("rlsForce", let table?): self = .forcedRowLevelSecurity(schema: schema, table: table)
        case ("policy", let table?):
            guard let name = payload["policy"]?.stringValue else { return nil }
            self = .policy(schema: schema, table: table, name: name)
        case ("grants", let table?):
            guard let role = payload["role"]?.stringValue else { return nil }
            self = .grants(schema: schema, table: table, role: role)
        case ("enum", _):
            guard let name = payload["enum"]?.stringValue else { return nil }
            self = .enumType(schema: schema, name: name)
        case ("constraint", let table?):
            guard let name = payload["constraint"]?.stringValue else { return nil }
            self = .constraint(schema: schema, table: table, name: name)
        case ("trigger", let table?):
            guard let name = payload["trigger"]?.stringValue else { return nil }
            self = .trigger(schema: schema, table: table, name: name)
        case ("function", _):
            guard let name = payload["function"]?.stringValue, let arguments = payload["arguments"]?.stringValue else { return nil }
            self = .function(schema: schema, name: name, arguments: arguments)
        case ("functionGrant", _):
            guard let name = payload["function"]?.stringValue, let arguments = payload["arguments"]?.stringValue,
                let role = payload["role"]?.stringValue
            else { return nil }
            self = .functionGrant(schema: schema, name: name, arguments: arguments, role: role)
        default: return nil
        }
    }
}
