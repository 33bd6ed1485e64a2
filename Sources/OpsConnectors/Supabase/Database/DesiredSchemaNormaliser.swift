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
/// the declared policies on it, then reads them back with `format_type` and `pg_get_expr`.
/// Nothing outside the session's temporary schema is touched and no lock is taken on the real
/// table. The temporary table shadows the real one
/// by name, so expressions that qualify columns with the table name still resolve; an
/// expression that names the real table schema-qualified is printed differently while the
/// copy shadows it, which `ShadowedRelationName` undoes so both sides print alike.
///
/// Every statement is sent on its own with the extended protocol, which accepts one statement
/// only, so an expression cannot smuggle in a second one. Copies are built in pipelines of
/// `pipelinedTables` tables (`TableCopyScript`, one sync per table), so a remote database
/// costs a round trip per batch rather than one per statement. A table any of whose
/// statements the server refuses is built again a statement at a time, each declared object
/// in a savepoint of its own, which turns the refusal into a problem for that object alone.
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
    /// Whether copies are built in pipelines of `pipelinedTables` (when libpq can); off only
    /// in the tests that compare the two ways.
    var pipelining = true

    /// Runs `body` inside the rolled-back transaction with a way to normalise any of
    /// `tables` when it is wanted: the caller compares each table as soon as its answer is
    /// read, so the answers for 10,000 tables (8.75 MB) are never held together
    /// (docs/performance.md). Each call leaves the transaction as it found it.
    func normalising<Result>(
        _ tables: [SupabaseTable], actual: DatabaseSnapshot, tableIndexes: [QualifiedTableName: Int]? = nil,
        _ body: (_ normalise: (SupabaseTable) throws(PostgresError) -> NormalisedTable) throws(PostgresError) -> Result
    ) throws(PostgresError) -> Result {
        let actualTables = tableIndexes ?? actual.tableIndexesByName()
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
        // One savepoint that every table rolls back to when it is done: a savepoint per table
        // nested one more level each time (rolling back to a savepoint keeps it), a statement
        // more per table and a subtransaction stack 10,000 deep at 10,000 tables.
        let opening = [
            Self.printedNamesQuery(of: existing), Self.triggerFunctionsQuery(of: tables), PostgresStatement(sql: "savepoint opsctl_normalise_table"),
        ]
        return try connection.rolledBackTransaction(opening: opening, pipelining: pipelining) { connection, opened throws(PostgresError) in
            let printed = try Self.printedNames(from: opened[0])
            let triggerFunctions = try Self.triggerFunctions(from: opened[1])
            let shared = standalone.isEmpty
                ? SharedColumnDefinitions()
                : try SharedColumnDefinitions.read(standalone, on: connection, rollingBackTo: "opsctl_normalise_table")
            func copy(of table: SupabaseTable) -> PreparedCopy {
                let real = current(table)
                // A table that stands alone but whose definition the server refused has no
                // printed name; it has no policy that would need one.
                let name = real == nil ? nil : printed[QualifiedTableName(schema: table.schema, name: table.name)]
                return PreparedCopy(
                    script: TableCopyScript(table, actual: real, realOID: name?.oid, triggerFunctions: triggerFunctions), realName: name?.name
                )
            }
            // Answers pipelined ahead of the caller, at most one batch of them at a time.
            var ahead: [QualifiedTableName: NormalisedTable] = [:]
            var next = 0
            return try body { table throws(PostgresError) in
                if let answer = shared.normalised(table) { return answer }
                let key = QualifiedTableName(schema: table.schema, name: table.name)
                if let answer = ahead.removeValue(forKey: key) { return answer }
                if pipelining, connection.canPipeline {
                    // The caller asks in the order of `tables`: this table and the copies after it.
                    while next < tables.count, QualifiedTableName(schema: tables[next].schema, name: tables[next].name) != key { next += 1 }
                    var batch: [PreparedCopy] = []
                    while next < tables.count, batch.count < Self.pipelinedTables {
                        if !shared.covers(tables[next]) { batch.append(copy(of: tables[next])) }
                        next += 1
                    }
                    let answers = try normalisePipelined(batch.map(\.script), realNames: batch.map(\.realName), on: connection)
                    for (prepared, answer) in zip(batch, answers) {
                        guard let answer else { continue }
                        ahead[QualifiedTableName(schema: prepared.script.table.schema, name: prepared.script.table.name)] = answer
                    }
                    if let answer = ahead.removeValue(forKey: key) { return answer }
                }
                let prepared = copy(of: table)
                return try normaliseOneByOne(prepared.script, realName: prepared.realName, on: connection)
            }
        }
    }

    /// Tables whose copies go in one pipeline: their answers wait together for the caller.
    static let pipelinedTables = 32

    /// A table's copy script and how the real table prints (nil when it does not exist).
    private struct PreparedCopy {
        var script: TableCopyScript
        var realName: String?
    }

    /// The query for `schema.name` of every function a declared trigger calls that exists now.
    private static func triggerFunctionsQuery(of tables: [SupabaseTable]) -> PostgresStatement {
        let triggers = tables.flatMap(\.triggers)
        return PostgresStatement(
            sql: """
                select distinct n.nspname as schema, p.proname as name
                from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
                join unnest($1::text[], $2::text[]) as wanted(schema, name) on wanted.schema = n.nspname and wanted.name = p.proname
                where p.pronargs = 0
                """,
            parameters: [PostgresArrayLiteral.encode(triggers.map(\.functionSchema)), PostgresArrayLiteral.encode(triggers.map(\.functionName))]
        )
    }

    private static func triggerFunctions(from rows: PostgresRows) throws(PostgresError) -> Set<String> {
        var functions: Set<String> = []
        for row in rows.rows { functions.insert("\(try row.string("schema")).\(try row.string("name"))") }
        return functions
    }

    /// One table's copy built and read one statement at a time, each declared object in a
    /// savepoint of its own, so an object the server refuses becomes a problem for it alone.
    private func normaliseOneByOne(_ script: TableCopyScript, realName: String?, on connection: PostgresConnection) throws(PostgresError) -> NormalisedTable {
        var answer = NormalisedTable()
        // Drops the copy and whatever was built on it.
        defer { _ = try? connection.query("rollback to savepoint opsctl_normalise_table") }
        do {
            _ = try connection.query(script.create.sql, script.create.parameters)
        } catch {
            answer.problem = error.diagnostic.message
            return answer
        }
        func attempt(_ objects: [TableCopyScript.Object], problems: inout [String: String]) throws(PostgresError) {
            for object in objects {
                _ = try connection.query("savepoint opsctl_normalise_object")
                do {
                    _ = try connection.query(object.statement.sql, object.statement.parameters)
                    _ = try connection.query("release savepoint opsctl_normalise_object")
                } catch {
                    _ = try connection.query("rollback to savepoint opsctl_normalise_object")
                    problems[object.name] = error.diagnostic.message
                }
            }
        }
        try attempt(script.constraints, problems: &answer.constraintProblems)
        try attempt(script.policies, problems: &answer.policyProblems)
        try attempt(script.indexes, problems: &answer.indexProblems)
        try attempt(script.triggers, problems: &answer.triggerProblems)
        var rows: [PostgresRows] = []
        try connection.queries(script.readings.map(\.statement), pipelining: pipelining) { _, read throws(PostgresError) in rows.append(read) }
        try script.answer(from: rows, realName: realName, into: &answer)
        return answer
    }

    /// The copies of several tables built and read in one pipeline, each table's statements
    /// a group that starts by rolling back to the savepoint (so a table that failed leaves
    /// nothing to the next). Only tables whose every statement succeeded are answered; the
    /// others go one statement at a time, where each refusal is told apart.
    func normalisePipelined(
        _ scripts: [TableCopyScript], realNames: [String?], on connection: PostgresConnection
    ) throws(PostgresError) -> [NormalisedTable?] {
        let rollback = PostgresStatement(sql: "rollback to savepoint opsctl_normalise_table")
        let results = try connection.pipeline(scripts.map { [rollback] + $0.statements } + [[rollback]])
        var answers: [NormalisedTable?] = []
        for (index, script) in scripts.enumerated() {
            var rows: [PostgresRows] = []
            for result in results[index] {
                guard case .rows(let answered) = result else { break }
                rows.append(answered)
            }
            guard rows.count == results[index].count else {
                answers.append(nil)
                continue
            }
            var answer = NormalisedTable()
            try script.answer(from: Array(rows.suffix(script.readings.count)), realName: realNames[index], into: &answer)
            answers.append(answer)
        }
        return answers
    }

    /// Each declared function created in `pg_temp` and read back as the catalog reading
    /// reads real ones, in a transaction of its own (no copy of a table may shadow a name its
    /// body uses) that is always rolled back; `check_function_bodies` is off so a body may
    /// use what the same plan creates. Answers in the order of `functions`.
    func normalise(_ functions: [SupabaseFunction]) throws(PostgresError) -> [NormalisedFunction] {
        guard !functions.isEmpty else { return [] }
        // One savepoint every function rolls back to, as for tables; each function's statements
        // start there, so one the server refused leaves nothing to the next.
        let opening = [PostgresStatement(sql: "set local check_function_bodies = off"), PostgresStatement(sql: "savepoint opsctl_normalise_function")]
        return try connection.rolledBackTransaction(opening: opening, pipelining: pipelining) { connection, _ throws(PostgresError) in
            let rollback = PostgresStatement(sql: "rollback to savepoint opsctl_normalise_function")
            let groups = functions.map { function in
                [
                    rollback,
                    PostgresStatement(sql: SchemaSQL.createFunction(function, inTemporarySchema: true)),
                    PostgresStatement(sql: "select pg_catalog.quote_ident($1) || '.' || pg_catalog.quote_ident($2) as name", parameters: [function.schema, function.name]),
                    PostgresStatement(
                        sql: CatalogQueries.functions(where: "p.pronamespace = pg_catalog.pg_my_temp_schema() and p.proname = $1"),
                        parameters: [function.name]
                    ),
                ]
            }
            var answers: [NormalisedFunction] = []
            // All in one round trip when libpq can pipeline.
            try connection.run(groups, pipelining: pipelining) { index, results throws(PostgresError) in
                answers.append(try Self.answer(for: functions[index], results))
            }
            return answers
        }
    }

    /// A function's answer from its group's results: rolling back, creating the copy, its real
    /// name as printed, the copy as the catalog reading reads it.
    private static func answer(for function: SupabaseFunction, _ results: [PipelinedResult]) throws(PostgresError) -> NormalisedFunction {
        guard results.count == 4 else { throw .unexpectedResult("expected four answers for the function '\(function.name)'") }
        if case .failed(let error) = results[0] { throw .statementFailed(error) }
        if case .failed(let error) = results[1] { return .problem(PostgresError.statementFailed(error).diagnostic.message) }
        guard case .rows(let names) = results[2], case .rows(let rows) = results[3] else {
            if case .failed(let error) = results[2] { throw .statementFailed(error) }
            if case .failed(let error) = results[3] { throw .statementFailed(error) }
            throw .unexpectedResult("the temporary copy of the function '\(function.name)' was not read")
        }
        guard let row = rows.rows.first else { throw .unexpectedResult("the temporary copy of the function '\(function.name)' vanished") }
        let realName = try names.rows.first?.string("name")
        return .function(try SchemaReader.function(row, schema: function.schema, name: function.name, realName: realName))
    }

    /// A real table's oid and its name as the catalog reading prints it (no copy yet).
    private struct PrintedName {
        var oid: String
        var name: String
    }

    /// The query for the printed names of the existing declared tables, read for all of them
    /// at once before any copy exists (a copy changes how the real table prints); one query
    /// per table was a round trip each.
    private static func printedNamesQuery(of tables: [QualifiedTableName]) -> PostgresStatement {
        PostgresStatement(
            sql: """
                select n.nspname as schema, c.relname as table, c.oid::text as oid, c.oid::regclass::text as name
                from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                join unnest($1::text[], $2::text[]) as wanted(schema, name) on wanted.schema = n.nspname and wanted.name = c.relname
                """,
            parameters: [PostgresArrayLiteral.encode(tables.map(\.schema)), PostgresArrayLiteral.encode(tables.map(\.name))]
        )
    }

    private static func printedNames(from rows: PostgresRows) throws(PostgresError) -> [QualifiedTableName: PrintedName] {
        var names: [QualifiedTableName: PrintedName] = [:]
        for row in rows.rows {
            let key = QualifiedTableName(schema: try row.string("schema"), name: try row.string("table"))
            names[key] = PrintedName(oid: try row.string("oid"), name: try row.string("name"))
        }
        return names
    }
}
