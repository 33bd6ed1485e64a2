import OpsCore

/// Compares desired tables with the database: pure, so every rule is tested without a
/// server. Produces one check per declared object (and per pruned one) and the changes
/// that close the gaps, ordered as a migration must run them (`DatabaseChangeKind`).
///
/// `prune` looks only at schemas that have a declared table, never at partitions (they go
/// with their parent), tables an extension owns, or Supabase's own schemas (see
/// `undeclaredTables`); it prunes columns only of
/// tables that declare columns (a table entry without columns audits everything else);
/// policies of every declared table are authoritative when pruning.
struct SchemaDiff {
    var checks: [Check] = []
    private(set) var changes: [Change] = []
    /// Tables of the declared schemas, and policies of the declared tables, that are declared.
    private(set) var coverage: [Coverage] = []

    static func compare(
        desired: [DesiredTable], actual: DatabaseSnapshot, prune: Bool, enums: [SupabaseEnum] = [], functions: [DesiredFunction] = []
    ) -> SchemaDiff {
        var position = 0
        return compare(declaring: desired.map(\.config), actual: actual, prune: prune, enums: enums, functions: functions) { _ in
            defer { position += 1 }
            return desired[position]
        }
    }

    /// The same, with each declared table's comparable form made when its turn comes, in the
    /// order of `tables`, and let go once it is compared: the connector normalises each table
    /// on the server only then, so neither the server's answers nor the desired forms of
    /// 10,000 tables are held together (docs/performance.md).
    static func compare<Failure: Error>(
        declaring tables: [SupabaseTable], actual: DatabaseSnapshot, tableIndexes: [QualifiedTableName: Int]? = nil, prune: Bool,
        enums: [SupabaseEnum] = [], functions: [DesiredFunction] = [], desiredTable: (SupabaseTable) throws(Failure) -> DesiredTable
    ) throws(Failure) -> SchemaDiff {
        var diff = SchemaDiff()
        let actualTables = tableIndexes ?? actual.tableIndexesByName()
        let declared = DeclaredTables(tables)
        // The checks array is the connector's largest: reserved once, it is not grown by
        // doubling, which held the old and the new buffer together at the plan's memory peak
        // (docs/performance.md).
        diff.checks.reserveCapacity(Self.expectedCheckCount(
            tables: tables, actual: actual, actualTables: actualTables, declared: declared, prune: prune, enums: enums, functions: functions
        ))
        for type in enums { diff.compareEnum(type, current: actual.enumType(schema: type.schema, name: type.name)) }
        for function in functions { diff.compareFunction(function, actual: actual) }
        for config in tables {
            let table = try desiredTable(config)
            if let problem = table.problem {
                diff.checks.append(Check(
                    id: "supabase.table.\(table.schema).\(table.name)", scope: .supabase, name: "table \(table.schema).\(table.name)",
                    status: .error, message: "the server refused the declared definition of \(table.schema).\(table.name): \(problem)",
                    suggestedAction: "fix the table's column types or defaults in desired-state.yaml", source: table.config.location
                ))
                continue
            }
            if let index = actualTables[QualifiedTableName(schema: table.schema, name: table.name)] {
                diff.compareExisting(table, actual.tables[index], prune: prune)
            } else {
                diff.createTable(table)
            }
        }
        if prune {
            diff.pruneTables(declared: declared, actual: actual)
        } else {
            diff.reportUnmanagedTables(declared: declared, actual: actual)
        }
        diff.coverage = Self.coverage(declared: declared, actual: actual)
        diff.changes = diff.changes.enumerated().sorted { lhs, rhs in
            let (left, right) = (DatabaseChangeKind(lhs.element.id)!, DatabaseChangeKind(rhs.element.id)!)
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)
        return diff
    }

    // MARK: - Tables

