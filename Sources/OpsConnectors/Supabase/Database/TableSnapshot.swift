import OpsCore

/// One table of the database as read from the catalog, or one desired table normalised into
/// the same shape. Its JSON is what `supabase.table.*` changes carry as before/after, so a
/// dropped table's definition stays in the receipts for rebuilding it by hand.
struct TableSnapshot: Sendable, Hashable {
    var schema: String
    var name: String
    /// In column order (`attnum`), which is also declaration order for tables opsctl creates.
    var columns: [ColumnSnapshot]
    var indexes: [IndexSnapshot]
    var rowLevelSecurity: Bool
    /// `relforcerowsecurity`: policies bind the table's owner too.
    var forcedRowLevelSecurity = false
    /// Privileges by role, lowercased and sorted (`select`, `insert` …).
    var grants: [String: [String]] = [:]
    var triggers: [TriggerSnapshot] = []
    var policies: [PolicySnapshot]
    /// Foreign keys, check and unique constraints.
    var constraints: [ConstraintSnapshot]
    /// What prune must respect; not part of the JSON, so a new row estimate after `ANALYZE`
    /// does not make a planned drop stale.
    var ownership: TableOwnership

    init(
        schema: String,
        name: String,
        columns: [ColumnSnapshot] = [],
        indexes: [IndexSnapshot] = [],
        rowLevelSecurity: Bool = false,
        policies: [PolicySnapshot] = [],
        constraints: [ConstraintSnapshot] = [],
        ownership: TableOwnership = TableOwnership()
    ) {
        self.ownership = ownership
        self.constraints = constraints
        self.schema = schema
        self.name = name
        self.columns = columns
        self.indexes = indexes
        self.rowLevelSecurity = rowLevelSecurity
        self.policies = policies
    }

    func column(named name: String) -> ColumnSnapshot? { columns.first { $0.name == name } }
    func policy(named name: String) -> PolicySnapshot? { policies.first { $0.name == name } }
    func constraint(named name: String) -> ConstraintSnapshot? { constraints.first { $0.name == name } }
    func trigger(named name: String) -> TriggerSnapshot? { triggers.first { $0.name == name } }

    var primaryKey: [String] { columns.filter(\.primaryKey).map(\.name) }

    /// The table itself: its name and columns. What `supabase.table.create` makes and
    /// refresh compares; indexes, security and policies are objects of their own changes.
    var shapeJSON: JSONValue {
        ["schema": .string(schema), "name": .string(name), "columns": .array(columns.map(\.json))]
    }

    /// Everything about the table, for `supabase.table.drop`: what it takes with it.
    var json: JSONValue {
        [
            "schema": .string(schema),
            "name": .string(name),
            "columns": .array(columns.map(\.json)),
            "indexes": .array(indexes.sorted { $0.name < $1.name }.map(\.json)),
            "rowLevelSecurity": .bool(rowLevelSecurity),
            "policies": .array(policies.sorted { $0.name < $1.name }.map(\.json)),
            "constraints": .array(constraints.sorted { $0.name < $1.name }.map(\.json)),
            "triggers": .array(triggers.sorted { $0.name < $1.name }.map(\.json)),
        ]
    }
}

/// The tables of the schemas opsctl looked at.
struct DatabaseSnapshot: Sendable, Hashable {
    var tables: [TableSnapshot]
    var enums: [EnumSnapshot]
    var functions: [FunctionSnapshot] = []

    init(tables: [TableSnapshot] = [], enums: [EnumSnapshot] = []) {
        self.tables = tables
        self.enums = enums
    }

    func enumType(schema: String, name: String) -> EnumSnapshot? {
        enums.first { $0.schema == schema && $0.name == name }
    }

    /// Matched by signature: schema, name and identity arguments.
    func function(schema: String, name: String, identityArguments: String) -> FunctionSnapshot? {
        functions.first { $0.schema == schema && $0.name == name && $0.identityArguments == identityArguments }
    }

    func table(schema: String, name: String) -> TableSnapshot? {
        tables.first { $0.schema == schema && $0.name == name }
    }

    /// Every table's position in `tables` by its qualified name, for looking many up:
    /// `table(schema:name:)` scans, which made a plan of 10,000 tables quadratic. The first of
    /// a name wins, as there. Positions rather than copies of the tables: a dictionary of
    /// 10,000 snapshots was 2.75 MB of the plan's memory peak.
    func tableIndexesByName() -> [QualifiedTableName: Int] {
        var indexes: [QualifiedTableName: Int] = [:]
        indexes.reserveCapacity(tables.count)
        for (index, table) in tables.enumerated() where indexes[QualifiedTableName(schema: table.schema, name: table.name)] == nil {
            indexes[QualifiedTableName(schema: table.schema, name: table.name)] = index
        }
        return indexes
    }

    /// Indexes are named per schema, not per table.
    func index(schema: String, name: String) -> IndexSnapshot? {
        tables.lazy.filter { $0.schema == schema }.flatMap(\.indexes).first { $0.name == name }
    }
}
