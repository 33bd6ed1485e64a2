import OpsCore

/// Asks the server how it would print the desired types, defaults and policy expressions,
/// so that they compare equal to what the catalog returns for the real objects
/// (`auth.uid() = id` and `(auth.uid() = id)` are the same policy; `'free'` is printed
/// `'free'::text`).
///
/// Tables that declare only columns, with nothing referring to them, are read from shared
/// definitions (`SharedColumnDefinitions`). For every other declared table it creates,
/// inside a transaction that is always rolled back, a temporary table of the same name with
/// the declared columns (plus the real table's other columns, which expressions may use) and
/// the declared policies on it, then reads them back with `format_type` and `pg_get_expr`. Nothing outside the session's temporary schema is
/// touched and no lock is taken on the real table. The temporary table shadows the real one
/// by name, so expressions that qualify columns with the table name still resolve; an
/// expression that names the real table schema-qualified is printed differently while the
/// copy shadows it, which `ShadowedRelationName` undoes so both sides print alike.
///
/// Each statement runs through `PQexecParams`, which accepts one statement only, so an
/// expression cannot smuggle in a second one; rolling back to a savepoint after each table
/// and around each policy turns a definition the server refuses into a problem reported for
/// that object alone.
struct DesiredSchemaNormaliser {
    /// The server's reading of one declared function, or why it refused it.
    enum NormalisedFunction: Sendable, Equatable {
        case function(FunctionSnapshot)
        case problem(String)
    }

    let connection: PostgresConnection
    /// Whether tables that stand alone are read from shared definitions
    /// (`SharedColumnDefinitions`) rather than a copy each; off only in the tests that
    /// compare the two readings.
    var sharingDefinitions = true

    /// Runs `body` inside the rolled-back transaction with a way to normalise any of
    /// `tables` when it is wanted: the caller compares each table as soon as its answer is
    /// read, so the answers for 10,000 tables (8.75 MB) are never held together
    /// (docs/performance.md). Each call leaves the transaction as it found it.
    func normalising<Result>(
        _ tables: [SupabaseTable], actual: DatabaseSnapshot, _ body: (_ normalise: (SupabaseTable) throws(PostgresError) -> NormalisedTable) throws(PostgresError) -> Result
    ) throws(PostgresError) -> Result {
        let actualTables = actual.tableIndexesByName()
        func current(_ table: SupabaseTable) -> TableSnapshot? {
            actualTables[QualifiedTableName(schema: table.schema, name: table.name)].map { actual.tables[$0] }
        }
        var standalone: [SupabaseTable] = []
        var existing: [QualifiedTableName] = []
        for table in tables {
            let real = current(table)
            if sharingDefinitions, SharedColumnDefinitions.standsAlone(table, actual: real) {
                standalone.append(table)
            } else if real != nil {
                existing.append(QualifiedTableName(schema: table.schema, name: table.name))
            }
        }
        return try connection.rolledBackTransaction { connection throws(PostgresError) in
            let printed = try printedNames(of: existing, on: connection)
            // One savepoint that every table rolls back to when it is done: a savepoint per
            // table nested one more level each time (rolling back to a savepoint keeps it), a
            // statement more per table and a subtransaction stack 10,000 deep at 10,000 tables.
            _ = try connection.query("savepoint opsctl_normalise_table")
            let shared = standalone.isEmpty
                ? SharedColumnDefinitions()
                : try SharedColumnDefinitions.read(standalone, on: connection, rollingBackTo: "opsctl_normalise_table")
            return try body { table throws(PostgresError) in
                let real = current(table)
                if sharingDefinitions, SharedColumnDefinitions.standsAlone(table, actual: real), let answer = shared.normalised(table) {
                    return answer
                }
                // A table that stands alone but whose definition the server refused has no
                // printed name; it has no policy that would need one.
                let name = real == nil ? nil : printed[QualifiedTableName(schema: table.schema, name: table.name)]
                return try normalise(table, actual: real, realName: name, on: connection)
            }
        }
    }