    private mutating func createTable(_ table: DesiredTable) {
        let config = table.config
        let after = TableSnapshot(schema: table.schema, name: table.name, columns: table.snapshot.columns)
        let id = record(
            .tableCreate, [table.schema, table.name], object: .table(schema: table.schema, table: table.name),
            description: "create the table \(table.schema).\(table.name) (\(config.columns.count) column\(config.columns.count == 1 ? "" : "s"))",
            before: .null, after: after.shapeJSON, sql: [SchemaSQL.createTable(config)], hazards: [], source: config.location
        )
        check("supabase.table.\(table.schema).\(table.name)", "table \(table.schema).\(table.name)", .fail,
              "the table \(table.schema).\(table.name) does not exist", id, config.location)
        for index in config.indexes { compareIndex(index, in: table, current: nil) }
        for constraint in config.constraints { compareConstraint(constraint, in: table, current: nil) }
        if config.rls == true { setRowLevelSecurity(table, enabled: true, tableExists: false) }
        if config.rlsForce == true { setForcedRowLevelSecurity(table, forced: true, tableExists: false) }
        for policy in config.rlsPolicies { comparePolicy(policy, in: table, current: nil, tableExists: false) }
        for grant in config.grants { compareGrant(grant, in: table, current: nil) }
        for trigger in config.triggers { compareTrigger(trigger, in: table, current: nil) }
    }

    private mutating func compareExisting(_ table: DesiredTable, _ current: TableSnapshot, prune: Bool) {
        let config = table.config
        // The texts every table of a plan has are concatenated, not interpolated
        // (`String(concatenating:)`).
        let qualified = table.qualifiedName
        check(String(concatenating: "supabase.table.", qualified), String(concatenating: "table ", qualified), .pass,
              String(concatenating: "the table ", qualified, " exists"), nil, config.location)
        for (column, desired) in zip(config.columns, table.snapshot.columns) {
            compareColumn(column, desired, in: table, current: current)
        }
        comparePrimaryKey(table, current)
        for index in config.indexes {
            compareIndex(index, in: table, current: current)
        }
        for constraint in config.constraints {
            compareConstraint(constraint, in: table, current: current)
        }
        if let rls = config.rls {
            if rls == current.rowLevelSecurity {
                check(String(concatenating: "supabase.rls.", qualified), String(concatenating: "row-level security on ", qualified), .pass,
                      String(concatenating: "row-level security on ", qualified, rls ? " is enabled" : " is disabled"), nil, config.location)
            } else {
                setRowLevelSecurity(table, enabled: rls, tableExists: true)
            }
        }
        if let forced = config.rlsForce {
            if forced == current.forcedRowLevelSecurity {
                check(String(concatenating: "supabase.rls_force.", qualified), String(concatenating: "forced row-level security on ", qualified), .pass,
                      String(concatenating: "row-level security on ", qualified, forced ? " is forced on the owner" : " is not forced on the owner"), nil,
                      config.location)
            } else {
                setForcedRowLevelSecurity(table, forced: forced, tableExists: true)
            }
        }
        for policy in config.rlsPolicies {
            comparePolicy(policy, in: table, current: current, tableExists: true)
        }
        for grant in config.grants {
            compareGrant(grant, in: table, current: current)
        }
        for trigger in config.triggers {
            compareTrigger(trigger, in: table, current: current)
        }
        let declaredPolicies = Set(config.rlsPolicies.map(\.name))
        guard prune else {
            for policy in current.policies where !declaredPolicies.contains(policy.name) {
                checks.append(.unmanaged(
                    .supabase, resource: "policy", name: [table.schema, table.name, ChangeID.slug(policy.name)].joined(separator: "."),
                    collection: "RLS policies", description: "the policy '\(policy.name)' on \(table.qualifiedName)"
                ))
            }
            return
        }
        for policy in current.policies where !declaredPolicies.contains(policy.name) {
            let id = record(
                .policyDrop, [table.schema, table.name, policy.name],
                object: .policy(schema: table.schema, table: table.name, name: policy.name),
                description: "drop the undeclared policy '\(policy.name)' on \(table.qualifiedName)",
                before: policy.json, after: .null,
                sql: [SchemaSQL.dropPolicy(schema: table.schema, table: table.name, name: policy.name)],
                hazards: [.accessExclusiveLock], source: config.location
            )
            check("supabase.policy.\(table.qualifiedName).\(policy.name)", "policy \(policy.name) on \(table.qualifiedName)",
                  .fail, "the policy '\(policy.name)' on \(table.qualifiedName) is not declared", id, config.location)
        }
        guard !config.columns.isEmpty else { return }
        let declaredColumns = Set(config.columns.map(\.name))
        for column in current.columns where !declaredColumns.contains(column.name) {
            let id = record(
                .columnDrop, [table.schema, table.name, column.name],
                object: .column(schema: table.schema, table: table.name, column: column.name),
                description: "drop the undeclared column \(table.qualifiedName).\(column.name) (\(column.type)) and its data",
                before: column.json, after: .null,
                sql: [SchemaSQL.dropColumn(schema: table.schema, table: table.name, column: column.name)],
                hazards: [.deletesData, .accessExclusiveLock], source: config.location
            )
            check("supabase.column.\(table.qualifiedName).\(column.name)", "column \(table.qualifiedName).\(column.name)",
                  .fail, "the column \(table.qualifiedName).\(column.name) is not declared", id, config.location)
        }
        pruneIndexesAndConstraints(table, current)
    }

