import OpsCore

/// Indexes declared with their whole shape, and what prune may drop besides tables, columns
/// and policies: undeclared indexes and constraints.
extension SchemaDiff {
    /// Missing → create; another shape → drop and create exactly the declared one; an index
    /// left INVALID by a failed concurrent build → rebuild. An index with something the file
    /// cannot declare (`IndexSnapshot.inexpressible`) or that implements a constraint is a
    /// failing check, never rebuilt: the rebuild would silently lose what it was built for.
    mutating func compareIndex(_ index: SupabaseIndex, in table: DesiredTable, current: TableSnapshot?) {
        let (schema, name) = (table.schema, table.name)
        let checkID = "supabase.index.\(schema).\(index.name)"
        let checkName = "index \(schema).\(index.name)"
        let source = index.location ?? table.config.location
        if let problem = table.indexProblems[index.name] {
            checks.append(Check(
                id: checkID, scope: .supabase, name: checkName, status: .error,
                message: "the server refused the declared index '\(index.name)' on \(table.qualifiedName): \(problem)",
                suggestedAction: "fix the index in desired-state.yaml", source: source
            ))
            return
        }
        guard let desired = table.snapshot.indexes.first(where: { $0.name == index.name }) else { return }
        let object = DatabaseObject.index(schema: schema, name: index.name)
        let create = SchemaSQL.createIndex(schema: schema, table: name, index: index)
        let createConcurrently = SchemaSQL.createIndex(schema: schema, table: name, index: index, concurrently: true)
        guard let current, let existing = current.indexes.first(where: { $0.name == index.name }) else {
            let tableExists = current != nil
            let id = record(
                .indexCreate, [schema, index.name], object: object,
                description: "create the index \(index.name) on \(table.qualifiedName): \(desired.shape)",
                before: .null, after: desired.json, sql: [create], concurrentSQL: tableExists ? [createConcurrently] : nil,
                hazards: tableExists ? [.indexBuild] : [], source: source
            )
            check(checkID, checkName, .fail, "the index \(schema).\(index.name) does not exist", id, source)
            return
        }
        if !existing.inexpressible.isEmpty || existing.constraint != nil {
            let reason = existing.constraint.map { "implements the constraint \($0)" }
                ?? "has \(existing.inexpressible.joined(separator: ", ")), which desired-state.yaml cannot declare"
            checks.append(Check(
                id: checkID, scope: .supabase, name: checkName, status: .fail,
                message: "the index \(schema).\(index.name) (\(DisplayText.oneLine(existing.definition))) \(reason); it is not rebuilt",
                suggestedAction: existing.constraint != nil
                    ? "declare it under constraints instead of indexes"
                    : "remove the index from desired-state.yaml and manage it in a hand-written migration",
                source: source
            ))
            return
        }
        if existing.valid, existing.matches(desired) {
            check(checkID, checkName, .pass, "the index \(schema).\(index.name) matches", nil, source)
            return
        }
        let difference = existing.valid
            ? "\(existing.shape) → \(desired.shape)"
            : "it is INVALID (a concurrent build failed or was cancelled); rebuild it as \(desired.shape)"
        let id = record(
            .indexReplace, [schema, index.name], object: object,
            description: "replace the index \(index.name) on \(table.qualifiedName): \(difference)",
            before: existing.json, after: desired.json,
            sql: [SchemaSQL.dropIndex(schema: schema, name: index.name), create],
            concurrentSQL: [SchemaSQL.dropIndex(schema: schema, name: index.name, concurrently: true), createConcurrently],
            hazards: [.indexBuild, .accessExclusiveLock], source: source
        )
        check(checkID, checkName, .fail, "the index \(schema).\(index.name) differs: \(difference)", id, source)
    }

    /// With prune, on a table that declares its columns (so the entry describes the whole
    /// table): undeclared indexes and constraints are dropped. Never an index that implements
    /// a constraint (it goes with the constraint), a partition's index (it goes with its
    /// parent's), or anything of a table of Supabase's own schemas, a partition or a table an
    /// extension owns.
    mutating func pruneIndexesAndConstraints(_ table: DesiredTable, _ current: TableSnapshot) {
        let (schema, name) = (table.schema, table.name)
        guard !table.config.columns.isEmpty, !SupabaseManagedSchemas.contains(schema),
            current.ownership.partitionOf == nil, current.ownership.ownedByExtension == nil
        else { return }
        let declaredConstraints = Set(table.config.constraints.map(\.name))
        for constraint in current.constraints where !declaredConstraints.contains(constraint.name) {
            let id = record(
                .constraintDrop, [schema, name, constraint.name],
                object: .constraint(schema: schema, table: name, name: constraint.name),
                description: "drop the undeclared \(constraint.kind.rawValue) constraint \(constraint.name) on \(table.qualifiedName): \(DisplayText.oneLine(constraint.definition))",
                before: constraint.json, after: .null,
                sql: [SchemaSQL.dropConstraint(schema: schema, table: name, name: constraint.name)],
                hazards: [.accessExclusiveLock], source: table.config.location
            )
            check("supabase.constraint.\(table.qualifiedName).\(constraint.name)", "constraint \(constraint.name) on \(table.qualifiedName)", .fail,
                  "the constraint \(constraint.name) on \(table.qualifiedName) is not declared", id, table.config.location)
        }
        let declaredIndexes = Set(table.config.indexes.map(\.name))
        for index in current.indexes where !declaredIndexes.contains(index.name) && index.constraint == nil && !index.partitionChild {
            let id = record(
                .indexDrop, [schema, index.name], object: .index(schema: schema, name: index.name),
                description: "drop the undeclared index \(index.name) on \(table.qualifiedName): \(index.shape)",
                before: index.json, after: .null, sql: [SchemaSQL.dropIndex(schema: schema, name: index.name)],
                hazards: [.accessExclusiveLock], source: table.config.location
            )
            check("supabase.index.\(schema).\(index.name)", "index \(schema).\(index.name)", .fail,
                  "the index \(schema).\(index.name) on \(table.qualifiedName) is not declared", id, table.config.location)
        }
    }
}
