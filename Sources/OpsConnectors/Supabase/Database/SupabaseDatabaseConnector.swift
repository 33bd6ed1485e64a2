import OpsCore

/// The database half of the Supabase scope: tables, columns, indexes, row-level security
/// and policies, read from the catalog through libpq (`SUPABASE_DB_URL`) and compared with
/// desired-state.yaml.
///
/// With `directDatabaseApply` (change-policy.yaml) approved changes run through libpq, each
/// `apply` in its own transaction and `applyAll` as one migration in one transaction.
/// Without it `apply` refuses, because the changes are delivered as a migration pull
/// request instead (`Supabase/Migrations`, fed by `MigrationScript`). The full
/// `SupabaseConnector` combines this with storage buckets and that delivery.
public struct SupabaseDatabaseConnector: Connector {
    public static let databaseURLVariable = "SUPABASE_DB_URL"

    public let scope = ServiceScope.supabase
    let database: PostgresDatabase
    let directDatabaseApply: Bool
    let redactor: Redactor

    init(database: PostgresDatabase, directDatabaseApply: Bool, redactor: Redactor) {
        self.database = database
        self.directDatabaseApply = directDatabaseApply
        self.redactor = redactor
    }

    /// Registers the URI and its password with the redactor before anything can print them.
    public static func make(context: ConnectorContext, directDatabaseApply: Bool) -> Result<any Connector, MissingCredentials> {
        connector(context: context, directDatabaseApply: directDatabaseApply).map { $0 }
    }

    /// The concrete type, for the combined Supabase connector to hold and delegate to.
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

    public func plan(_ request: PlanRequest) async -> PlanResponse {
        guard let supabase = request.desired.supabase else { return PlanResponse() }
        return await plan(supabase)
    }

    /// Reads the declared schemas, asks the server to normalise the desired definitions, and
    /// diffs; a database that cannot be read yields one `error` check.
    func plan(_ supabase: SupabaseConfig) async -> PlanResponse {
        guard !supabase.tables.isEmpty else { return PlanResponse() }
        do {
            let diff = try await database.withConnection { connection throws(PostgresError) in
                try Self.diff(supabase, on: connection)
            }
            // `requestCount` counts HTTP requests for the benchmark; libpq round trips are not.
            return PlanResponse(checks: diff.checks, changes: diff.changes)
        } catch {
            let diagnostic = redacted(error.diagnostic)
            return PlanResponse(checks: [Check(
                id: "supabase.database", scope: scope.rawValue, name: "database schema", status: .error,
                message: diagnostic.message, suggestedAction: diagnostic.hint
            )])
        }
    }

    /// The whole comparison on one connection: read, normalise, diff.
    static func diff(_ supabase: SupabaseConfig, on connection: PostgresConnection) throws(PostgresError) -> SchemaDiff {
        let schemas = Array(Set(supabase.tables.map(\.schema))).sorted()
        let actual = try SchemaReader(connection: connection).read(schemas: schemas)
        let normalised = try DesiredSchemaNormaliser(connection: connection).normalise(supabase.tables, actual: actual)
        let desired = supabase.tables.map { table in
            DesiredTable(table, normalised: normalised[DesiredSchemaNormaliser.TableKey(schema: table.schema, name: table.name)])
        }
        return SchemaDiff.compare(desired: desired, actual: actual, prune: supabase.prune)
    }

    // MARK: - Refresh

    public func refresh(_ request: RefreshRequest) async -> RefreshResponse {
        let change = request.change
        guard DatabaseChangeKind(change.id) != nil, let object = DatabaseObject(payload: change.payload["object"]) else {
            return .failed(Diagnostic(message: "the Supabase database connector does not know changes like \(change.id)", hint: "re-run 'opsctl plan'"))
        }
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

    /// Runs one change's SQL in its own transaction. Prefer `applyAll` for a whole
    /// migration: it is all or nothing across changes.
    public func apply(_ request: ApplyRequest) async -> ApplyResponse {
        let results = await applyAll([request.change])
        return results.first?.response ?? .failed(Diagnostic(message: "nothing was applied"))
    }

    struct BatchResult: Sendable, Equatable {
        var changeID: ChangeID
        var response: ApplyResponse
    }

    /// Runs the changes as ONE migration script (`MigrationScript`, dependency order) in ONE
    /// transaction: every change is applied, or none is and every result is the same
    /// failure. Results come in the script's order, with each object re-read after commit.
    /// Callers refresh each change first (the Applier does), so stale changes never get here.
    func applyAll(_ changes: [Change]) async -> [BatchResult] {
        guard directDatabaseApply else {
            let diagnostic = Diagnostic(
                message: "directDatabaseApply is off, so database changes are not run directly",
                hint: "database changes are delivered as a migration pull request; set directDatabaseApply: true in change-policy.yaml to run them through libpq"
            )
            return changes.map { BatchResult(changeID: $0.id, response: .failed(diagnostic)) }
        }
        let script: MigrationScript
        var objects: [ChangeID: DatabaseObject] = [:]
        do throws(MigrationScriptError) {
            script = try MigrationScript(changes: changes)
        } catch {
            return changes.map { BatchResult(changeID: $0.id, response: .failed(error.diagnostic)) }
        }
        for change in changes {
            guard let object = DatabaseObject(payload: change.payload["object"]) else {
                let diagnostic = Diagnostic(message: "the plan's payload for \(change.id) does not name its object", hint: "re-run 'opsctl plan'")
                return changes.map { BatchResult(changeID: $0.id, response: .failed(diagnostic)) }
            }
            objects[change.id] = object
        }
        let byID = Dictionary(changes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let text = script.text()
        let statementCount = script.steps.reduce(0) { $0 + $1.statements.count }
        let ordered = script.changeIDs
        let orderedObjects = ordered.map { objects[$0]! }
        do {
            let afterStates = try await database.withConnection { connection throws(PostgresError) in
                try connection.execute(script: text)
                var states: [JSONValue] = []
                for object in orderedObjects { states.append(try Self.state(of: object, on: connection)) }
                return states
            }
            return zip(ordered, afterStates).map { id, after in
                BatchResult(changeID: id, response: .applied(
                    before: byID[id]?.before ?? .null, after: after,
                    detail: ordered.count == 1
                        ? "ran \(statementCount) statement\(statementCount == 1 ? "" : "s") in one transaction"
                        : "ran with \(ordered.count - 1) other change\(ordered.count == 2 ? "" : "s") as one migration of \(statementCount) statements in one transaction"
                ))
            }
        } catch {
            var diagnostic = redacted(error.diagnostic)
            diagnostic.hint = diagnostic.hint.map { "\($0); the transaction was rolled back, nothing was changed" }
                ?? "the transaction was rolled back, nothing was changed"
            return ordered.map { BatchResult(changeID: $0, response: .failed(diagnostic)) }
        }
    }

    private func redacted(_ diagnostic: Diagnostic) -> Diagnostic {
        var diagnostic = diagnostic
        diagnostic.message = redactor.redact(diagnostic.message)
        diagnostic.hint = diagnostic.hint.map(redactor.redact)
        return diagnostic
    }
}