    /// How many checks `compare` makes at most, give or take a few: one per declared object
    /// and per undeclared table, and for each existing table the policies (and with prune the
    /// columns, constraints and indexes) it may report as undeclared.
    private static func expectedCheckCount(
        tables: [SupabaseTable], actual: DatabaseSnapshot, actualTables: [QualifiedTableName: Int], declared: DeclaredTables, prune: Bool,
        enums: [SupabaseEnum], functions: [DesiredFunction]
    ) -> Int {
        var count = enums.count + functions.reduce(0) { $0 + 1 + $1.config.grants.count }
        for config in tables {
            count += 1 + config.columns.count + config.indexes.count + config.constraints.count + config.rlsPolicies.count
                + config.grants.count + config.triggers.count
            if config.columns.contains(where: \.primaryKey) { count += 1 }
            if config.rls != nil { count += 1 }
            if config.rlsForce != nil { count += 1 }
            guard let index = actualTables[QualifiedTableName(schema: config.schema, name: config.name)] else { continue }
            let current = actual.tables[index]
            count += current.policies.count
            if prune { count += max(0, current.columns.count - config.columns.count) + current.constraints.count + current.indexes.count }
        }
        return count + actual.tables.reduce(0) { $0 + (declared.isUserTable($1) && !declared.contains($1) ? 1 : 0) }
    }

    /// Without prune, undeclared tables of the declared schemas are reported, never dropped.
    private mutating func reportUnmanagedTables(declared: DeclaredTables, actual: DatabaseSnapshot) {
        for table in Self.undeclaredTables(declared: declared, actual: actual) {
            checks.append(.unmanaged(
                .supabase, resource: "table", name: "\(table.schema).\(ChangeID.slug(table.name))", collection: "tables",
                description: "the table \(table.schema).\(table.name) (\(table.ownership.rowEstimateText))"
            ))
        }
    }

    /// The tables that are the user's and plainly undeclared (`DeclaredTables.isUserTable`).
    /// Only these are reported as unmanaged, counted by coverage, and pruned.
    private static func undeclaredTables(declared: DeclaredTables, actual: DatabaseSnapshot) -> LazyFilterSequence<[TableSnapshot]> {
        actual.tables.lazy.filter { declared.isUserTable($0) && !declared.contains($0) }
    }

    /// The declared tables by name, with only what coverage needs of them: looking a table up
    /// copies nothing, where a list of the user's tables and a dictionary of whole declared
    /// tables held two copies of 10,000 tables at the connector's memory peak (docs/performance.md).
    private struct DeclaredTables {
        let schemas: Set<String>
        /// Each declared table's declared policy names; the first declaration of a table wins.
        let policyNames: [QualifiedTableName: [String]]

        init(_ tables: [SupabaseTable]) {
            schemas = Set(tables.map(\.schema))
            var policyNames: [QualifiedTableName: [String]] = [:]
            policyNames.reserveCapacity(tables.count)
            for table in tables where policyNames[QualifiedTableName(schema: table.schema, name: table.name)] == nil {
                policyNames[QualifiedTableName(schema: table.schema, name: table.name)] = table.rlsPolicies.map(\.name)
            }
            self.policyNames = policyNames
        }

        func contains(_ table: TableSnapshot) -> Bool {
            policyNames[QualifiedTableName(schema: table.schema, name: table.name)] != nil
        }

        /// A table of a declared schema that a user could own: a declared one, or another that
        /// is none of a partition (it goes with its parent), a table an extension owns, or a
        /// table of a schema Supabase manages.
        func isUserTable(_ table: TableSnapshot) -> Bool {
            guard schemas.contains(table.schema) else { return false }
            if contains(table) { return true }
            return table.ownership.partitionOf == nil && table.ownership.ownedByExtension == nil && !SupabaseManagedSchemas.contains(table.schema)
        }
    }

