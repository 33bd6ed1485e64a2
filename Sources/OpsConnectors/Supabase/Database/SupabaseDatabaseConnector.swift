import OpsCore

/// The database half of the Supabase scope: tables, columns, indexes, row-level security
/// and policies, read from the catalog through libpq (`SUPABASE_DB_URL`) and compared with
/// desired-state.yaml.
///
/// With `directDatabaseApply` (change-policy.yaml) approved changes run through libpq, each
/// `apply` in its own transaction and `applyAll` as one migration in one transaction.
/// Without it `applyAll` refuses, because the changes are delivered as a migration pull
/// request instead (`Supabase/Migrations`, fed by `MigrationScript`). `SupabaseConnector`
/// combines this with storage buckets and that delivery; this part is not a connector itself.
struct SupabaseDatabaseConnector: Sendable {
    package static let databaseURLVariable = "SUPABASE_DB_URL"

    let database: PostgresDatabase
    let directDatabaseApply: Bool
    let redactor: Redactor

    init(database: PostgresDatabase, directDatabaseApply: Bool, redactor: Redactor) {
        self.database = database
        self.directDatabaseApply = directDatabaseApply
        self.redactor = redactor
    }

    /// Registers the URI and its password with the redactor before anything can print them.
    static func connector(context: ConnectorContext, directDatabaseApply: Bool) -> Result<SupabaseDatabaseConnector, MissingCredentials> {
        context.settings(secrets: [databaseURLVariable]).flatMap { settings in
            let uri = settings[databaseURLVariable] ?? ""
            let database: PostgresDatabase
            do throws(PostgresError) {
                database = try PostgresDatabase(uri: uri)
            } catch {
                return .failure(MissingCredentials(variables: [databaseURLVariable], problem: "\(databaseURLVariable) is unusable: \(error.diagnostic.message)"))
            }
            if let password = database.settings.password, !password.isEmpty { context.redactor.register(secret: password) }
            return .success(SupabaseDatabaseConnector(database: database, directDatabaseApply: directDatabaseApply, redactor: context.redactor))
        }
    }

    // MARK: - Plan

    /// Reads the declared schemas, asks the server to normalise the desired definitions, and
    /// diffs; a database that cannot be read yields one `error` check.
    func plan(_ supabase: SupabaseConfig) async -> PlanResponse {
        guard !supabase.tables.isEmpty || !supabase.enums.isEmpty || !supabase.functions.isEmpty else { return PlanResponse() }
        do {
            let diff = try await database.withConnection { connection throws(PostgresError) in
                try Self.diff(supabase, on: connection)
            }
            // `requestCount` counts HTTP requests for the benchmark; libpq round trips are not.
            return PlanResponse(checks: diff.checks, changes: diff.changes, coverage: diff.coverage)
        } catch {
            let diagnostic = redacted(error.diagnostic)
            return PlanResponse(checks: [Check(
                id: "supabase.database", scope: .supabase, name: "database schema", status: .error,
                message: diagnostic.message, suggestedAction: diagnostic.hint
            )])
        }
    }

    /// The whole comparison on one connection: read, normalise, diff. Functions are
    /// normalised first, in a transaction of their own; each table is normalised when the
    /// diff comes to it (`DesiredSchemaNormaliser.normalising`).
    static func diff(_ supabase: SupabaseConfig, on connection: PostgresConnection) throws(PostgresError) -> SchemaDiff {
        let schemas = Array(Set(supabase.tables.map(\.schema) + supabase.enums.map(\.schema) + supabase.functions.map(\.schema))).sorted()
        let actual = try SchemaReader(connection: connection).read(schemas: schemas)
        let normaliser = DesiredSchemaNormaliser(connection: connection)
        let functions = zip(supabase.functions, try normaliser.normalise(supabase.functions)).map { DesiredFunction(config: $0, normalised: $1) }
        // Made once for both: each made its own, 0.4% of a 10,000-table plan (docs/performance.md).
        let tableIndexes = actual.tableIndexesByName()
        return try normaliser.normalising(supabase.tables, actual: actual, tableIndexes: tableIndexes) { normalise throws(PostgresError) in
            try SchemaDiff.compare(
                declaring: supabase.tables, actual: actual, tableIndexes: tableIndexes, prune: supabase.prune, enums: supabase.enums,
                functions: functions
            ) { table throws(PostgresError) in
                DesiredTable(table, normalised: try normalise(table))
            }
        }
    }

    // MARK: - Refresh

    func refresh(_ change: Change, payload: DatabaseChange) async -> RefreshResponse {
        let object = payload.object
        do {
            let current = try await database.withConnection { connection throws(PostgresError) in
                try Self.state(of: object, on: connection)
            }
            return Self.staleness(of: change, current: current)
        } catch {
            return .failed(redacted(error.diagnostic))
        }
    }

    /// The object's snapshot now, read the same way the plan read it.
    static func state(of object: DatabaseObject, on connection: PostgresConnection) throws(PostgresError) -> JSONValue {
        object.state(in: try SchemaReader(connection: connection).read(schemas: [object.schema], table: object.table))
    }

