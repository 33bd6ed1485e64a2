import OpsCore

/// Functions, who may call them, and triggers.
extension SchemaDiff {
    /// Matched by signature (schema, name, argument types). Missing → create; another
    /// definition → `create or replace`, which keeps the function's privileges and what
    /// depends on it. What `create or replace` cannot change (the argument list with its names
    /// and defaults, the return type) is a failing check: dropping the function would take its
    /// triggers and policies with it.
    mutating func compareFunction(_ function: DesiredFunction, actual: DatabaseSnapshot) {
        let config = function.config
        let source = config.location
        let desired: FunctionSnapshot
        switch function.normalised {
        case .problem(let problem):
            checks.append(Check(
                id: "supabase.function.\(config.schema).\(config.name)", scope: .supabase, name: "function \(function.declaredSignature)",
                status: .error, message: "the server refused the declared function \(function.declaredSignature): \(problem)",
                suggestedAction: "fix the function in desired-state.yaml", source: source
            ))
            return
        case .function(let snapshot):
            desired = snapshot
        }
        let checkID = "supabase.function.\(desired.schema).\(desired.name)(\(desired.identityArguments))"
        let checkName = "function \(desired.signature)"
        let object = DatabaseObject.function(schema: desired.schema, name: desired.name, arguments: desired.identityArguments)
        let existing = actual.function(schema: desired.schema, name: desired.name, identityArguments: desired.identityArguments)
        let idParts = desired.idParts
        let security = config.securityDefiner ? " (security definer: it runs with its owner's rights)" : ""
        defer {
            let publicRevoked = config.grants.contains { $0.role == "public" && !$0.execute }
            for grant in config.grants {
                compareFunctionGrant(grant, of: desired, existing: existing, publicRevoked: publicRevoked, source: grant.location ?? source)
            }
        }
        guard let existing else {
            let id = record(
                .functionCreate, idParts, object: object,
                description: "create the function \(desired.signature) returning \(desired.result)\(security)",
                before: .null, after: desired.json, sql: [SchemaSQL.createFunction(config)], hazards: [], source: source
            )
            check(checkID, checkName, .fail, "the function \(desired.signature) does not exist", id, source)
            return
        }
        let differences = desired.differences(from: existing)
        guard !differences.isEmpty || existing.definition != desired.definition else {
            check(checkID, checkName, .pass, "the function \(desired.signature) matches", nil, source)
            return
        }
        if existing.arguments != desired.arguments || existing.result != desired.result {
            checks.append(Check(
                id: checkID, scope: .supabase, name: checkName, status: .fail,
                message: "the function \(desired.signature) differs in what create or replace cannot change: \(differences.joined(separator: "; "))",
                suggestedAction: "drop and recreate the function in a hand-written migration, with the triggers and policies that use it",
                source: source
            ))
            return
        }
        let id = record(
            .functionReplace, idParts, object: object,
            description: "replace the function \(desired.signature): \(differences.joined(separator: "; "))\(security)",
            before: existing.json, after: desired.json, sql: [SchemaSQL.createFunction(config)], hazards: [], source: source
        )
        check(checkID, checkName, .fail, "the function \(desired.signature) differs: \(differences.joined(separator: "; "))", id, source)
    }