    private static func coverage(declared: DeclaredTables, actual: DatabaseSnapshot) -> [Coverage] {
        var tables = 0
        var managedTables = 0
        var policies = 0
        var managedPolicies = 0
        for table in actual.tables where declared.isUserTable(table) {
            tables += 1
            guard let names = declared.policyNames[QualifiedTableName(schema: table.schema, name: table.name)] else { continue }
            managedTables += 1
            policies += table.policies.count
            managedPolicies += table.policies.reduce(0) { count, policy in names.contains(policy.name) ? count + 1 : count }
        }
        return [
            Coverage(scope: .supabase, collection: "tables", managed: managedTables, total: tables),
            Coverage(scope: .supabase, collection: "RLS policies", managed: managedPolicies, total: policies),
        ]
    }

    /// Partitions are counted per parent once: counting them for each pruned table scanned
    /// every table again, which made pruning 10,000 tables quadratic.
    private mutating func pruneTables(declared: DeclaredTables, actual: DatabaseSnapshot) {
        var partitionCounts: [String: Int] = [:]
        for table in actual.tables {
            if let parent = table.ownership.partitionOf { partitionCounts[parent, default: 0] += 1 }
        }
        for table in Self.undeclaredTables(declared: declared, actual: actual) {
            let partitions = partitionCounts["\(table.schema).\(table.name)"] ?? 0
            let partitionText = partitions == 0 ? "" : " with its \(partitions) partition\(partitions == 1 ? "" : "s")"
            let id = record(
                .tableDrop, [table.schema, table.name], object: .tableDefinition(schema: table.schema, table: table.name),
                description: "drop the undeclared table \(table.schema).\(table.name)\(partitionText) and all its rows (\(table.ownership.rowEstimateText))",
                before: table.json, after: .null, sql: [SchemaSQL.dropTable(schema: table.schema, table: table.name)],
                hazards: [.deletesData, .accessExclusiveLock], source: nil
            )
            check("supabase.table.\(table.schema).\(table.name)", "table \(table.schema).\(table.name)", .fail,
                  "the table \(table.schema).\(table.name) is not declared", id, nil)
        }
    }

    // MARK: - Columns

    private mutating func compareColumn(_ column: SupabaseColumn, _ desired: ColumnSnapshot, in table: DesiredTable, current: TableSnapshot) {
        let (schema, name) = (table.schema, table.name)
        let checkID = String(concatenating: "supabase.column.", table.qualifiedName, ".", column.name)
        let checkName = String(concatenating: "column ", table.qualifiedName, ".", column.name)
        guard let existing = current.column(named: column.name) else {
            let object = DatabaseObject.column(schema: schema, table: name, column: column.name)
            let addsPrimaryKey = column.primaryKey && current.primaryKey.isEmpty
            var after = desired
            after.primaryKey = addsPrimaryKey
            let id = record(
                .columnAdd, [schema, name, column.name], object: object,
                description: "add the column \(column.name) \(desired.type)\(desired.nullable ? "" : " not null") to \(table.qualifiedName)",
                before: .null, after: after.json,
                sql: [SchemaSQL.addColumn(schema: schema, table: name, column: column, primaryKey: addsPrimaryKey)],
                hazards: [.accessExclusiveLock], source: column.location ?? table.config.location
            )
            check(checkID, checkName, .fail, "the column \(table.qualifiedName).\(column.name) does not exist", id, column.location)
            return
        }
        // PostgreSQL 15 cannot alter a generation expression, nor make an existing column
        // generated; dropping and re-adding the column would also drop the indexes and
        // policies built on it. So a generated column that differs is reported, not changed.
        if existing.generated != desired.generated {
            checks.append(Check(
                id: checkID, scope: .supabase, name: checkName, status: .fail,
                message: "the column \(table.qualifiedName).\(column.name) is \(Self.generation(existing.generated)), not \(Self.generation(desired.generated))",
                suggestedAction: "change the generated column with a hand-written migration (drop and re-add it with what depends on it)",
                source: column.location ?? table.config.location
            ))
            return
        }
        let ownsDefault = !table.columnsWithImplicitDefault.contains(column.name)
        let typeDiffers = existing.type != desired.type
        let nullabilityDiffers = existing.nullable != desired.nullable && !existing.primaryKey
        let defaultDiffers = ownsDefault && existing.defaultExpression != desired.defaultExpression
        let identityDiffers = existing.identity != desired.identity
        guard typeDiffers || nullabilityDiffers || defaultDiffers || identityDiffers else {
            check(checkID, checkName, .pass, String(concatenating: "the column ", table.qualifiedName, ".", column.name, " matches"), nil, column.location)
            return
        }
        var after = existing
        var differences: [String] = []
        if typeDiffers {
            after.type = desired.type
            differences.append("type \(existing.type) → \(desired.type)")
        }
        if nullabilityDiffers {
            after.nullable = desired.nullable
            differences.append(desired.nullable ? "nullable" : "not null")
        }
        var defaultChange: SchemaSQL.DefaultChange?
        if defaultDiffers {
            after.defaultExpression = desired.defaultExpression
            defaultChange = column.defaultExpression.map { .set($0) } ?? .drop
            differences.append("default \(DisplayText.oneLine(existing.defaultExpression ?? "(none)")) → \(DisplayText.oneLine(desired.defaultExpression ?? "(none)"))")
        }
        var identityChange: SchemaSQL.IdentityChange?
        if identityDiffers {
            after.identity = desired.identity
            switch (existing.identity, column.identity) {
            case (nil, let identity?): identityChange = .add(identity)
            case (_?, let identity?): identityChange = .set(identity)
            case (_, nil): identityChange = .drop
            }
            differences.append("identity \(existing.identity ?? "(none)") → \(desired.identity ?? "(none)")")
        }
        let sql = SchemaSQL.alterColumn(
            schema: schema, table: name, column: column.name,
            type: typeDiffers ? column.type : nil, nullable: nullabilityDiffers ? desired.nullable : nil, defaultChange: defaultChange,
            identityChange: identityChange
        )
        let id = record(
            .columnAlter, [schema, name, column.name], object: DatabaseObject.column(schema: schema, table: name, column: column.name),
            description: "alter the column \(table.qualifiedName).\(column.name): \(differences.joined(separator: ", "))",
            before: existing.json, after: after.json, sql: [sql], hazards: [.accessExclusiveLock],
            source: column.location ?? table.config.location
        )
        check(checkID, checkName, .fail, "the column \(table.qualifiedName).\(column.name) differs: \(differences.joined(separator: ", "))", id, column.location)
    }

