import OpsCore

/// The statements that build one declared table's temporary copy and read it back
/// (`DesiredSchemaNormaliser`), all decided before any runs: the copy is named, never looked
/// up by oid, so the whole script can be pipelined. Declared objects are run in the order
/// constraints, policies, indexes, triggers; the readings come after all of them.
struct TableCopyScript {
    /// One declared object's statement, by the object's name.
    struct Object {
        var name: String
        var statement: PostgresStatement
    }

    /// One query that reads back what the copy holds of one kind.
    struct Reading {
        enum Kind {
            case copy, constraints, indexes, triggers, policies
        }

        var kind: Kind
        var statement: PostgresStatement
    }

    var table: SupabaseTable
    var create: PostgresStatement
    var constraints: [Object] = []
    var policies: [Object] = []
    var indexes: [Object] = []
    /// Only triggers whose function exists: one that the same plan creates keeps its
    /// condition as written.
    var triggers: [Object] = []
    var readings: [Reading] = []

    /// `realOID` is the real table's, when it exists, for how it prints while the copy shadows
    /// it; `triggerFunctions` the `schema.name` of the declared triggers' functions that exist.
    init(_ table: SupabaseTable, actual: TableSnapshot?, realOID: String?, triggerFunctions: Set<String>) {
        self.table = table
        let declared = Set(table.columns.map(\.name))
        var definitions = table.columns.map { column in
            "\(SQLIdentifier.quote(column.name)) \(column.type)\(SchemaSQL.valueClause(column))"
        }
        definitions += (actual?.columns ?? []).filter { !declared.contains($0.name) }.map { "\(SQLIdentifier.quote($0.name)) \($0.type)" }
        let temporary = SQLIdentifier.qualified("pg_temp", table.name)
        create = PostgresStatement(sql: "create temporary table \(temporary) (\(definitions.joined(separator: ", ")))")
        // Foreign keys are left out: a temporary table cannot reference a real one.
        for constraint in table.constraints {
            if case .foreignKey = constraint.definition { continue }
            constraints.append(Object(name: constraint.name, statement: PostgresStatement(
                sql: SchemaSQL.addConstraint(schema: "pg_temp", table: table.name, constraint: constraint)
            )))
        }
        policies = table.rlsPolicies.map { policy in
            Object(name: policy.name, statement: PostgresStatement(sql: SchemaSQL.createPolicy(schema: "pg_temp", table: table.name, policy: policy)))
        }
        indexes = table.indexes.map { index in
            Object(name: index.name, statement: PostgresStatement(sql: SchemaSQL.createIndex(schema: "pg_temp", table: table.name, index: index)))
        }
        triggers = table.triggers.filter { triggerFunctions.contains("\($0.functionSchema).\($0.functionName)") }.map { trigger in
            Object(name: trigger.name, statement: PostgresStatement(sql: SchemaSQL.createTrigger(schema: "pg_temp", table: table.name, trigger: trigger)))
        }
        readings.append(Reading(kind: .copy, statement: PostgresStatement(
            sql: """
                select c.oid::text as oid, $2::oid::regclass::text as shadowed,
                       a.attname as name, pg_catalog.format_type(a.atttypid, a.atttypmod) as type,
                       case when a.attgenerated = '' then pg_catalog.pg_get_expr(d.adbin, d.adrelid) end as default_expression,
                       case when a.attgenerated = 's' then pg_catalog.pg_get_expr(d.adbin, d.adrelid) end as generation_expression
                from pg_catalog.pg_class c
                left join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
                where c.relname = $1 and c.relnamespace = pg_catalog.pg_my_temp_schema()
                """,
            parameters: [table.name, realOID]
        )))
        // Each reading below only answers for declared objects of its kind, so a table that
        // declares none skips it.
        if !table.constraints.isEmpty {
            readings.append(Reading(kind: .constraints, statement: PostgresStatement(
                sql: "select conname as name, pg_catalog.pg_get_constraintdef(oid) as definition from pg_catalog.pg_constraint where conrelid = $1::regclass",
                parameters: [temporary]
            )))
        }
        if !table.indexes.isEmpty {
            readings.append(Reading(kind: .indexes, statement: PostgresStatement(
                sql: CatalogQueries.indexes(where: "i.indrelid = $1::regclass"), parameters: [temporary]
            )))
        }
        if !table.triggers.isEmpty {
            readings.append(Reading(kind: .triggers, statement: PostgresStatement(
                sql: CatalogQueries.triggers(where: "c.oid = $1::regclass"), parameters: [temporary]
            )))
        }
        if !table.rlsPolicies.isEmpty {
            readings.append(Reading(kind: .policies, statement: PostgresStatement(
                sql: """
                    select polname as name, pg_catalog.pg_get_expr(polqual, polrelid) as using_expression,
                           pg_catalog.pg_get_expr(polwithcheck, polrelid) as check_expression
                    from pg_catalog.pg_policy where polrelid = $1::regclass
                    """,
                parameters: [temporary]
            )))
        }
    }

    /// Every statement in the order a pipeline runs them: the copy, its objects, the readings.
    var statements: [PostgresStatement] {
        [create] + (constraints + policies + indexes + triggers).map(\.statement) + readings.map(\.statement)
    }

    /// The answer from the readings' rows (in `readings` order), with the problems of objects
    /// the server refused already in `answer`. `realName` is how the real table prints.
    func answer(from rows: [PostgresRows], realName: String?, into answer: inout NormalisedTable) throws(PostgresError) {
        for (reading, result) in zip(readings, rows) {
            switch reading.kind {
            case .copy:
                let rows = result.rows
                guard let first = rows.first else { throw .unexpectedResult("the temporary copy of '\(table.name)' vanished") }
                if let realName {
                    answer.shadowedName = ShadowedRelationName(shadowed: first["shadowed"] ?? realName, visible: realName)
                }
                let declared = Set(table.columns.map(\.name))
                for row in rows {
                    guard let column = row["name"], declared.contains(column) else { continue }
                    answer.columns[column] = NormalisedTable.Column(
                        type: try row.string("type"), defaultExpression: row["default_expression"], generated: row["generation_expression"])
                }
            case .constraints:
                for row in result.rows {
                    answer.constraintDefinitions[try row.string("name")] = try row.string("definition")
                }
            case .indexes:
                let declared = Set(table.indexes.map(\.name))
                for row in result.rows {
                    let index = try SchemaReader.index(row)
                    if declared.contains(index.name) { answer.indexes[index.name] = index }
                }
            case .triggers:
                let declared = Set(table.triggers.map(\.name))
                for row in result.rows {
                    let trigger = try SchemaReader.trigger(row)
                    if declared.contains(trigger.name) { answer.triggerConditions[trigger.name] = .some(trigger.when) }
                }
            case .policies:
                let shadowed = answer.shadowedName
                for row in result.rows {
                    answer.policyExpressions[try row.string("name")] = NormalisedTable.Expressions(
                        using: row["using_expression"].map { shadowed?.rewrite($0) ?? $0 },
                        withCheck: row["check_expression"].map { shadowed?.rewrite($0) ?? $0 }
                    )
                }
            }
        }
    }
}
