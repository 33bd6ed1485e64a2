import Foundation
import OpsCore

/// The DDL statements behind each database change, without trailing semicolons.
///
/// Names are quoted by `SQLIdentifier` (DDL takes no bound parameters). Types, defaults and
/// policy expressions are SQL by definition and go in as the file wrote them: they come from
/// the reviewed desired-state.yaml, never from a remote system, and the plan shows them.
enum SchemaSQL {
    static func createTable(_ table: SupabaseTable) -> String {
        var lines = table.columns.map { "    " + columnDefinition($0, primaryKey: false) }
        let primaryKey = table.columns.filter(\.primaryKey).map { SQLIdentifier.quote($0.name) }
        if !primaryKey.isEmpty { lines.append("    primary key (\(primaryKey.joined(separator: ", ")))") }
        return "create table \(SQLIdentifier.qualified(table.schema, table.name)) (\n\(lines.joined(separator: ",\n"))\n)"
    }

    /// `primaryKey` only when the table has none yet: a table has one primary key at most.
    static func addColumn(schema: String, table: String, column: SupabaseColumn, primaryKey: Bool) -> String {
        "alter table \(SQLIdentifier.qualified(schema, table)) add column \(columnDefinition(column, primaryKey: primaryKey))"
    }

    /// One `ALTER TABLE` with a clause per difference. The default is dropped before a type
    /// change (an old default may not cast to the new type) and set after it. No `USING`
    /// clause: an explicit cast would silently truncate (`varchar(10)`), while the implicit
    /// assignment cast fails and rolls the migration back instead.
    static func alterColumn(
        schema: String, table: String, column: String,
        type: String?, nullable: Bool?, defaultChange: DefaultChange?, identityChange: IdentityChange? = nil
    ) -> String {
        let name = SQLIdentifier.quote(column)
        var clauses: [String] = []
        if type != nil, defaultChange != nil { clauses.append("alter column \(name) drop default") }
        if let type { clauses.append("alter column \(name) type \(type)") }
        switch defaultChange {
        case .set(let expression): clauses.append("alter column \(name) set default \(embedded(expression))")
        case .drop where type == nil: clauses.append("alter column \(name) drop default")
        case .drop, nil: break
        }
        if let nullable { clauses.append("alter column \(name) \(nullable ? "drop not null" : "set not null")") }
        // After the default is gone and NOT NULL is set: an identity needs both.
        switch identityChange {
        case .add(let identity): clauses.append("alter column \(name) add generated \(identity.rawValue) as identity")
        case .set(let identity): clauses.append("alter column \(name) set generated \(identity.rawValue)")
        case .drop: clauses.append("alter column \(name) drop identity")
        case nil: break
        }
        return "alter table \(SQLIdentifier.qualified(schema, table)) " + clauses.joined(separator: ", ")
    }

    enum DefaultChange: Sendable, Equatable {
        case set(String)
        case drop
    }

    enum IdentityChange: Sendable, Equatable {
        case add(SupabaseColumnIdentity)
        case set(SupabaseColumnIdentity)
        case drop
    }

    /// The index exactly as declared: method, keys (expressions in parentheses, as the
    /// grammar wants), operator classes, order, `INCLUDE` and `WHERE`. `concurrently` builds
    /// it without blocking writes, which cannot happen inside a transaction.
    static func createIndex(schema: String, table: String, index: SupabaseIndex, concurrently: Bool = false) -> String {
        let keys = index.keys.map { key in
            var sql: String
            switch key.target {
            case .column(let name): sql = SQLIdentifier.quote(name)
            case .expression(let expression): sql = "(\(embedded(expression)))"
            }
            if let operatorClass = key.operatorClass { sql += " \(SQLIdentifier.quote(operatorClass))" }
            if key.descending { sql += " desc" }
            return sql
        }
        var sql = "create \(index.unique ? "unique " : "")index \(concurrently ? "concurrently " : "")\(SQLIdentifier.quote(index.name))"
        sql += " on \(SQLIdentifier.qualified(schema, table)) using \(index.method.rawValue) (\(keys.joined(separator: ", ")))"
        if !index.include.isEmpty { sql += " include (\(index.include.map(SQLIdentifier.quote).joined(separator: ", ")))" }
        if let predicate = index.predicate { sql += " where (\(embedded(predicate)))" }
        return sql
    }

    static func dropIndex(schema: String, name: String, concurrently: Bool = false) -> String {
        "drop index \(concurrently ? "concurrently if exists " : "")\(SQLIdentifier.qualified(schema, name))"
    }