    private static func generation(_ expression: String?) -> String {
        expression.map { "generated always as (\(DisplayText.oneLine($0))) stored" } ?? "not generated"
    }

    /// A primary key that differs on an existing table is reported, not changed: moving a
    /// primary key breaks foreign keys and is a migration to write by hand.
    private mutating func comparePrimaryKey(_ table: DesiredTable, _ current: TableSnapshot) {
        let declared = table.config.columns.filter(\.primaryKey).map(\.name)
        guard !declared.isEmpty else { return }
        // A key's few names and a table's columns are compared by scanning: sets of them,
        // every name hashed, cost more than the rest of the table's comparison
        // (docs/performance.md).
        let primaryKey = current.primaryKey
        // Columns still to be added get their key through `column.add` when the table has none.
        let allExist = declared.allSatisfy { name in current.columns.contains { $0.name == name } }
        guard allExist || !primaryKey.isEmpty else { return }
        let id = String(concatenating: "supabase.primary_key.", table.qualifiedName)
        if primaryKey.allSatisfy(declared.contains) && declared.allSatisfy(primaryKey.contains) {
            check(id, String(concatenating: "primary key of ", table.qualifiedName), .pass,
                  String(concatenating: "the primary key of ", table.qualifiedName, " matches"), nil, table.config.location)
        } else {
            checks.append(Check(
                id: id, scope: .supabase, name: "primary key of \(table.qualifiedName)", status: .fail,
                message: "the primary key of \(table.qualifiedName) is (\(primaryKey.joined(separator: ", "))), not (\(declared.joined(separator: ", ")))",
                suggestedAction: "change the primary key with a hand-written migration", source: table.config.location
            ))
        }
    }

    // MARK: - Grants

