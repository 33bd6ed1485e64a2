enum SupabaseDecoder {
    static func decode(_ value: ConfigValue) -> SupabaseConfig? {
        value.mapping { supabase in
            let tablesValue = supabase["tables"]
            var tableNames = DuplicateTracker<QualifiedTableName>(expecting: tablesValue?.itemCount ?? 0)
            // PostgreSQL index names share one namespace per schema, not per table.
            var indexNames = DuplicateTracker<QualifiedTableName>(expecting: tablesValue?.itemCount ?? 0)
            let tables = tablesValue?.list { entry in
                table(entry, tableNames: &tableNames, indexNames: &indexNames)
            }
            var enumNames = DuplicateTracker<String>()
            let enums = supabase["enums"]?.list { enumType($0, names: &enumNames) }
            var functionNames = DuplicateTracker<String>()
            let functions = supabase["functions"]?.list { function($0, names: &functionNames) }
            return SupabaseConfig(
                prune: supabase["prune"]?.bool() ?? false,
                tables: tables ?? [],
                enums: enums ?? [],
                functions: functions ?? [],
                storage: supabase["storage"].flatMap(storage)
            )
        }
    }

    private static func table(
        _ entry: ConfigValue,
        tableNames: inout DuplicateTracker<QualifiedTableName>,
        indexNames: inout DuplicateTracker<QualifiedTableName>
    ) -> SupabaseTable? {
        entry.mapping { table in
            let nameValue = table.required("name", hint: "add 'name: profiles' or 'name: schema.table'")
            let schemaValue = table["schema"]
            let (schema, name) = qualifiedName(nameValue: nameValue, schemaValue: schemaValue)
            if let name, let nameValue {
                tableNames.check(QualifiedTableName(schema: schema, name: name), at: nameValue, what: "the table '\(schema).\(name)'")
            }

            let columnsValue = table["columns"]
            var columnNames = DuplicateTracker<String>(expecting: columnsValue?.itemCount ?? 0)
            let columns = columnsValue?.list { column($0, names: &columnNames) } ?? []
            var policyNames = DuplicateTracker<String>()
            let indexesValue = table["indexes"]
            let constraintsValue = table["constraints"]
            // Listed only for the indexes and constraints that name columns.
            let declaredColumns = indexesValue == nil && constraintsValue == nil ? [] : columns.map(\.name)
            let indexes = indexesValue?.list { entry in
                index(entry, schema: schema, declaredColumns: declaredColumns, names: &indexNames)
            } ?? []
            var constraintNames = DuplicateTracker<String>()
            let constraints = constraintsValue?.list { entry in
                constraint(entry, schema: schema, declaredColumns: declaredColumns, names: &constraintNames)
            } ?? []
            var grantRoles = DuplicateTracker<String>()
            let grants = table["grants"]?.list { grant($0, roles: &grantRoles) } ?? []
            var triggerNames = DuplicateTracker<String>()
            let triggers = table["triggers"]?.list { trigger($0, names: &triggerNames) } ?? []
            let rls = table["rls"]?.bool()
            let rlsForce = table["rlsForce"]?.bool()
            let policiesValue = table["rlsPolicies"]
            let policies = policiesValue?.list { policy($0, names: &policyNames) } ?? []
            if let policiesValue, !policies.isEmpty, rls != true {
                policiesValue.warning(
                    "\(table.path) declares RLS policies, but they have no effect unless row-level security is on",
                    hint: "add 'rls: true' to the table"
                )
            }
            guard let name else { return nil }
            var declared = SupabaseTable(
                schema: schema, name: name, columns: columns, indexes: indexes,
                rls: rls, rlsForce: rlsForce, rlsPolicies: policies, constraints: constraints, location: table.location
            )
            declared.grants = grants
            declared.triggers = triggers
            return declared
        }
    }

    /// A table is named `table` with an optional `schema:`, or `schema.table`; not both ways at once.
    private static func qualifiedName(nameValue: ConfigValue?, schemaValue: ConfigValue?) -> (schema: String, name: String?) {
        let explicitSchema = schemaValue?.formatted(NameFormat.postgresIdentifier)
        guard let nameValue, let text = nameValue.nonEmptyString() else {
            return (explicitSchema ?? SupabaseTable.defaultSchema, nil)
        }
        // Most tables are named without their schema: split only a name that has a dot.
        let parts = text.utf8.contains(UInt8(ascii: ".")) ? text.split(separator: ".", omittingEmptySubsequences: false).map(String.init) : [text]
        guard parts.count <= 2 else {
            nameValue.error("\(nameValue.path) must be 'table' or 'schema.table', found '\(text)'",
                            hint: "name the table as profiles or public.profiles")
            return (explicitSchema ?? SupabaseTable.defaultSchema, nil)
        }
        if parts.count == 2, let explicitSchema, let schemaValue, explicitSchema != parts[0] {
            schemaValue.error(
                "\(schemaValue.path) says '\(explicitSchema)' but the table name '\(text)' says '\(parts[0])'",
                hint: "name the schema in one place only"
            )
            return (explicitSchema, nil)
        }
        let schema = parts.count == 2 ? parts[0] : (explicitSchema ?? SupabaseTable.defaultSchema)
        for part in parts {
            if let problem = NameFormat.postgresIdentifier(part) {
                nameValue.error("\(nameValue.path) \(problem.reason)", hint: problem.hint)
                return (schema, nil)
            }
        }
        return (schema, parts[parts.count - 1])
    }

    private static func column(_ entry: ConfigValue, names: inout DuplicateTracker<String>) -> SupabaseColumn? {
        entry.mapping { column in
            let nameValue = column.required("name")
            let name = nameValue?.formatted(NameFormat.postgresIdentifier)
            if let name, let nameValue { names.check(name, at: nameValue, what: "the column '\(name)'") }
            let type = column.required("type", hint: "add a PostgreSQL type such as 'type: text'")?.nonEmptyString()
            let primaryKey = column["primaryKey"]?.bool() ?? false
            let nullableValue = column["nullable"]
            let nullable = nullableValue?.bool()
            if primaryKey, nullable == true, let nullableValue {
                nullableValue.error(
                    "\(nullableValue.path) cannot be true for a primary key column",
                    hint: "remove 'nullable: true'; PostgreSQL makes primary keys NOT NULL"
                )
            }
            let defaultValue = column["default"]
            let defaultExpression = defaultValue.flatMap(sqlExpression)
            let generatedValue = column["generated"]
            let generated = generatedValue.flatMap(sqlExpression)
            let identityValue = column["identity"]
            let identity = identityValue.flatMap { $0.oneOf(SupabaseColumnIdentity.self) }
            // PostgreSQL gives a column at most one of a default, a generation expression
            // and an identity; saying which two clash points at the line to fix. Listed only
            // when two are there: most columns have one or none.
            let sourceCount = (defaultValue == nil ? 0 : 1) + (generatedValue == nil ? 0 : 1) + (identityValue == nil ? 0 : 1)
            let valueSources = sourceCount < 2 ? [] : [("default", defaultValue), ("generated", generatedValue), ("identity", identityValue)]
                .compactMap { key, value in value.map { (key, $0) } }
            if valueSources.count > 1, let value = valueSources.last?.1 {
                value.error(
                    "\(value.path) cannot be combined with '\(valueSources[0].0)': a column takes its values from one of default, generated and identity",
                    hint: "keep one of '\(valueSources.map(\.0).joined(separator: "' and '"))'"
                )
            }
            if identity != nil, nullable == true, let nullableValue {
                nullableValue.error(
                    "\(nullableValue.path) cannot be true for an identity column",
                    hint: "remove 'nullable: true'; PostgreSQL makes identity columns NOT NULL"
                )
            }
            guard let name, let type else { return nil }
            return SupabaseColumn(
                name: name, type: type, nullable: nullable ?? !(primaryKey || identity != nil), primaryKey: primaryKey,
                defaultExpression: defaultExpression, generated: generated, identity: identity, location: column.location
            )
        }
    }

    /// A default may be any scalar: `now()`, `0` and `false` are all SQL as written.
    private static func sqlExpression(_ value: ConfigValue) -> String? {
        guard let text = value.text else {
            value.typeMismatch(expected: "a SQL expression", hint: "quote it, as in default: \"now()\"")
            return nil
        }
        return text
    }

    private static func index(
        _ entry: ConfigValue,
        schema: String,
        declaredColumns: [String],
        names: inout DuplicateTracker<QualifiedTableName>
    ) -> SupabaseIndex? {
        entry.mapping { index in
            let nameValue = index.required("name")
            let name = nameValue?.formatted(NameFormat.postgresIdentifier)
            if let name, let nameValue {
                names.check(QualifiedTableName(schema: schema, name: name), at: nameValue, what: "the index '\(name)'",
                            hint: "index names must be unique within a schema; rename one of them")
            }
            let method = index["using"].map { $0.oneOf(SupabaseIndex.Method.self) } ?? .btree
            func declaredColumn(_ column: ConfigValue) -> String? {
                guard let name = column.formatted(NameFormat.postgresIdentifier) else { return nil }
                if !declaredColumns.isEmpty, !declaredColumns.contains(name) {
                    let hint = closestMatch(to: name, in: declaredColumns).map { "did you mean '\($0)'?" }
                    column.error("\(column.path) names '\(name)', which is not a column of this table",
                                 hint: hint ?? "declare it under columns, or use one of: \(declaredColumns.joined(separator: ", "))")
                    return nil
                }
                return name
            }
            let columnsValue = index.required("columns", hint: "add 'columns: [column_name]'")
            let keys = columnsValue?.list { key -> SupabaseIndex.Key? in
                indexKey(key, method: method ?? .btree, declaredColumn: declaredColumn)
            }
            if let columnsValue, columnsValue.isEmptyList {
                columnsValue.error("\(columnsValue.path) must name at least one column", hint: "add the indexed columns, as in [email]")
            }
            let uniqueValue = index["unique"]
            let unique = uniqueValue?.bool() ?? false
            if unique, let method, method != .btree, let uniqueValue {
                uniqueValue.error("\(uniqueValue.path) cannot be true for a \(method.rawValue) index: only btree indexes can be unique",
                                  hint: "remove 'unique: true' or use btree")
            }
            let predicate = index["where"].flatMap(sqlExpression)
            let include = index["include"]?.list(declaredColumn) ?? []
            guard let name, let keys, !keys.isEmpty, let method else { return nil }
            return SupabaseIndex(
                name: name, keys: keys, unique: unique, method: method, predicate: predicate, include: include, location: index.location
            )
        }
    }

    /// A column name, or `{column: name, order: desc, opclass: name}`, or
    /// `{expression: "lower(email)", order: desc}`.
    private static func indexKey(
        _ value: ConfigValue, method: SupabaseIndex.Method, declaredColumn: (ConfigValue) -> String?
    ) -> SupabaseIndex.Key? {
        guard value.node.isMapping else { return declaredColumn(value).map { SupabaseIndex.Key(.column($0)) } }
        return value.mapping { key in
            let forms = ["column", "expression"].filter { key[$0] != nil }
            guard forms.count == 1 else {
                value.error(
                    forms.isEmpty ? "\(key.path) must name a column or an expression" : "\(key.path) may have a column or an expression, not both",
                    hint: "write {column: created_at, order: desc} or {expression: \"lower(email)\"}"
                )
                return nil
            }
            let orderValue = key["order"]
            let descending = orderValue.map { $0.oneOf(SupabaseIndex.Order.self) == .desc } ?? false
            if descending, method != .btree, let orderValue {
                orderValue.error("\(orderValue.path) cannot be desc for a \(method.rawValue) index: only btree keys have an order",
                                 hint: "remove 'order' or use btree")
                return nil
            }
            let operatorClass = key["opclass"]?.formatted(NameFormat.postgresIdentifier)
            if let column = key["column"] {
                return declaredColumn(column).map { SupabaseIndex.Key(.column($0), descending: descending, operatorClass: operatorClass) }
            }
            return key["expression"].flatMap(sqlExpression).map {
                SupabaseIndex.Key(.expression($0), descending: descending, operatorClass: operatorClass)
            }
        }
    }

    /// One of `foreignKey: {columns, references, referencedColumns, onDelete}`,
    /// `check: "expression"` or `unique: [columns]`, with a `name`.
    private static func constraint(
        _ entry: ConfigValue,
        schema: String,
        declaredColumns: [String],
        names: inout DuplicateTracker<String>
    ) -> SupabaseConstraint? {
        entry.mapping { constraint in
            let nameValue = constraint.required("name", hint: "name it as PostgreSQL does, such as profiles_id_fkey")
            let name = nameValue?.formatted(NameFormat.postgresIdentifier)
            if let name, let nameValue { names.check(name, at: nameValue, what: "the constraint '\(name)'") }
            let forms = ["foreignKey", "check", "unique"].filter { constraint[$0] != nil }
            guard forms.count == 1 else {
                (forms.count > 1 ? constraint[forms[1]]! : entry).error(
                    forms.isEmpty
                        ? "\(constraint.path) must say what the constraint is"
                        : "\(constraint.path) may be one of foreignKey, check and unique, not \(forms.joined(separator: " and "))",
                    hint: "add one of 'foreignKey: {columns: [...], references: schema.table}', 'check: \"expression\"' or 'unique: [columns]'"
                )
                return nil
            }
            func columnList(_ value: ConfigValue) -> [String]? {
                let columns = value.list { $0.formatted(NameFormat.postgresIdentifier) }
                if value.isEmptyList {
                    value.error("\(value.path) must name at least one column", hint: "add the constrained columns, as in [org_id]")
                    return nil
                }
                return columns
            }
            let definition: SupabaseConstraint.Definition?
            switch forms[0] {
            case "check":
                definition = constraint["check"].flatMap(sqlExpression).map { .check($0) }
            case "unique":
                definition = constraint["unique"].flatMap(columnList).map { .unique(columns: $0) }
            default:
                definition = constraint["foreignKey"].flatMap { foreignKey($0, schema: schema, columnList: columnList) }.map { .foreignKey($0) }
            }
            guard let name, let definition else { return nil }
            return SupabaseConstraint(name: name, definition: definition, location: constraint.location)
        }
    }

    private static func foreignKey(_ value: ConfigValue, schema: String, columnList: (ConfigValue) -> [String]?) -> SupabaseForeignKey? {
        value.mapping { key in
            let columns = key.required("columns", hint: "add 'columns: [user_id]'").flatMap(columnList)
            let referencesValue = key.required("references", hint: "add 'references: auth.users'")
            let referenced = referencesValue.map { qualifiedName(nameValue: $0, schemaValue: nil) }
            let referencedColumns = key["referencedColumns"].flatMap(columnList)
            let onDelete = key["onDelete"].map { $0.oneOf(SupabaseForeignKey.Action.self) } ?? .noAction
            guard let columns, let referenced, let table = referenced.name, let onDelete else { return nil }
            let target = referencedColumns ?? columns
            if target.count != columns.count, let value = key["referencedColumns"] {
                value.error("\(value.path) names \(target.count) columns for \(columns.count) referencing ones", hint: "name one referenced column per column")
                return nil
            }
            return SupabaseForeignKey(
                columns: columns, referencedSchema: referenced.schema, referencedTable: table, referencedColumns: target, onDelete: onDelete
            )
        }
    }

    private static func policy(_ entry: ConfigValue, names: inout DuplicateTracker<String>) -> RLSPolicy? {
        entry.mapping { policy in
            let nameValue = policy.required("name")
            let name = nameValue?.formatted { text in
                text.utf8.count > 63 ? FormatProblem("is longer than PostgreSQL's 63-byte name limit", hint: "shorten the policy name") : nil
            }
            if let name, let nameValue { names.check(name, at: nameValue, what: "the policy '\(name)'") }
            let command = policy["command"].map { $0.oneOf(RLSPolicy.Command.self) } ?? .all
            let roles = policy["roles"]?.list { $0.formatted(NameFormat.postgresIdentifier) }
            if let rolesValue = policy["roles"], rolesValue.isEmptyList {
                rolesValue.error("\(rolesValue.path) must name at least one role", hint: "leave it out to apply the policy to every role")
            }
            let using = policy.raw("using").flatMap { expression($0, clause: .using, command: command) }
            let withCheck = policy.raw("withCheck").flatMap { expression($0, clause: .withCheck, command: command) }
            let restrictive = policy["restrictive"]?.bool() ?? false
            guard let name, let command else { return nil }
            return RLSPolicy(
                name: name, command: command, roles: roles ?? ["public"],
                using: using, withCheck: withCheck, restrictive: restrictive, location: policy.location
            )
        }
    }

    private enum PolicyClause {
        case using, withCheck

        var sql: String { self == .using ? "USING" : "WITH CHECK" }
        var otherKey: String { self == .using ? "withCheck" : "using" }

        /// PostgreSQL refuses USING on INSERT policies and WITH CHECK on SELECT and DELETE ones.
        var refusedCommands: Set<RLSPolicy.Command> { self == .using ? [.insert] : [.select, .delete] }
    }

    private static func expression(
        _ pair: (key: ConfigValue, value: ConfigValue),
        clause: PolicyClause,
        command: RLSPolicy.Command?
    ) -> String? {
        guard !pair.value.isNull, let text = pair.value.nonEmptyString() else { return nil }
        if let command, clause.refusedCommands.contains(command) {
            pair.key.report.error(
                "\(pair.key.path) is not allowed when command is \(command.rawValue): PostgreSQL accepts no \(clause.sql) expression there",
                at: pair.key.mark,
                hint: "use '\(clause.otherKey)' instead"
            )
            return nil
        }
        return text
    }

    /// `{name: schema.type or type, values: [...]}`; values are labels, at least one, each once.
    private static func enumType(_ entry: ConfigValue, names: inout DuplicateTracker<String>) -> SupabaseEnum? {
        entry.mapping { type in
            let nameValue = type.required("name", hint: "add 'name: member_role' or 'name: schema.member_role'")
            let (schema, name) = qualifiedName(nameValue: nameValue, schemaValue: type["schema"])
            if let name, let nameValue { names.check("\(schema).\(name)", at: nameValue, what: "the enum '\(schema).\(name)'") }
            let valuesValue = type.required("values", hint: "add 'values: [owner, editor, viewer]'")
            var labels = DuplicateTracker<String>()
            let values = valuesValue?.list { value -> String? in
                guard let label = value.nonEmptyString() else { return nil }
                labels.check(label, at: value, what: "the value '\(label)'")
                return label
            }
            if let valuesValue, valuesValue.isEmptyList {
                valuesValue.error("\(valuesValue.path) must list at least one value", hint: "add the labels in order, as in [owner, viewer]")
            }
            guard let name, let values, !values.isEmpty else { return nil }
            return SupabaseEnum(schema: schema, name: name, values: values, location: type.location)
        }
    }

    /// `{role: authenticated, privileges: [select, insert]}`; an empty list revokes everything.
    private static func grant(_ entry: ConfigValue, roles: inout DuplicateTracker<String>) -> SupabaseGrant? {
        entry.mapping { grant in
            let roleValue = grant.required("role", hint: "add 'role: authenticated'")
            let role = roleValue?.formatted(NameFormat.postgresIdentifier)
            if let role, let roleValue { roles.check(role, at: roleValue, what: "the grants of '\(role)'") }
            let privileges = grant.required("privileges", hint: "add 'privileges: [select]', or [] to revoke all")?
                .list { $0.oneOf(SupabaseGrant.Privilege.self) }
            guard let role, let privileges else { return nil }
            return SupabaseGrant(role: role, privileges: Array(Set(privileges)).sorted(), location: grant.location)
        }
    }

    /// `{name: schema.function, arguments, returns, language, body, securityDefiner, volatility,
    /// searchPath, grants}`; a function is named by its schema, name and argument types, so two
    /// entries may share a name when their arguments differ.
    private static func function(_ entry: ConfigValue, names: inout DuplicateTracker<String>) -> SupabaseFunction? {
        entry.mapping { function in
            let nameValue = function.required("name", hint: "add 'name: handle_new_user' or 'name: schema.handle_new_user'")
            let (schema, name) = qualifiedName(nameValue: nameValue, schemaValue: function["schema"])
            let arguments = function["arguments"]?.string() ?? ""
            if let name, let nameValue {
                names.check("\(schema).\(name)(\(arguments))", at: nameValue, what: "the function '\(schema).\(name)(\(arguments))'")
            }
            let returns = function.required("returns", hint: "add 'returns: trigger' or another type")?.nonEmptyString()
            let language = function["language"]?.formatted(NameFormat.postgresIdentifier) ?? "plpgsql"
            let body = function.required("body", hint: "add the function's body as a block: 'body: |'")?.nonEmptyString()
            let securityDefiner = function["securityDefiner"]?.bool() ?? false
            let volatility = function["volatility"].map { $0.oneOf(SupabaseFunction.Volatility.self) } ?? .volatile
            let searchPathValue = function.raw("searchPath")
            var searchPath: String?
            if let searchPathValue, !searchPathValue.value.isNull {
                searchPath = searchPathValue.value.string()
            }
            if securityDefiner, searchPathValue == nil {
                function.value.warning(
                    "\(function.path) is security definer without a search_path, so callers can make it resolve names to objects they created",
                    hint: "add searchPath: \"\" and qualify every name in the body"
                )
            }
            var grantRoles = DuplicateTracker<String>()
            let grants = function["grants"]?.list { functionGrant($0, roles: &grantRoles) } ?? []
            guard let name, let returns, let body, let volatility else { return nil }
            return SupabaseFunction(
                schema: schema, name: name, arguments: arguments, returns: returns, language: language, body: body,
                securityDefiner: securityDefiner, volatility: volatility, searchPath: searchPath, grants: grants, location: function.location
            )
        }
    }

    /// `{role: anon, privileges: [execute]}`, or `[]` to revoke it.
    private static func functionGrant(_ entry: ConfigValue, roles: inout DuplicateTracker<String>) -> SupabaseFunctionGrant? {
        entry.mapping { grant in
            let roleValue = grant.required("role", hint: "add 'role: authenticated' ('public' is every role)")
            let role = roleValue?.formatted(NameFormat.postgresIdentifier)
            if let role, let roleValue { roles.check(role, at: roleValue, what: "the grants of '\(role)'") }
            let privileges = grant.required("privileges", hint: "add 'privileges: [execute]', or [] to revoke it")?
                .list { $0.oneOf(SupabaseFunctionGrant.Privilege.self) }
            guard let role, let privileges else { return nil }
            return SupabaseFunctionGrant(role: role, execute: privileges.contains(.execute), location: grant.location)
        }
    }

    /// `{name, timing: before|after, events: [insert, update, delete, truncate], forEach: row|statement,
    /// function: schema.function, when: "expression"}`.
    private static func trigger(_ entry: ConfigValue, names: inout DuplicateTracker<String>) -> SupabaseTrigger? {
        entry.mapping { trigger in
            let nameValue = trigger.required("name")
            let name = nameValue?.formatted(NameFormat.postgresIdentifier)
            if let name, let nameValue { names.check(name, at: nameValue, what: "the trigger '\(name)'") }
            let timing = trigger.required("timing", hint: "add 'timing: before' or 'timing: after'")?.oneOf(SupabaseTrigger.Timing.self)
            let eventsValue = trigger.required("events", hint: "add 'events: [insert, update]'")
            let events = eventsValue?.list { $0.oneOf(SupabaseTrigger.Event.self) }
            if let eventsValue, eventsValue.isEmptyList {
                eventsValue.error("\(eventsValue.path) must list at least one event", hint: "add insert, update, delete or truncate")
            }
            let level = trigger["forEach"].map { $0.oneOf(SupabaseTrigger.Level.self) } ?? .row
            let functionValue = trigger.required("function", hint: "add 'function: public.handle_new_user'")
            let function = functionValue.map { qualifiedName(nameValue: $0, schemaValue: nil) }
            let when = trigger["when"].flatMap(sqlExpression)
            if when != nil, level == .statement, let whenValue = trigger["when"] {
                whenValue.error("\(whenValue.path) needs forEach: row: a statement trigger has no rows to test",
                                hint: "remove 'when' or use forEach: row")
            }
            guard let name, let timing, let events, !events.isEmpty, let level, let function, let functionName = function.name else { return nil }
            return SupabaseTrigger(
                name: name, timing: timing, events: events, level: level, functionSchema: function.schema,
                functionName: functionName, when: when, location: trigger.location
            )
        }
    }

    private static func storage(_ value: ConfigValue) -> SupabaseStorage? {
        value.mapping { storage in
            var names = DuplicateTracker<String>()
            let buckets = storage["buckets"]?.list { bucket($0, names: &names) }
            return SupabaseStorage(buckets: buckets ?? [])
        }
    }

    private static func bucket(_ entry: ConfigValue, names: inout DuplicateTracker<String>) -> StorageBucket? {
        entry.mapping { bucket in
            let nameValue = bucket.required("name")
            let name = nameValue?.formatted(bucketName)
            if let name, let nameValue { names.check(name, at: nameValue, what: "the bucket '\(name)'") }
            let isPublic = bucket["public"]?.bool() ?? false
            let fileSizeLimit = bucket["fileSizeLimit"]?.int(in: 0...Int.max)
            let mimeTypes = bucket["allowedMimeTypes"]?.list { $0.formatted(mimeType) }
            guard let name else { return nil }
            return StorageBucket(
                name: name, isPublic: isPublic, fileSizeLimit: fileSizeLimit,
                allowedMimeTypes: mimeTypes, location: bucket.location
            )
        }
    }

    private static func bucketName(_ text: String) -> FormatProblem? {
        let valid = (1...100).contains(text.count) && text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || NameFormat.isDigit($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
        return valid ? nil : FormatProblem(
            "must be a bucket name of lowercase letters, digits, '-', '_' and '.', found '\(text)'",
            hint: "for example 'avatars' or 'team-documents'")
    }

    private static func mimeType(_ text: String) -> FormatProblem? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let tokenCharacters = "!#$&^_.+-*"
        let valid = parts.count == 2 && parts.allSatisfy { part in
            !part.isEmpty && part.unicodeScalars.allSatisfy {
                NameFormat.isASCIILetter($0) || NameFormat.isDigit($0) || tokenCharacters.unicodeScalars.contains($0)
            }
        }
        return valid ? nil : FormatProblem("must be a MIME type such as image/png or image/*, found '\(text)'",
                                           hint: "write type/subtype, as in application/pdf")
    }
}
extension SupabaseColumnIdentity: ConfigChoice {}
extension SupabaseForeignKey.Action: ConfigChoice {}
extension SupabaseGrant.Privilege: ConfigChoice {}
extension SupabaseIndex.Method: ConfigChoice {}
extension SupabaseIndex.Order: ConfigChoice {}
extension SupabaseFunction.Volatility: ConfigChoice {}
extension SupabaseFunctionGrant.Privilege: ConfigChoice {}
extension SupabaseTrigger.Timing: ConfigChoice {}
extension SupabaseTrigger.Event: ConfigChoice {}
extension SupabaseTrigger.Level: ConfigChoice {}