    /// EXECUTE for one role, exactly as declared. PostgreSQL grants EXECUTE to PUBLIC on
    /// every new function, and Supabase's default privileges grant it to `anon`,
    /// `authenticated` and `service_role` too; so for a function this plan creates, what it
    /// will hold is not known yet and the declared state is set either way.
    ///
    /// A role declared without EXECUTE still has it through PUBLIC while PUBLIC holds it (a
    /// common slip: revoking from `anon` alone). Unless the file revokes it from `public` too,
    /// that is a failing check, whatever the role's own privilege.
    mutating func compareFunctionGrant(
        _ grant: SupabaseFunctionGrant, of desired: FunctionSnapshot, existing: FunctionSnapshot?, publicRevoked: Bool, source: SourceLocation?
    ) {
        let checkID = "supabase.function_grant.\(desired.schema).\(desired.name)(\(desired.identityArguments)).\(grant.role)"
        let checkName = "EXECUTE on \(desired.signature) for \(grant.role)"
        let holds = existing.map { $0.executors.contains(grant.role) }
        let throughPublic = !grant.execute && grant.role != "public" && !publicRevoked && existing?.executors.contains("public") == true
        if holds == grant.execute {
            if throughPublic {
                checks.append(Check(
                    id: checkID, scope: .supabase, name: checkName, status: .fail,
                    message: "\(grant.role) holds no EXECUTE on \(desired.signature) of its own, but may still call it: PUBLIC holds EXECUTE",
                    suggestedAction: "add {role: public, privileges: []} to the function's grants", source: source
                ))
                return
            }
            check(checkID, checkName, .pass, "\(grant.role) \(grant.execute ? "may" : "may not") execute \(desired.signature)", nil, source)
            return
        }
        let note = throughPublic ? " (PUBLIC may still execute it, and every role with it)" : ""
        let id = record(
            .functionGrantUpdate, desired.idParts + [grant.role],
            object: .functionGrant(schema: desired.schema, name: desired.name, arguments: desired.identityArguments, role: grant.role),
            description: "\(grant.execute ? "grant" : "revoke") execute on \(desired.signature) \(grant.execute ? "to" : "from") \(grant.role)\(note)",
            before: holds.map { DatabaseObject.functionGrantJSON(function: desired.signature, role: grant.role, execute: $0) } ?? .null,
            after: DatabaseObject.functionGrantJSON(function: desired.signature, role: grant.role, execute: grant.execute),
            sql: [SchemaSQL.setExecute(grant.execute, function: desired, role: grant.role)], hazards: [], source: source
        )
        check(checkID, checkName, .fail,
              holds == nil
                ? "the function \(desired.signature) does not exist yet"
                : "\(grant.role) \(grant.execute ? "may not" : "may") execute \(desired.signature)\(note)",
              id, source)
    }

    /// Missing → create; different (timing, events, level, function, `WHEN`, or disabled) →
    /// drop and create in the same transaction. One with what the file cannot declare
    /// (`TriggerSnapshot.inexpressible`) is a failing check.
    mutating func compareTrigger(_ trigger: SupabaseTrigger, in table: DesiredTable, current: TableSnapshot?) {
        let (schema, name) = (table.schema, table.name)
        let checkID = "supabase.trigger.\(table.qualifiedName).\(trigger.name)"
        let checkName = "trigger \(trigger.name) on \(table.qualifiedName)"
        let source = trigger.location ?? table.config.location
        if let problem = table.triggerProblems[trigger.name] {
            checks.append(Check(
                id: checkID, scope: .supabase, name: checkName, status: .error,
                message: "the server refused the declared trigger '\(trigger.name)' on \(table.qualifiedName): \(problem)",
                suggestedAction: "fix the trigger in desired-state.yaml", source: source
            ))
            return
        }
        guard let desired = table.snapshot.trigger(named: trigger.name) else { return }
        let object = DatabaseObject.trigger(schema: schema, table: name, name: trigger.name)
        let create = SchemaSQL.createTrigger(schema: schema, table: name, trigger: trigger)
        let summary = "\(desired.timing) \(desired.events.joined(separator: " or ")) for each \(desired.level), \(desired.function)()"
        guard let existing = current?.trigger(named: trigger.name) else {
            let id = record(
                .triggerCreate, [schema, name, trigger.name], object: object,
                description: "create the trigger \(trigger.name) on \(table.qualifiedName) (\(summary))",
                before: .null, after: desired.json, sql: [create], hazards: [], source: source
            )
            check(checkID, checkName, .fail, "the trigger \(trigger.name) on \(table.qualifiedName) does not exist", id, source)
            return
        }
        if !existing.inexpressible.isEmpty {
            checks.append(Check(
                id: checkID, scope: .supabase, name: checkName, status: .fail,
                message: "the trigger \(trigger.name) on \(table.qualifiedName) has \(existing.inexpressible.joined(separator: ", ")), which desired-state.yaml cannot declare; it is not recreated",
                suggestedAction: "remove the trigger from desired-state.yaml and manage it in a hand-written migration", source: source
            ))
            return
        }
        let differences = desired.differences(from: existing)
        guard !differences.isEmpty else {
            check(checkID, checkName, .pass, "the trigger \(trigger.name) on \(table.qualifiedName) matches", nil, source)
            return
        }
        let id = record(
            .triggerReplace, [schema, name, trigger.name], object: object,
            description: "replace the trigger \(trigger.name) on \(table.qualifiedName): \(differences.joined(separator: "; "))",
            before: existing.json, after: desired.json,
            sql: [SchemaSQL.dropTrigger(schema: schema, table: name, name: trigger.name), create],
            hazards: [.accessExclusiveLock], source: source
        )
        check(checkID, checkName, .fail, "the trigger \(trigger.name) on \(table.qualifiedName) differs: \(differences.joined(separator: "; "))", id, source)
    }
}
