import OpsCore

/// Reads tables, columns, indexes, constraints, row-level security and policies of some schemas from the
/// catalog, with bound parameters only, into a `DatabaseSnapshot`.
struct SchemaReader {
    let connection: PostgresConnection
    /// Whether the catalog queries go in one pipeline (when libpq can); off only in the tests
    /// that compare the two ways.
    var pipelining = true

    /// Every table of `schemas`, or only `table` when given (for re-reading one object).
    func read(schemas: [String], table: String? = nil) throws(PostgresError) -> DatabaseSnapshot {
        let parameters: [String?] = [PostgresArrayLiteral.encode(schemas.sorted()), table]
        typealias Key = QualifiedTableName
        /// The table a row of `result` is about, by its `schema` and `table` columns.
        struct KeyColumns {
            let schema: PostgresColumn
            let table: PostgresColumn

            init(_ result: PostgresRows, table: String = "table") {
                schema = result.column("schema")
                self.table = result.column(table)
            }

            func key(_ row: PostgresRow) throws(PostgresError) -> Key {
                Key(schema: try row.string(schema), name: try row.string(table))
            }
        }

        var columns: [Key: [ColumnSnapshot]] = [:]
        var indexes: [Key: [IndexSnapshot]] = [:]
        var triggers: [Key: [TriggerSnapshot]] = [:]
        var policies: [Key: [PolicySnapshot]] = [:]
        var constraints: [Key: [ConstraintSnapshot]] = [:]
        // Most tables hold the same privileges for the same roles: each distinct list and each
        // distinct set of grants is parsed and stored once and shared, where 10,000 tables held
        // 2.8 MB of identical copies at the plan's memory peak (docs/performance.md).
        var privilegeLists: [String: [String]] = [:]
        var grants: [Key: [String: [String]]] = [:]
        var distinctGrants: Set<[String: [String]]> = []
        // Tables one after another mostly hold the same grants: compared with the last table's
        // (arrays shared through `privilegeLists` compare by identity), a table's grants are
        // hashed into the set only when they differ, where hashing each was 0.9% of a
        // 10,000-table plan (docs/performance.md).
        var lastGrants: [String: [String]]?
        var tables: [TableSnapshot] = []
        var enums: [EnumSnapshot] = []
        var executors: [String: [String]] = [:]
        var functions: [FunctionSnapshot] = []
        // One round trip for all of them (`PostgresConnection.queries`), each answer reduced as
        // it is read, in `Reading`'s order.
        let readings = Reading.allCases
        let statements = readings.map { PostgresStatement(sql: $0.sql, parameters: parameters) }
        try connection.queries(statements, pipelining: pipelining) { index, result throws(PostgresError) in
            switch readings[index] {
            case .columns:
                // The most rows of any reading, so each column is found once (`PostgresRows.column`).
                let keys = KeyColumns(result)
                let name = result.column("name"), type = result.column("type"), nullable = result.column("nullable")
                let defaultExpression = result.column("default_expression"), primaryKey = result.column("primary_key")
                let generated = result.column("generation_expression"), identity = result.column("identity")
                for row in result.rows {
                    columns[try keys.key(row), default: []].append(ColumnSnapshot(
                        name: try row.string(name),
                        type: try row.string(type),
                        nullable: try row.bool(nullable),
                        defaultExpression: row[defaultExpression],
                        primaryKey: try row.bool(primaryKey),
                        generated: row[generated],
                        identity: row[identity]
                    ))
                }
            case .indexes:
                let keys = KeyColumns(result)
                for row in result.rows { indexes[try keys.key(row), default: []].append(try Self.index(row)) }
            case .triggers:
                let keys = KeyColumns(result)
                for row in result.rows { triggers[try keys.key(row), default: []].append(try Self.trigger(row)) }
            case .policies:
                let keys = KeyColumns(result)
                for row in result.rows {
                    policies[try keys.key(row), default: []].append(PolicySnapshot(
                        name: try row.string("name"),
                        command: try row.string("command"),
                        roles: try Self.strings(fromJSON: row.string("roles")),
                        permissive: try row.bool("permissive"),
                        using: row["using_expression"],
                        withCheck: row["check_expression"]
                    ))
                }
            case .constraints:
                let keys = KeyColumns(result)
                for row in result.rows { constraints[try keys.key(row), default: []].append(try Self.constraint(row)) }
            case .grants:
                let keys = KeyColumns(result)
                let privilegesColumn = result.column("privileges"), role = result.column("role")
                for row in result.rows {
                    let text = try row.string(privilegesColumn)
                    let privileges: [String]
                    if let known = privilegeLists[text] {
                        privileges = known
                    } else {
                        privileges = try Self.strings(fromJSON: text)
                        privilegeLists[text] = privileges
                    }
                    grants[try keys.key(row), default: [:]][try row.string(role)] = privileges
                }
            case .tables:
                let tableRows = result.rows
                tables.reserveCapacity(tableRows.count)
                let keys = KeyColumns(result, table: "name")
                let rls = result.column("rls"), rlsForce = result.column("rls_force"), partitionOf = result.column("partition_of")
                let ownedByExtension = result.column("extension"), rowEstimate = result.column("row_estimate")
                for row in tableRows {
                    let key = try keys.key(row)
                    var table = TableSnapshot(
                        schema: key.schema,
                        name: key.name,
                        columns: columns[key] ?? [],
                        indexes: indexes[key] ?? [],
                        rowLevelSecurity: try row.bool(rls),
                        policies: policies[key] ?? [],
                        constraints: constraints[key] ?? [],
                        ownership: TableOwnership(
                            partitionOf: row[partitionOf], ownedByExtension: row[ownedByExtension], rowEstimate: row[rowEstimate].flatMap { Int($0) }
                        )
                    )
                    table.forcedRowLevelSecurity = try row.bool(rlsForce)
                    let tableGrants = grants[key] ?? [:]
                    if let lastGrants, lastGrants == tableGrants {
                        table.grants = lastGrants
                    } else {
                        table.grants = distinctGrants.insert(tableGrants).memberAfterInsert
                        lastGrants = table.grants
                    }
                    table.triggers = triggers[key] ?? []
                    tables.append(table)
                }
            case .enums:
                for row in result.rows {
                    enums.append(EnumSnapshot(
                        schema: try row.string("schema"), name: try row.string("name"), values: try Self.strings(fromJSON: row.string("labels"))
                    ))
                }
            case .functionGrants:
                for row in result.rows {
                    let signature = "\(try row.string("schema")).\(try row.string("name"))(\(try row.string("identity_arguments")))"
                    executors[signature, default: []].append(try row.string("role"))
                }
            case .functions:
                for row in result.rows {
                    var function = try Self.function(row)
                    function.executors = (executors[function.signature] ?? []).sorted()
                    functions.append(function)
                }
            }
        }
        var snapshot = DatabaseSnapshot(tables: tables, enums: enums)
        snapshot.functions = functions
        return snapshot
    }