    /// `create or replace function`, or `create function` in `pg_temp` for the normaliser.
    /// The body goes in dollar quotes whose tag it does not contain.
    static func createFunction(_ function: SupabaseFunction, inTemporarySchema: Bool = false) -> String {
        let name = inTemporarySchema ? SQLIdentifier.qualified("pg_temp", function.name) : SQLIdentifier.qualified(function.schema, function.name)
        var lines = ["create \(inTemporarySchema ? "" : "or replace ")function \(name)(\(function.arguments.trimmingWhitespace))"]
        lines.append("    returns \(function.returns.trimmingWhitespace)")
        lines.append("    language \(SQLIdentifier.quote(function.language))")
        if function.securityDefiner { lines.append("    security definer") }
        lines.append("    \(function.volatility.rawValue)")
        if let searchPath = function.searchPath {
            let path = searchPath.trimmingWhitespace
            lines.append("    set search_path = \(path.isEmpty ? "''" : path)")
        }
        // A SQL-standard body (`begin atomic … end`, `return …`) is SQL the server parses, not a
        // string: quoting it would make it another kind of function.
        if FunctionBody.isSQLStandard(function.body, language: function.language) {
            lines.append(FunctionBody.canonical(function.body))
            return lines.joined(separator: "\n")
        }
        var tag = "$opsctl$"
        var counter = 1
        while function.body.contains(tag) {
            tag = "$opsctl\(counter)$"
            counter += 1
        }
        lines.append("as \(tag)")
        lines.append(FunctionBody.canonical(function.body))
        lines.append(tag)
        return lines.joined(separator: "\n")
    }

    /// `signature` is `schema.name(identity arguments)` as `FunctionSnapshot` holds it.
    static func setExecute(_ execute: Bool, function: FunctionSnapshot, role: String) -> String {
        let target = "function \(SQLIdentifier.qualified(function.schema, function.name))(\(function.identityArguments))"
        return execute ? "grant execute on \(target) to \(roleList([role]))" : "revoke execute on \(target) from \(roleList([role]))"
    }

    static func createTrigger(schema: String, table: String, trigger: SupabaseTrigger) -> String {
        var sql = "create trigger \(SQLIdentifier.quote(trigger.name)) \(trigger.timing.rawValue)"
        sql += " \(trigger.events.map(\.rawValue).joined(separator: " or ")) on \(SQLIdentifier.qualified(schema, table))"
        sql += " for each \(trigger.level.rawValue)"
        if let condition = trigger.when { sql += " when (\(embedded(condition)))" }
        sql += " execute function \(SQLIdentifier.qualified(trigger.functionSchema, trigger.functionName))()"
        return sql
    }

    static func dropTrigger(schema: String, table: String, name: String) -> String {
        "drop trigger \(SQLIdentifier.quote(name)) on \(SQLIdentifier.qualified(schema, table))"
    }

    static func addConstraint(schema: String, table: String, constraint: SupabaseConstraint) -> String {
        "alter table \(SQLIdentifier.qualified(schema, table)) add constraint \(SQLIdentifier.quote(constraint.name)) \(constraintBody(constraint.definition))"
    }

    /// The constraint after its name, as `ADD CONSTRAINT` takes it.
    static func constraintBody(_ definition: SupabaseConstraint.Definition) -> String {
        switch definition {
        case .check(let expression):
            return "check (\(embedded(expression)))"
        case .unique(let columns):
            return "unique (\(columns.map(SQLIdentifier.quote).joined(separator: ", ")))"
        case .foreignKey(let key):
            var sql = "foreign key (\(key.columns.map(SQLIdentifier.quote).joined(separator: ", ")))"
            sql += " references \(SQLIdentifier.qualified(key.referencedSchema, key.referencedTable))"
            sql += " (\(key.referencedColumns.map(SQLIdentifier.quote).joined(separator: ", ")))"
            if key.onDelete != .noAction { sql += " on delete \(key.onDelete.rawValue)" }
            return sql
        }
    }

    static func dropConstraint(schema: String, table: String, name: String) -> String {
        "alter table \(SQLIdentifier.qualified(schema, table)) drop constraint \(SQLIdentifier.quote(name))"
    }

    /// `PUBLIC` is a keyword, as in `roleList`.
    static func grant(_ privileges: [String], schema: String, table: String, role: String) -> String {
        "grant \(privileges.joined(separator: ", ")) on table \(SQLIdentifier.qualified(schema, table)) to \(roleList([role]))"
    }

    static func revoke(_ privileges: [String], schema: String, table: String, role: String) -> String {
        "revoke \(privileges.joined(separator: ", ")) on table \(SQLIdentifier.qualified(schema, table)) from \(roleList([role]))"
    }

    static func createEnum(_ type: SupabaseEnum) -> String {
        "create type \(SQLIdentifier.qualified(type.schema, type.name)) as enum (\(type.values.map(literal).joined(separator: ", ")))"
    }

