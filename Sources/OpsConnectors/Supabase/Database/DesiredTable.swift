import OpsCore

/// A table from desired-state.yaml with its comparable form: `config` is what the SQL is
/// written from (types and expressions as the file wrote them), `snapshot` what the diff
/// compares (canonical type names, server-normalised defaults and policy expressions).
struct DesiredTable: Sendable {
    let config: SupabaseTable
    /// `schema.name`, as the table's checks name it: made once, where every check of the table
    /// built it again (each segment of a string interpolation costs about 500 instructions;
    /// docs/performance.md).
    let qualifiedName: String
    var snapshot: TableSnapshot
    /// Columns whose default the file does not own (serial columns get `nextval(...)`).
    var columnsWithImplicitDefault: Set<String>
    /// Set when the server refused the table's definition; the table is then reported and
    /// not diffed.
    var problem: String?
    /// Policies the server refused, by name, with its reason.
    var policyProblems: [String: String]
    /// Check and unique constraints the server refused, likewise.
    var constraintProblems: [String: String]
    /// Indexes and triggers the server refused, likewise.
    var indexProblems: [String: String] = [:]
    var triggerProblems: [String: String] = [:]

    var schema: String { config.schema }
    var name: String { config.name }

    /// Builds the comparable form; `normalised` holds the server's answers, and anything it
    /// lacks falls back to `PostgresTypeName` and the expression as written.
    init(_ config: SupabaseTable, normalised: NormalisedTable? = nil) {
        self.config = config
        qualifiedName = "\(config.schema).\(config.name)"
        // An array: a table's key has a column or two, found faster by comparing than by hashing.
        let primaryKey = config.columns.filter(\.primaryKey).map(\.name)
        var implicit: Set<String> = []
        let columns = config.columns.map { column in
            // A serial column's `nextval(...)` default is the server's, not the file's: it is
            // not compared on existing columns, but a new column's snapshot carries what the
            // server will print (the normaliser's temporary table has the same name, so the
            // same sequence name).
            let serial = PostgresTypeName.isSerial(column.type) && column.defaultExpression == nil
            if serial { implicit.insert(column.name) }
            let normalisedColumn = normalised?.columns[column.name]
            return ColumnSnapshot(
                name: column.name,
                type: normalisedColumn?.type ?? PostgresTypeName.normalise(column.type),
                // Primary-key and identity columns are NOT NULL whatever the file says.
                nullable: column.nullable && !primaryKey.contains(column.name) && column.identity == nil,
                defaultExpression: normalisedColumn.map(\.defaultExpression) ?? (serial ? nil : column.defaultExpression?.trimmingWhitespace),
                primaryKey: column.primaryKey,
                generated: normalisedColumn.map(\.generated) ?? column.generated?.trimmingWhitespace,
                identity: column.identity?.rawValue
            )
        }
        let indexes = config.indexes.map { index in
            guard var normalisedIndex = normalised?.indexes[index.name] else { return Self.snapshot(of: index, in: config) }
            // Read from the copy in pg_temp: the index belongs to the real table.
            normalisedIndex.schema = config.schema
            normalisedIndex.table = config.name
            normalisedIndex.definition = ""
            return normalisedIndex
        }
        let triggers = config.triggers.map { trigger in
            TriggerSnapshot(
                name: trigger.name, timing: trigger.timing.rawValue, events: trigger.events.map(\.rawValue), level: trigger.level.rawValue,
                function: "\(trigger.functionSchema).\(trigger.functionName)",
                when: normalised?.triggerConditions[trigger.name] ?? trigger.when?.trimmingWhitespace
            )
        }
        let policies = config.rlsPolicies.map { policy in
            let expressions = normalised?.policyExpressions[policy.name]
            return PolicySnapshot(
                name: policy.name,
                command: policy.command.rawValue.uppercased(),
                roles: Set(policy.roles.isEmpty ? ["public"] : policy.roles).sorted(),
                permissive: !policy.restrictive,
                using: expressions.map(\.using) ?? policy.using?.trimmingWhitespace,
                withCheck: expressions.map(\.withCheck) ?? policy.withCheck?.trimmingWhitespace
            )
        }
        let constraints = config.constraints.map { constraint in
            Self.snapshot(of: constraint, normalised: normalised?.constraintDefinitions[constraint.name])
        }
        snapshot = TableSnapshot(
            schema: config.schema, name: config.name, columns: columns, indexes: indexes,
            rowLevelSecurity: config.rls ?? false, policies: policies, constraints: constraints
        )
        snapshot.forcedRowLevelSecurity = config.rlsForce ?? false
        snapshot.triggers = triggers
        indexProblems = normalised?.indexProblems ?? [:]
        triggerProblems = normalised?.triggerProblems ?? [:]
        constraintProblems = normalised?.constraintProblems ?? [:]
        columnsWithImplicitDefault = implicit
        problem = normalised?.problem
        policyProblems = normalised?.policyProblems ?? [:]
    }
}