    /// The catalog queries `read` runs, in the order their answers are reduced: tables after
    /// what they gather, functions after their grants.
    enum Reading: CaseIterable {
        case columns, indexes, triggers, policies, constraints, grants, tables, enums, functionGrants, functions

        var sql: String {
            switch self {
            case .columns: CatalogQueries.columns
            case .indexes: CatalogQueries.indexes
            case .triggers: CatalogQueries.triggers
            case .policies: CatalogQueries.policies
            case .constraints: CatalogQueries.constraints
            case .grants: CatalogQueries.grants
            case .tables: CatalogQueries.tables
            case .enums: CatalogQueries.enums
            case .functionGrants: CatalogQueries.functionGrants
            case .functions: CatalogQueries.functions
            }
        }
    }

    /// One row of `CatalogQueries.constraints`.
    static func constraint(_ row: PostgresRow) throws(PostgresError) -> ConstraintSnapshot {
        let kind: ConstraintSnapshot.Kind = switch try row.string("type") {
        case "f": .foreignKey
        case "c": .check
        default: .unique
        }
        var reference: ConstraintSnapshot.Reference?
        if kind == .foreignKey {
            reference = ConstraintSnapshot.Reference(
                columns: try strings(fromJSON: row.string("columns")),
                schema: try row.string("referenced_schema"),
                table: try row.string("referenced_table"),
                referencedColumns: try strings(fromJSON: row.string("referenced_columns")),
                onDelete: ConstraintSnapshot.action(code: try row.string("on_delete"))
            )
        }
        return ConstraintSnapshot(name: try row.string("name"), kind: kind, definition: try row.string("definition"), reference: reference)
    }