    private func normalise(
        _ table: SupabaseTable, actual: TableSnapshot?, realName: PrintedName?, on connection: PostgresConnection
    ) throws(PostgresError) -> NormalisedTable {
        var answer = NormalisedTable()
        // Drops the copy and whatever was built on it (see `normalise(_:actual:)`).
        defer { _ = try? connection.query("rollback to savepoint opsctl_normalise_table") }
        let declared = Set(table.columns.map(\.name))
        var definitions = table.columns.map { column in
            "\(SQLIdentifier.quote(column.name)) \(column.type)\(SchemaSQL.valueClause(column))"
        }
        definitions += (actual?.columns ?? []).filter { !declared.contains($0.name) }.map { "\(SQLIdentifier.quote($0.name)) \($0.type)" }
        let temporary = SQLIdentifier.qualified("pg_temp", table.name)
        do {
            _ = try connection.query("create temporary table \(temporary) (\(definitions.joined(separator: ", ")))")
        } catch {
            answer.problem = error.diagnostic.message
            return answer
        }
        let copy = try temporaryCopy(of: table.name, shadowing: realName?.oid, on: connection)
        if let realName {
            answer.shadowedName = ShadowedRelationName(shadowed: copy.shadowedName ?? realName.name, visible: realName.name)
        }
        let oid = copy.oid
        for column in copy.columns where declared.contains(column.name) {
            answer.columnTypes[column.name] = column.type
            answer.columnDefaults[column.name] = .some(column.defaultExpression)
            answer.columnGenerated[column.name] = .some(column.generationExpression)
        }
        // Foreign keys are left out: a temporary table cannot reference a real one.
        for constraint in table.constraints {
            if case .foreignKey = constraint.definition { continue }
            _ = try connection.query("savepoint opsctl_normalise_constraint")
            do {
                _ = try connection.query(SchemaSQL.addConstraint(schema: "pg_temp", table: table.name, constraint: constraint))
                _ = try connection.query("release savepoint opsctl_normalise_constraint")
            } catch {
                _ = try connection.query("rollback to savepoint opsctl_normalise_constraint")
                answer.constraintProblems[constraint.name] = error.diagnostic.message
            }
        }
        // Each reading below only answers for declared objects of its kind, so a table that
        // declares none skips it: a round trip each, four of a plain table's eleven.
        for row in try table.constraints.isEmpty ? [] : connection.query(
            "select conname as name, pg_catalog.pg_get_constraintdef(oid) as definition from pg_catalog.pg_constraint where conrelid = $1::oid",
            [oid]
        ).rows {
            answer.constraintDefinitions[try row.string("name")] = try row.string("definition")
        }
        for policy in table.rlsPolicies {
            _ = try connection.query("savepoint opsctl_normalise_policy")
            do {
                _ = try connection.query(SchemaSQL.createPolicy(schema: "pg_temp", table: table.name, policy: policy))
                _ = try connection.query("release savepoint opsctl_normalise_policy")
            } catch {
                _ = try connection.query("rollback to savepoint opsctl_normalise_policy")
                answer.policyProblems[policy.name] = error.diagnostic.message
            }
        }
        for index in table.indexes {
            _ = try connection.query("savepoint opsctl_normalise_index")
            do {
                _ = try connection.query(SchemaSQL.createIndex(schema: "pg_temp", table: table.name, index: index))
                _ = try connection.query("release savepoint opsctl_normalise_index")
            } catch {
                _ = try connection.query("rollback to savepoint opsctl_normalise_index")
                answer.indexProblems[index.name] = error.diagnostic.message
            }
        }
        let declaredIndexes = Set(table.indexes.map(\.name))
        for row in try declaredIndexes.isEmpty ? [] : connection.query(CatalogQueries.indexes(where: "i.indrelid = $1::oid"), [oid]).rows {
            let index = try SchemaReader.index(row)
            if declaredIndexes.contains(index.name) { answer.indexes[index.name] = index }
        }
        // A trigger needs its function; one that does not exist yet (declared in the same
        // plan) keeps its condition as written.
        for trigger in table.triggers {
            let exists = try connection.query(
                """
                select 1 from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
                where n.nspname = $1 and p.proname = $2 and p.pronargs = 0
                """,
                [trigger.functionSchema, trigger.functionName]
            ).rows.isEmpty == false
            guard exists else { continue }
            _ = try connection.query("savepoint opsctl_normalise_trigger")
            do {
                _ = try connection.query(SchemaSQL.createTrigger(schema: "pg_temp", table: table.name, trigger: trigger))
                _ = try connection.query("release savepoint opsctl_normalise_trigger")
            } catch {
                _ = try connection.query("rollback to savepoint opsctl_normalise_trigger")
                answer.triggerProblems[trigger.name] = error.diagnostic.message
            }
        }
        let declaredTriggers = Set(table.triggers.map(\.name))
        for row in try declaredTriggers.isEmpty ? [] : connection.query(CatalogQueries.triggers(where: "c.oid = $1::oid"), [oid]).rows {
            let trigger = try SchemaReader.trigger(row)
            if declaredTriggers.contains(trigger.name) { answer.triggerConditions[trigger.name] = .some(trigger.when) }
        }
        for row in try table.rlsPolicies.isEmpty ? [] : connection.query(
            """
            select polname as name, pg_catalog.pg_get_expr(polqual, polrelid) as using_expression,
                   pg_catalog.pg_get_expr(polwithcheck, polrelid) as check_expression
            from pg_catalog.pg_policy where polrelid = $1::oid
            """,
            [oid]
        ).rows {
            let shadowed = answer.shadowedName
            answer.policyExpressions[try row.string("name")] = NormalisedTable.Expressions(
                using: row["using_expression"].map { shadowed?.rewrite($0) ?? $0 },
                withCheck: row["check_expression"].map { shadowed?.rewrite($0) ?? $0 }
            )
        }
        return answer
    }