extension DesiredTable {
    /// A declared index as written, for when the server did not print it (tests without a
    /// database); a real plan always compares the server's reading.
    static func snapshot(of index: SupabaseIndex, in table: SupabaseTable) -> IndexSnapshot {
        IndexSnapshot(
            schema: table.schema, table: table.name, name: index.name, method: index.method.rawValue,
            keys: index.keys.map { IndexSnapshot.Key(expression: $0.text, descending: $0.descending, operatorClass: $0.operatorClass) },
            include: index.include, predicate: index.predicate?.trimmingWhitespace, unique: index.unique
        )
    }

    /// A declared constraint in the catalog's shape; `normalised` is the server's text for a
    /// check or unique constraint.
    static func snapshot(of constraint: SupabaseConstraint, normalised: String?) -> ConstraintSnapshot {
        switch constraint.definition {
        case .check:
            return ConstraintSnapshot(
                name: constraint.name, kind: .check, definition: normalised ?? SchemaSQL.constraintBody(constraint.definition)
            )
        case .unique:
            return ConstraintSnapshot(
                name: constraint.name, kind: .unique, definition: normalised ?? SchemaSQL.constraintBody(constraint.definition)
            )
        case .foreignKey(let key):
            return ConstraintSnapshot(
                name: constraint.name, kind: .foreignKey, definition: SchemaSQL.constraintBody(constraint.definition),
                reference: ConstraintSnapshot.Reference(
                    columns: key.columns, schema: key.referencedSchema, table: key.referencedTable,
                    referencedColumns: key.referencedColumns, onDelete: key.onDelete.rawValue
                )
            )
        }
    }
}

/// The server's reading of one desired table (see `DesiredSchemaNormaliser`).
struct NormalisedTable: Sendable, Equatable {
    struct Expressions: Sendable, Equatable {
        var using: String?
        var withCheck: String?
    }

    /// A declared column as the server prints it.
    struct Column: Sendable, Equatable {
        var type: String
        /// Nil for a column without a default, which is an answer too.
        var defaultExpression: String?
        /// Likewise nil for a column that is not generated.
        var generated: String?
    }

    /// By name. One table rather than one for each of a column's three answers: each is
    /// filled and read for every declared column, and hashing the name three times was most
    /// of the cost (docs/performance.md).
    var columns: [String: Column] = [:]
    /// Set when the real table exists (see `ShadowedRelationName`).
    var shadowedName: ShadowedRelationName?
    /// Check and unique constraints as `pg_get_constraintdef` prints them, by name.
    var constraintDefinitions: [String: String] = [:]
    var constraintProblems: [String: String] = [:]
    var policyExpressions: [String: Expressions] = [:]
    /// Declared indexes built on the copy and read back, by name.
    var indexes: [String: IndexSnapshot] = [:]
    var indexProblems: [String: String] = [:]
    /// `WHEN` conditions of declared triggers as the server prints them, by trigger name;
    /// absent when the trigger's function does not exist yet.
    var triggerConditions: [String: String?] = [:]
    var triggerProblems: [String: String] = [:]
    var problem: String?
    var policyProblems: [String: String] = [:]
}