    /// One row of `CatalogQueries.indexes(where:)`.
    static func index(_ row: PostgresRow) throws(PostgresError) -> IndexSnapshot {
        var keys: [IndexSnapshot.Key] = []
        let keysText = try row.string("keys")
        guard let parsed = try? JSONParser.parse(keysText), let elements = parsed.arrayValue else {
            throw .unexpectedResult("expected a JSON array of index keys, got '\(keysText)'")
        }
        for element in elements {
            guard let expression = element["expression"]?.stringValue, let descending = element["descending"]?.boolValue else {
                throw .unexpectedResult("expected an index key, got '\(keysText)'")
            }
            keys.append(IndexSnapshot.Key(expression: expression, descending: descending, operatorClass: element["operatorClass"]?.stringValue))
        }
        var index = IndexSnapshot(
            schema: try row.string("schema"), table: try row.string("table"), name: try row.string("name"),
            method: try row.string("method"), keys: keys, include: try strings(fromJSON: row.string("include")),
            predicate: row["predicate"], unique: try row.bool("unique")
        )
        index.inexpressible = try strings(fromJSON: row.string("inexpressible"))
        index.definition = try row.string("definition")
        index.valid = try row.bool("valid")
        index.constraint = row["constraint"]
        index.partitionChild = try row.bool("partition_child")
        return index
    }

    /// One row of `CatalogQueries.triggers(where:)`.
    static func trigger(_ row: PostgresRow) throws(PostgresError) -> TriggerSnapshot {
        let typeText = try row.string("type")
        guard let type = Int(typeText) else { throw .unexpectedResult("expected a trigger type number, got '\(typeText)'") }
        return TriggerSnapshot(
            name: try row.string("name"), type: type,
            function: "\(try row.string("function_schema")).\(try row.string("function_name"))",
            when: TriggerSnapshot.whenCondition(inDefinition: try row.string("definition")),
            enabled: try row.bool("enabled"), inexpressible: try strings(fromJSON: row.string("inexpressible"))
        )
    }

    /// One row of `CatalogQueries.functions(where:)`; `realName` replaces the printed name
    /// in the definition (for the normaliser's copies in `pg_temp`).
    static func function(_ row: PostgresRow, schema: String? = nil, name: String? = nil, realName: String? = nil) throws(PostgresError) -> FunctionSnapshot {
        let readSchema = try row.string("schema")
        let readName = try row.string("name")
        return FunctionSnapshot(
            schema: schema ?? readSchema,
            name: name ?? readName,
            identityArguments: try row.string("identity_arguments"),
            arguments: try row.string("arguments"),
            result: try row.string("result"),
            language: try row.string("language"),
            securityDefiner: try row.bool("security_definer"),
            volatility: try row.string("volatility"),
            config: try strings(fromJSON: row.string("config")),
            definition: FunctionSnapshot.normalisedDefinition(
                try row.string("definition"), source: row["source"], realName: realName
            )
        )
    }

    /// A JSON array of strings, as `array_to_json(...)::text` prints it.
    static func strings(fromJSON text: String) throws(PostgresError) -> [String] {
        guard let value = try? JSONParser.parse(text), let elements = value.arrayValue else {
            throw .unexpectedResult("expected a JSON array of strings, got '\(text)'")
        }
        var strings: [String] = []
        for element in elements {
            guard let string = element.stringValue else {
                throw .unexpectedResult("expected a JSON array of strings, got '\(text)'")
            }
            strings.append(string)
        }
        return strings
    }
}