    /// The role's privileges on the table, exactly as declared: missing ones granted, extra
    /// ones revoked, in one change per role.
    private mutating func compareGrant(_ grant: SupabaseGrant, in table: DesiredTable, current: TableSnapshot?) {
        let (schema, name) = (table.schema, table.name)
        let checkID = "supabase.grant.\(table.qualifiedName).\(grant.role)"
        let checkName = "privileges of \(grant.role) on \(table.qualifiedName)"
        let source = grant.location ?? table.config.location
        let desired = grant.privileges.map(\.rawValue).sorted()
        let existing = current?.grants[grant.role] ?? []
        if desired == existing {
            check(checkID, checkName, .pass, "\(grant.role) holds exactly \(Self.privilegeList(desired)) on \(table.qualifiedName)", nil, source)
            return
        }
        let missing = desired.filter { !existing.contains($0) }
        let extra = existing.filter { !desired.contains($0) }
        var statements: [String] = []
        if !missing.isEmpty { statements.append(SchemaSQL.grant(missing, schema: schema, table: name, role: grant.role)) }
        if !extra.isEmpty { statements.append(SchemaSQL.revoke(extra, schema: schema, table: name, role: grant.role)) }
        var words: [String] = []
        if !missing.isEmpty { words.append("grant \(missing.joined(separator: ", "))") }
        if !extra.isEmpty { words.append("revoke \(extra.joined(separator: ", "))") }
        let id = record(
            .grantUpdate, [schema, name, grant.role], object: .grants(schema: schema, table: name, role: grant.role),
            description: "\(words.joined(separator: " and ")) on \(table.qualifiedName) \(missing.isEmpty ? "from" : "to") \(grant.role)",
            before: DatabaseObject.grantsJSON(schema: schema, table: name, role: grant.role, privileges: existing),
            after: DatabaseObject.grantsJSON(schema: schema, table: name, role: grant.role, privileges: desired),
            sql: statements, hazards: [], source: source
        )
        check(checkID, checkName, .fail,
              "\(grant.role) holds \(Self.privilegeList(existing)) on \(table.qualifiedName), not \(Self.privilegeList(desired))", id, source)
    }

    private static func privilegeList(_ privileges: [String]) -> String {
        privileges.isEmpty ? "no privileges" : privileges.joined(separator: ", ")
    }

    // MARK: - Enum types

    /// A missing type is created; labels the file adds are added in place (safe: nothing that
    /// exists changes). A label that is gone, renamed or moved is a failing check: PostgreSQL
    /// cannot drop an enum label, and recreating the type means rewriting every column of it.
    private mutating func compareEnum(_ type: SupabaseEnum, current: EnumSnapshot?) {
        let qualified = "\(type.schema).\(type.name)"
        let checkID = "supabase.enum.\(qualified)"
        let checkName = "enum \(qualified)"
        let desired = EnumSnapshot(schema: type.schema, name: type.name, values: type.values)
        let object = DatabaseObject.enumType(schema: type.schema, name: type.name)
        guard let current else {
            let id = record(
                .enumCreate, [type.schema, type.name], object: object,
                description: "create the enum type \(qualified) (\(type.values.joined(separator: ", ")))",
                before: .null, after: desired.json, sql: [SchemaSQL.createEnum(type)], hazards: [], source: type.location
            )
            check(checkID, checkName, .fail, "the enum type \(qualified) does not exist", id, type.location)
            return
        }
        if current.values == type.values {
            check(checkID, checkName, .pass, "the enum type \(qualified) matches", nil, type.location)
            return
        }
        let existing = Set(current.values)
        let keptInOrder = type.values.filter { existing.contains($0) }
        guard keptInOrder == current.values else {
            let missing = current.values.filter { !type.values.contains($0) }
            checks.append(Check(
                id: checkID, scope: .supabase, name: checkName, status: .fail,
                message: missing.isEmpty
                    ? "the enum type \(qualified) has its values in another order: \(current.values.joined(separator: ", ")), not \(type.values.joined(separator: ", "))"
                    : "the enum type \(qualified) has values the file removes or renames: \(missing.joined(separator: ", "))",
                suggestedAction: "remove or rename enum values with a hand-written migration (recreate the type and convert its columns)",
                source: type.location
            ))
            return
        }
        var statements: [String] = []
        for (index, label) in type.values.enumerated() where !existing.contains(label) {
            let placement: SchemaSQL.EnumValuePlacement = index > 0
                ? .after(type.values[index - 1])
                : .before(keptInOrder.first ?? label)
            statements.append(SchemaSQL.addEnumValue(schema: type.schema, name: type.name, value: label, placement: placement))
        }
        let added = type.values.filter { !existing.contains($0) }
        let id = record(
            .enumAddValue, [type.schema, type.name], object: object,
            description: "add \(added.joined(separator: ", ")) to the enum type \(qualified)",
            before: current.json, after: desired.json, sql: statements, hazards: [], source: type.location
        )
        check(checkID, checkName, .fail, "the enum type \(qualified) lacks \(added.joined(separator: ", "))", id, type.location)
    }