    /// Already applied when the object looks like `after`, unchanged when it still matches
    /// the fingerprint the plan observed, moved otherwise.
    static func staleness(of change: Change, current: JSONValue) -> RefreshResponse {
        .comparing(change, with: current, removed: "it was dropped")
    }

    // MARK: - Apply

    /// Runs the changes as ONE migration script (`MigrationScript`, dependency order) in ONE
    /// transaction: every change is applied, or none is and every result is the same
    /// failure. Results come in the script's order, with each object re-read after commit.
    /// Callers refresh each change first (the Applier does), so stale changes never get here.
    ///
    /// With `concurrentIndexBuilds`, index builds on existing tables run after the commit,
    /// each statement on its own without the session's statement timeout (a concurrent build
    /// takes as long as the table needs); one that fails fails only its own change and may
    /// leave an INVALID index, which the next plan proposes to rebuild.
    func applyAll(_ changes: [Change], concurrentIndexBuilds: Bool = false) async -> [DatabaseBatchResult] {
        guard directDatabaseApply else {
            let diagnostic = Diagnostic(
                message: "directDatabaseApply is off, so database changes are not run directly",
                hint: "database changes are delivered as a migration pull request; set directDatabaseApply: true in change-policy.yaml to run them through libpq"
            )
            return changes.map { DatabaseBatchResult(changeID: $0.id, response: .failed(diagnostic)) }
        }
        let script: MigrationScript
        var objects: [ChangeID: DatabaseObject] = [:]
        do throws(MigrationScriptError) {
            script = try MigrationScript(changes: changes, concurrentIndexBuilds: concurrentIndexBuilds)
        } catch {
            return changes.map { DatabaseBatchResult(changeID: $0.id, response: .failed(error.diagnostic)) }
        }
        for change in changes {
            do throws(ChangePayloadError) {
                objects[change.id] = try DatabaseChange(change: change).object
            } catch {
                return changes.map { DatabaseBatchResult(changeID: $0.id, response: .failed(error.diagnostic)) }
            }
        }
        let byID = Dictionary(changes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let text = script.text()
        let statementCount = script.steps.reduce(0) { $0 + $1.statements.count }
        let ordered = script.changeIDs
        let orderedObjects = ordered.map { objects[$0]! }
        let afterCommitSteps = script.afterCommitSteps
        let redactor = redactor
        do {
            let outcome = try await database.withConnection { connection throws(PostgresError) -> MigrationOutcome in
                if !script.steps.isEmpty { try connection.execute(script: text) }
                var failures: [ChangeID: Diagnostic] = [:]
                if !afterCommitSteps.isEmpty { _ = try connection.query("set statement_timeout = 0") }
                for step in afterCommitSteps {
                    do throws(PostgresError) {
                        for statement in step.statements { _ = try connection.query(statement) }
                    } catch {
                        var diagnostic = error.diagnostic
                        diagnostic.message = redactor.redact(diagnostic.message)
                        diagnostic.hint = "the concurrent build ran after the migration committed; it may have left an INVALID index, which the next plan proposes to rebuild"
                        failures[step.changeID] = diagnostic
                    }
                }
                var states: [JSONValue] = []
                for object in orderedObjects { states.append(try Self.state(of: object, on: connection)) }
                return MigrationOutcome(states: states, failures: failures)
            }
            return zip(ordered, outcome.states).map { id, after in
                if let failure = outcome.failures[id] { return DatabaseBatchResult(changeID: id, response: .failed(failure)) }
                let concurrent = afterCommitSteps.contains { $0.changeID == id }
                return DatabaseBatchResult(changeID: id, response: .applied(
                    before: byID[id]?.before ?? .null, after: after,
                    detail: concurrent
                        ? "built concurrently after the migration's transaction committed"
                        : ordered.count == 1
                        ? "ran \(statementCount) statement\(statementCount == 1 ? "" : "s") in one transaction"
                        : "ran with \(ordered.count - 1) other change\(ordered.count == 2 ? "" : "s") as one migration of \(statementCount) statements in one transaction"
                ))
            }
        } catch {
            var diagnostic = redacted(error.diagnostic)
            diagnostic.hint = diagnostic.hint.map { "\($0); the transaction was rolled back, nothing was changed" }
                ?? "the transaction was rolled back, nothing was changed"
            return ordered.map { DatabaseBatchResult(changeID: $0, response: .failed(diagnostic)) }
        }
    }

    /// What the migration's connection came back with: each object re-read, and the
    /// concurrent builds that failed after the commit.
    private struct MigrationOutcome: Sendable {
        var states: [JSONValue]
        var failures: [ChangeID: Diagnostic]
    }

    private func redacted(_ diagnostic: Diagnostic) -> Diagnostic {
        var diagnostic = diagnostic
        diagnostic.message = redactor.redact(diagnostic.message)
        diagnostic.hint = diagnostic.hint.map(redactor.redact)
        return diagnostic
    }
}

/// What one database change of a migration came to; a struct, since results cross task
/// boundaries (tuples were seen miscompiled there).
struct DatabaseBatchResult: Sendable, Equatable {
    var changeID: ChangeID
    var response: ApplyResponse
}
