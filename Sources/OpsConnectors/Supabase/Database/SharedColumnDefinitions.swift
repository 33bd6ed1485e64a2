import OpsCore

/// How the server prints the column definitions of tables that need no temporary copy of
/// their own (`DesiredSchemaNormaliser`).
///
/// A column's type and its default or identity clause print the same in any table: neither
/// may refer to the table's other columns, nor to the table itself. So the distinct
/// definitions of all such tables become the columns of one temporary table (at most a
/// thousand each) and are read back in one query. A copy per table cost three round trips
/// and, on the server, a file created and removed: 10,000 plain tables took 21 s, nearly all
/// of it the server's (docs/performance.md).
///
/// A table keeps its own copy when it declares anything that refers to its columns or its
/// name (generated columns, serial columns, whose sequence is named after the table, check
/// and unique constraints, policies, indexes, triggers), and when its column names might
/// make the server refuse the table, so that the refusal names it. The tests compare both
/// readings of the same tables.
struct SharedColumnDefinitions {
    struct Printed: Equatable {
        var type: String
        var defaultExpression: String?
    }

    private(set) var printed: [String: Printed] = [:]
    /// The tables `read` was given: only they are answered from here.
    private var tables: Set<QualifiedTableName> = []

    /// PostgreSQL's limit on a table's columns.
    static let maximumColumns = 1600
    /// Columns per temporary table, well inside that limit.
    static let chunkSize = 1000
    /// Longer names are truncated by the server, so two of them could collide.
    static let maximumNameBytes = 63
    /// Names the server reserves for system columns.
    static let systemColumnNames: Set<String> = ["tableoid", "cmax", "xmax", "cmin", "xmin", "ctid"]

    /// Whether `table`'s normalised form follows from its column definitions alone. The test
    /// errs towards a copy: any doubt costs time, never a different answer.
    static func standsAlone(_ table: SupabaseTable, actual: TableSnapshot?) -> Bool {
        guard table.rlsPolicies.isEmpty, table.indexes.isEmpty, table.triggers.isEmpty,
              table.constraints.allSatisfy({ if case .foreignKey = $0.definition { true } else { false } }),
              table.columns.count + (actual?.columns.count ?? 0) <= maximumColumns
        else { return false }
        return table.columns.allSatisfy { column in
            column.generated == nil && !mayReferToTheTable(type: column.type)
                && !column.name.isEmpty && column.name.utf8.count <= maximumNameBytes && !systemColumnNames.contains(column.name)
        }
    }

    /// `serial` in any spelling (`BIGSERIAL`, `pg_catalog.serial8`, quoted) makes a sequence
    /// named after the table; `%TYPE` names a table's column. Bytes, not Foundation's
    /// `contains`, which cost more than the rest of the test together.
    static func mayReferToTheTable(type: String) -> Bool {
        let serial = Array("serial".utf8)
        let bytes = type.utf8
        var matched = 0
        for byte in bytes {
            if byte == UInt8(ascii: "%") { return true }
            // ASCII letters lower-cased by their 0x20 bit; `serial` holds letters only.
            let lowered = byte | 0x20
            matched = lowered == serial[matched] ? matched + 1 : (lowered == serial[0] ? 1 : 0)
            if matched == serial.count { return true }
        }
        return false
    }

    /// The part of a column's declaration the server prints back.
    static func definition(of column: SupabaseColumn) -> String {
        column.type + SchemaSQL.valueClause(column)
    }

    /// Reads every distinct definition of `tables` inside the caller's transaction, rolling
    /// back to `savepoint` around each temporary table so nothing is left behind. A chunk the
    /// server refuses is halved until each refused definition is alone; those stay unprinted,
    /// so their tables take the copy path, whose error names the table.
    static func read(
        _ tables: [SupabaseTable], on connection: PostgresConnection, rollingBackTo savepoint: String
    ) throws(PostgresError) -> SharedColumnDefinitions {
        var seen: Set<String> = []
        var definitions: [String] = []
        for table in tables {
            for column in table.columns {
                let text = definition(of: column)
                if seen.insert(text).inserted { definitions.append(text) }
            }
        }
        var shared = SharedColumnDefinitions()
        shared.tables = Set(tables.map { QualifiedTableName(schema: $0.schema, name: $0.name) })
        var pending = stride(from: 0, to: definitions.count, by: chunkSize).map {
            definitions[$0..<min($0 + chunkSize, definitions.count)]
        }
        let rollback = PostgresStatement(sql: "rollback to savepoint \(savepoint)")
        let read = PostgresStatement(sql: """
            select a.attnum::text as number, pg_catalog.format_type(a.atttypid, a.atttypmod) as type,
                   pg_catalog.pg_get_expr(d.adbin, d.adrelid) as default_expression
            from pg_catalog.pg_attribute a
            left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
            where a.attrelid = 'pg_temp.opsctl_column_definitions'::regclass and a.attnum > 0 and not a.attisdropped
            """)
        // Every pending chunk in one round trip, each a group that starts at the savepoint; the
        // halves of a refused chunk go in the next.
        while !pending.isEmpty {
            let chunks = pending
            pending = []
            let groups = chunks.map { chunk in
                let columns = chunk.enumerated().map { "c\($0.offset + 1) \(SchemaSQL.embedded($0.element))" }
                return [rollback, PostgresStatement(sql: "create temporary table pg_temp.opsctl_column_definitions (\(columns.joined(separator: ", ")))"), read]
            }
            try connection.run(groups + [[rollback]]) { index, results throws(PostgresError) in
                guard index < chunks.count else { return }
                let chunk = chunks[index]
                if case .failed(let error) = results[0] { throw .statementFailed(error) }
                if case .failed = results[1] {
                    if chunk.count > 1 {
                        let middle = chunk.startIndex + chunk.count / 2
                        pending.append(chunk[..<middle])
                        pending.append(chunk[middle...])
                    }
                    return
                }
                guard case .rows(let rows) = results[2] else { throw .unexpectedResult("the definitions' table was not read") }
                for row in rows.rows {
                    let numberText = try row.string("number")
                    guard let number = Int(numberText), number >= 1, number <= chunk.count else {
                        throw .unexpectedResult("expected a column number of the definitions' table, got '\(numberText)'")
                    }
                    shared.printed[chunk[chunk.startIndex + number - 1]] = Printed(
                        type: try row.string("type"), defaultExpression: row["default_expression"]
                    )
                }
            }
        }
        return shared
    }

    /// Whether `table` is answered from here: it was read, and none of its definitions was
    /// refused.
    func covers(_ table: SupabaseTable) -> Bool {
        tables.contains(QualifiedTableName(schema: table.schema, name: table.name))
            && table.columns.allSatisfy { printed[Self.definition(of: $0)] != nil }
    }

    /// `table`'s answer from the shared definitions; nil when it was not read here or one of
    /// its definitions was refused.
    func normalised(_ table: SupabaseTable) -> NormalisedTable? {
        guard tables.contains(QualifiedTableName(schema: table.schema, name: table.name)) else { return nil }
        var answer = NormalisedTable()
        for column in table.columns {
            guard let printed = printed[Self.definition(of: column)] else { return nil }
            answer.columns[column.name] = NormalisedTable.Column(type: printed.type, defaultExpression: printed.defaultExpression, generated: nil)
        }
        return answer
    }
}