    // MARK: - Constraints

    /// A missing constraint is added, a different one dropped and added again in one step;
    /// on an existing table both read every row (foreign keys and checks) or build an index
    /// (unique), under a lock.
    private mutating func compareConstraint(_ constraint: SupabaseConstraint, in table: DesiredTable, current: TableSnapshot?) {
        let (schema, name) = (table.schema, table.name)
        let checkID = "supabase.constraint.\(table.qualifiedName).\(constraint.name)"
        let checkName = "constraint \(constraint.name) on \(table.qualifiedName)"
        let source = constraint.location ?? table.config.location
        if let problem = table.constraintProblems[constraint.name] {
            checks.append(Check(
                id: checkID, scope: .supabase, name: checkName, status: .error,
                message: "the server refused the declared constraint '\(constraint.name)' on \(table.qualifiedName): \(problem)",
                suggestedAction: "fix the constraint in desired-state.yaml", source: source
            ))
            return
        }
        guard let desired = table.snapshot.constraint(named: constraint.name) else { return }
        let object = DatabaseObject.constraint(schema: schema, table: name, name: constraint.name)
        let add = SchemaSQL.addConstraint(schema: schema, table: name, constraint: constraint)
        var hazards: [DatabaseHazard] = []
        if current != nil {
            hazards = desired.kind == .unique ? [.indexBuild, .accessExclusiveLock] : [.validatesExistingRows, .accessExclusiveLock]
        }
        let shown = DisplayText.oneLine(desired.definition)
        guard let existing = current?.constraint(named: constraint.name) else {
            let id = record(
                .constraintCreate, [schema, name, constraint.name], object: object,
                description: "add the \(desired.kind.rawValue) constraint \(constraint.name) to \(table.qualifiedName): \(shown)",
                before: .null, after: desired.json, sql: [add], hazards: hazards, source: source
            )
            check(checkID, checkName, .fail, "the constraint \(constraint.name) on \(table.qualifiedName) does not exist", id, source)
            return
        }
        if existing.matches(desired) {
            check(checkID, checkName, .pass, "the constraint \(constraint.name) on \(table.qualifiedName) matches", nil, source)
            return
        }
        let difference = "\(DisplayText.oneLine(existing.definition)) → \(shown)"
        let id = record(
            .constraintReplace, [schema, name, constraint.name], object: object,
            description: "replace the constraint \(constraint.name) on \(table.qualifiedName): \(difference)",
            before: existing.json, after: desired.json,
            sql: [SchemaSQL.dropConstraint(schema: schema, table: name, name: constraint.name), add], hazards: hazards, source: source
        )
        check(checkID, checkName, .fail, "the constraint \(constraint.name) on \(table.qualifiedName) differs: \(difference)", id, source)
    }

    private mutating func setRowLevelSecurity(_ table: DesiredTable, enabled: Bool, tableExists: Bool) {
        let (schema, name) = (table.schema, table.name)
        let id = record(
            enabled ? .rlsEnable : .rlsDisable, [schema, name], object: .rowLevelSecurity(schema: schema, table: name),
            description: "\(enabled ? "enable" : "disable") row-level security on \(table.qualifiedName)",
            before: DatabaseObject.rowLevelSecurityJSON(schema: schema, table: name, enabled: !enabled),
            after: DatabaseObject.rowLevelSecurityJSON(schema: schema, table: name, enabled: enabled),
            sql: [SchemaSQL.setRowLevelSecurity(schema: schema, table: name, enabled: enabled)],
            hazards: tableExists ? [.accessExclusiveLock] : [], source: table.config.location
        )
        check("supabase.rls.\(table.qualifiedName)", "row-level security on \(table.qualifiedName)", .fail,
              "row-level security on \(table.qualifiedName) is \(enabled ? "disabled" : "enabled")", id, table.config.location)
    }