    /// Each declared function created in `pg_temp` and read back as the catalog reading
    /// reads real ones, in a transaction of its own (no copy of a table may shadow a name its
    /// body uses) that is always rolled back; `check_function_bodies` is off so a body may
    /// use what the same plan creates. Answers in the order of `functions`.
    func normalise(_ functions: [SupabaseFunction]) throws(PostgresError) -> [NormalisedFunction] {
        guard !functions.isEmpty else { return [] }
        return try connection.rolledBackTransaction { connection throws(PostgresError) in
            _ = try connection.query("set local check_function_bodies = off")
            // One savepoint every function rolls back to, as for tables.
            _ = try connection.query("savepoint opsctl_normalise_function")
            var answers: [NormalisedFunction] = []
            for function in functions {
                defer { _ = try? connection.query("rollback to savepoint opsctl_normalise_function") }
                do throws(PostgresError) {
                    _ = try connection.query(SchemaSQL.createFunction(function, inTemporarySchema: true))
                } catch {
                    answers.append(.problem(error.diagnostic.message))
                    continue
                }
                let realName = try connection.query(
                    "select pg_catalog.quote_ident($1) || '.' || pg_catalog.quote_ident($2) as name", [function.schema, function.name]
                ).rows.first?.string("name")
                let rows = try connection.query(
                    CatalogQueries.functions(where: "p.pronamespace = pg_catalog.pg_my_temp_schema() and p.proname = $1"), [function.name]
                ).rows
                guard let row = rows.first else { throw .unexpectedResult("the temporary copy of the function '\(function.name)' vanished") }
                answers.append(.function(try SchemaReader.function(row, schema: function.schema, name: function.name, realName: realName)))
            }
            return answers
        }
    }

    /// A real table's oid and its name as the catalog reading prints it (no copy yet).
    private struct PrintedName {
        var oid: String
        var name: String
    }

    /// The printed names of the existing declared tables, read for all of them in one query
    /// before any copy exists (a copy changes how the real table prints); one query per
    /// table was a round trip each.
    private func printedNames(of tables: [QualifiedTableName], on connection: PostgresConnection) throws(PostgresError) -> [QualifiedTableName: PrintedName] {
        guard !tables.isEmpty else { return [:] }
        let rows = try connection.query(
            """
            select n.nspname as schema, c.relname as table, c.oid::text as oid, c.oid::regclass::text as name
            from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            join unnest($1::text[], $2::text[]) as wanted(schema, name) on wanted.schema = n.nspname and wanted.name = c.relname
            """,
            [PostgresArrayLiteral.encode(tables.map(\.schema)), PostgresArrayLiteral.encode(tables.map(\.name))]
        )
        var names: [QualifiedTableName: PrintedName] = [:]
        for row in rows.rows {
            let key = QualifiedTableName(schema: try row.string("schema"), name: try row.string("table"))
            names[key] = PrintedName(oid: try row.string("oid"), name: try row.string("name"))
        }
        return names
    }

    /// The temporary copy just created, read in one round trip: its oid, how the real table
    /// (`realOID`) prints while the copy shadows it, and its columns as the server prints them.
    private struct TemporaryCopy {
        struct Column {
            var name: String
            var type: String
            var defaultExpression: String?
            var generationExpression: String?
        }

        var oid: String
        var shadowedName: String?
        var columns: [Column] = []
    }

    private func temporaryCopy(of name: String, shadowing realOID: String?, on connection: PostgresConnection) throws(PostgresError) -> TemporaryCopy {
        // The left join keeps the copy's row when it has no columns.
        let rows = try connection.query(
            """
            select c.oid::text as oid, $2::oid::regclass::text as shadowed,
                   a.attname as name, pg_catalog.format_type(a.atttypid, a.atttypmod) as type,
                   case when a.attgenerated = '' then pg_catalog.pg_get_expr(d.adbin, d.adrelid) end as default_expression,
                   case when a.attgenerated = 's' then pg_catalog.pg_get_expr(d.adbin, d.adrelid) end as generation_expression
            from pg_catalog.pg_class c
            left join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
            left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
            where c.relname = $1 and c.relnamespace = pg_catalog.pg_my_temp_schema()
            """,
            [name, realOID]
        ).rows
        guard let first = rows.first else { throw .unexpectedResult("the temporary copy of '\(name)' vanished") }
        var copy = TemporaryCopy(oid: try first.string("oid"), shadowedName: realOID == nil ? nil : try first.string("shadowed"))
        for row in rows {
            guard let column = row["name"] else { continue }
            copy.columns.append(TemporaryCopy.Column(
                name: column, type: try row.string("type"),
                defaultExpression: row["default_expression"], generationExpression: row["generation_expression"]
            ))
        }
        return copy
    }
}