    /// `placement` puts the label where the file lists it; PostgreSQL 12 and later accept this
    /// inside the migration's transaction (the new label is usable once it commits).
    static func addEnumValue(schema: String, name: String, value: String, placement: EnumValuePlacement) -> String {
        let sql = "alter type \(SQLIdentifier.qualified(schema, name)) add value \(literal(value))"
        switch placement {
        case .after(let label): return sql + " after \(literal(label))"
        case .before(let label): return sql + " before \(literal(label))"
        }
    }

    enum EnumValuePlacement: Sendable, Equatable {
        case after(String)
        case before(String)
    }

    /// A string literal: quotes doubled, and `E''` never needed since backslashes are plain
    /// with `standard_conforming_strings` (on by default since PostgreSQL 9.1).
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    static func setForcedRowLevelSecurity(schema: String, table: String, forced: Bool) -> String {
        "alter table \(SQLIdentifier.qualified(schema, table)) \(forced ? "force" : "no force") row level security"
    }

    static func setRowLevelSecurity(schema: String, table: String, enabled: Bool) -> String {
        "alter table \(SQLIdentifier.qualified(schema, table)) \(enabled ? "enable" : "disable") row level security"
    }

    static func createPolicy(schema: String, table: String, policy: RLSPolicy) -> String {
        var sql = "create policy \(SQLIdentifier.quote(policy.name)) on \(SQLIdentifier.qualified(schema, table))"
        sql += " as \(policy.restrictive ? "restrictive" : "permissive") for \(policy.command.rawValue) to \(roleList(policy.roles))"
        if let using = policy.using { sql += " using (\(embedded(using)))" }
        if let check = policy.withCheck { sql += " with check (\(embedded(check)))" }
        return sql
    }

    static func dropPolicy(schema: String, table: String, name: String) -> String {
        "drop policy \(SQLIdentifier.quote(name)) on \(SQLIdentifier.qualified(schema, table))"
    }

    static func dropColumn(schema: String, table: String, column: String) -> String {
        "alter table \(SQLIdentifier.qualified(schema, table)) drop column \(SQLIdentifier.quote(column))"
    }

    /// No `CASCADE`: if a view or a foreign key still needs the table, the drop fails and
    /// the migration rolls back, rather than taking unplanned objects with it.
    static func dropTable(schema: String, table: String) -> String {
        "drop table \(SQLIdentifier.qualified(schema, table))"
    }

    static func columnDefinition(_ column: SupabaseColumn, primaryKey: Bool) -> String {
        var sql = "\(SQLIdentifier.quote(column.name)) \(column.type)"
        if !column.nullable || primaryKey { sql += " not null" }
        sql += valueClause(column)
        if primaryKey { sql += " primary key" }
        return sql
    }

    /// Where the column's values come from: a default, a stored generation expression or an
    /// identity (the decoder allows one of them at most), with a leading space; empty for none.
    static func valueClause(_ column: SupabaseColumn) -> String {
        if let expression = column.generated { return " generated always as (\(embedded(expression))) stored" }
        if let identity = column.identity { return " generated \(identity.rawValue) as identity" }
        if let expression = column.defaultExpression { return " default \(embedded(expression))" }
        return ""
    }

    /// `PUBLIC` is a keyword here, not a role name: quoting it would name a role called
    /// "public" that does not exist.
    static func roleList(_ roles: [String]) -> String {
        let roles = roles.isEmpty ? ["public"] : roles
        return roles.map { $0 == "public" ? "public" : SQLIdentifier.quote($0) }.joined(separator: ", ")
    }

    /// An expression from the file, made safe to follow with more SQL: a trailing `--`
    /// comment would otherwise swallow the closing parenthesis or comma after it.
    static func embedded(_ expression: String) -> String {
        let trimmed = expression.trimmingWhitespace
        return trimmed.containsUTF8("--") ? trimmed + "\n" : trimmed
    }
}

extension String {
    /// Whether `other` occurs in the text, byte for byte. Foundation's `contains` bridges both
    /// to NSString and the standard library's `firstRange(of:)` searches generically by
    /// index; a plan compares every policy expression of every table this way.
    func containsUTF8(_ other: String) -> Bool {
        var text = self
        var other = other
        return text.withUTF8 { haystack in
            other.withUTF8 { needle in
                guard let first = needle.first else { return true }
                guard needle.count <= haystack.count else { return false }
                for start in 0...(haystack.count - needle.count)
                where haystack[start] == first && memcmp(haystack.baseAddress! + start, needle.baseAddress!, needle.count) == 0 {
                    return true
                }
                return false
            }
        }
    }

    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