    /// `force row level security` makes the owner (the role migrations and many server-side
    /// functions run as) subject to the policies too; turning it off is critical like
    /// disabling row-level security.
    private mutating func setForcedRowLevelSecurity(_ table: DesiredTable, forced: Bool, tableExists: Bool) {
        let (schema, name) = (table.schema, table.name)
        let id = record(
            forced ? .rlsForce : .rlsNoForce, [schema, name], object: .forcedRowLevelSecurity(schema: schema, table: name),
            description: "\(forced ? "force" : "stop forcing") row-level security on the owner of \(table.qualifiedName)",
            before: DatabaseObject.forcedRowLevelSecurityJSON(schema: schema, table: name, forced: !forced),
            after: DatabaseObject.forcedRowLevelSecurityJSON(schema: schema, table: name, forced: forced),
            sql: [SchemaSQL.setForcedRowLevelSecurity(schema: schema, table: name, forced: forced)],
            hazards: tableExists ? [.accessExclusiveLock] : [], source: table.config.location
        )
        check("supabase.rls_force.\(table.qualifiedName)", "forced row-level security on \(table.qualifiedName)", .fail,
              "row-level security on \(table.qualifiedName) is \(forced ? "not " : "")forced on the owner", id, table.config.location)
    }

    // MARK: - Policies

    private mutating func comparePolicy(_ policy: RLSPolicy, in table: DesiredTable, current: TableSnapshot?, tableExists: Bool) {
        let (schema, name) = (table.schema, table.name)
        let checkID = "supabase.policy.\(table.qualifiedName).\(policy.name)"
        let checkName = "policy \(policy.name) on \(table.qualifiedName)"
        let source = policy.location ?? table.config.location
        if let problem = table.policyProblems[policy.name] {
            checks.append(Check(
                id: checkID, scope: .supabase, name: checkName, status: .error,
                message: "the server refused the declared policy '\(policy.name)' on \(table.qualifiedName): \(problem)",
                suggestedAction: "fix the policy's expressions in desired-state.yaml", source: source
            ))
            return
        }
        guard let desired = table.snapshot.policy(named: policy.name) else { return }
        let object = DatabaseObject.policy(schema: schema, table: name, name: policy.name)
        let hazards: [DatabaseHazard] = tableExists ? [.accessExclusiveLock] : []
        let create = SchemaSQL.createPolicy(schema: schema, table: name, policy: policy)
        guard let existing = current?.policy(named: policy.name) else {
            let id = record(
                .policyCreate, [schema, name, policy.name], object: object,
                description: "create the policy '\(policy.name)' on \(table.qualifiedName) (\(desired.command) to \(desired.roles.joined(separator: ", ")))",
                before: .null, after: desired.json, sql: [create], hazards: hazards, source: source
            )
            check(checkID, checkName, .fail, "the policy '\(policy.name)' on \(table.qualifiedName) does not exist", id, source)
            return
        }
        let differences = desired.differences(from: existing)
        guard !differences.isEmpty else {
            check(checkID, checkName, .pass, "the policy '\(policy.name)' on \(table.qualifiedName) matches", nil, source)
            return
        }
        // Drop and create rather than ALTER POLICY: ALTER cannot change the command or
        // permissiveness, and both statements share the migration's transaction.
        let id = record(
            .policyReplace, [schema, name, policy.name], object: object,
            description: "replace the policy '\(policy.name)' on \(table.qualifiedName): \(differences.joined(separator: "; "))",
            before: existing.json, after: desired.json,
            sql: [SchemaSQL.dropPolicy(schema: schema, table: name, name: policy.name), create], hazards: hazards, source: source
        )
        check(checkID, checkName, .fail, "the policy '\(policy.name)' on \(table.qualifiedName) differs: \(differences.joined(separator: "; "))", id, source)
    }

    // MARK: - Building blocks

    /// Adds a change whose `observed` is the fingerprint of `before`, the object as read.
    @discardableResult
    mutating func record(
        _ kind: DatabaseChangeKind, _ nameParts: [String], object: DatabaseObject, description: String,
        before: JSONValue, after: JSONValue, sql: [String], concurrentSQL: [String]? = nil, hazards: [DatabaseHazard],
        source: SourceLocation?
    ) -> ChangeID {
        let id = kind.id(nameParts)
        changes.append(Change(
            id: id,
            description: description,
            risk: kind.risk,
            hazards: hazards,
            before: before,
            after: after,
            observed: PlanDigest.of(before),
            payload: DatabaseChange(kind: kind, object: object, statements: sql, concurrentStatements: concurrentSQL).payload,
            source: source
        ))
        return id
    }

    mutating func check(
        _ id: String, _ name: String, _ status: CheckStatus, _ message: String, _ changeID: ChangeID?, _ source: SourceLocation?
    ) {
        checks.append(Check(id: id, scope: .supabase, name: name, status: status, message: message, changeID: changeID, source: source))
    }
}
