import OpsCore

/// Reads tables, columns, indexes, constraints, row-level security and policies of some schemas from the
/// catalog, with bound parameters only, into a `DatabaseSnapshot`.
struct SchemaReader {
    let connection: PostgresConnection

    /// Every table of `schemas`, or only `table` when given (for re-reading one object).
    func read(schemas: [String], table: String? = nil) throws(PostgresError) -> DatabaseSnapshot {
        let parameters: [String?] = [PostgresArrayLiteral.encode(schemas.sorted()), table]
        struct Key: Hashable {
            var schema: String
            var table: String
        }
        func key(_ row: PostgresRow) throws(PostgresError) -> Key {
            Key(schema: try row.string("schema"), table: try row.string("table"))
        }

        var columns: [Key: [ColumnSnapshot]] = [:]
        for row in try connection.query(CatalogQueries.columns, parameters).rows {
            columns[try key(row), default: []].append(ColumnSnapshot(
                name: try row.string("name"),
                type: try row.string("type"),
                nullable: try row.bool("nullable"),
                defaultExpression: row["default_expression"],
                primaryKey: try row.bool("primary_key"),
                generated: row["generation_expression"],
                identity: row["identity"]
            ))
        }
        var indexes: [Key: [IndexSnapshot]] = [:]
        for row in try connection.query(CatalogQueries.indexes, parameters).rows {
            let key = try key(row)
            indexes[key, default: []].append(IndexSnapshot(
                schema: key.schema,
                table: key.table,
                name: try row.string("name"),
                columns: try Self.strings(fromJSON: row.string("columns")),
                unique: try row.bool("unique"),
                unusualShape: row["unusual_shape"]
            ))
        }
        var policies: [Key: [PolicySnapshot]] = [:]
        for row in try connection.query(CatalogQueries.policies, parameters).rows {
            policies[try key(row), default: []].append(PolicySnapshot(
                name: try row.string("name"),
                command: try row.string("command"),
                roles: try Self.strings(fromJSON: row.string("roles")),
                permissive: try row.bool("permissive"),
                using: row["using_expression"],
                withCheck: row["check_expression"]
            ))
        }
        var constraints: [Key: [ConstraintSnapshot]] = [:]
        for row in try connection.query(CatalogQueries.constraints, parameters).rows {
            let kind: ConstraintSnapshot.Kind = switch try row.string("type") {
            case "f": .foreignKey
            case "c": .check
            default: .unique
            }
            var reference: ConstraintSnapshot.Reference?
            if kind == .foreignKey {
                reference = ConstraintSnapshot.Reference(
                    columns: try Self.strings(fromJSON: row.string("columns")),
                    schema: try row.string("referenced_schema"),
                    table: try row.string("referenced_table"),
                    referencedColumns: try Self.strings(fromJSON: row.string("referenced_columns")),
                    onDelete: ConstraintSnapshot.action(code: try row.string("on_delete"))
                )
            }
            constraints[try key(row), default: []].append(ConstraintSnapshot(
                name: try row.string("name"), kind: kind, definition: try row.string("definition"), reference: reference
            ))
        }
        var grants: [Key: [String: [String]]] = [:]
        for row in try connection.query(CatalogQueries.grants, parameters).rows {
            grants[try key(row), default: [:]][try row.string("role")] = try Self.strings(fromJSON: row.string("privileges"))
        }
        var tables: [TableSnapshot] = []
        for row in try connection.query(CatalogQueries.tables, parameters).rows {
            let key = Key(schema: try row.string("schema"), table: try row.string("name"))
            var table = TableSnapshot(
                schema: key.schema,
                name: key.table,
                columns: columns[key] ?? [],
                indexes: indexes[key] ?? [],
                rowLevelSecurity: try row.bool("rls"),
                policies: policies[key] ?? [],
                constraints: constraints[key] ?? [],
                ownership: TableOwnership(
                    partitionOf: row["partition_of"], ownedByExtension: row["extension"], rowEstimate: row["row_estimate"].flatMap { Int($0) }
                )
            )
            table.forcedRowLevelSecurity = try row.bool("rls_force")
            table.grants = grants[key] ?? [:]
            tables.append(table)
        }
        var enums: [EnumSnapshot] = []
        for row in try connection.query(CatalogQueries.enums, parameters).rows {
            enums.append(EnumSnapshot(
                schema: try row.string("schema"), name: try row.string("name"), values: try Self.strings(fromJSON: row.string("labels"))
            ))
        }
        return DatabaseSnapshot(tables: tables, enums: enums)
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
