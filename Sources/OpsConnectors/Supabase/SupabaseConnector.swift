import Foundation
import OpsCore

/// The `supabase` scope: the database schema through libpq (`SUPABASE_DB_URL`) and Storage
/// buckets through the Storage API (`NEXT_PUBLIC_SUPABASE_URL`, `SUPABASE_SERVICE_ROLE_KEY`).
///
/// Database changes are applied together as one migration: committed on a new branch with a
/// pull request (`OPS_GITHUB_*`), or, with `directDatabaseApply: true`, run in one transaction.
/// Each part needs only its own credentials; a declared part without them is one `error`
/// check, and the other part still runs.
package struct SupabaseConnector: Connector {
    package let scope = ServiceScope.supabase
    let database: Result<SupabaseDatabaseConnector, MissingCredentials>
    let storage: Result<SupabaseStorageBuckets, MissingCredentials>
    let publisher: @Sendable () -> Result<MigrationPublisher, MissingCredentials>

    package static func make(context: ConnectorContext) -> Result<any Connector, MissingCredentials> {
        // Direct apply is decided per apply from change-policy.yaml (`ApplySettings`); the
        // database part is built able to run SQL and told when it may.
        let database = SupabaseDatabaseConnector.connector(context: context, directDatabaseApply: true)
        let storage = SupabaseStorageBuckets.make(context: context)
        if case .failure(let missingDatabase) = database, case .failure(let missingStorage) = storage {
            return .failure(missingDatabase.combined(with: missingStorage))
        }
        return .success(SupabaseConnector(database: database, storage: storage, publisher: { MigrationPublisher.make(context: context) }))
    }

    package func plan(_ request: PlanRequest) async -> PlanResponse {
        guard let supabase = request.desired.supabase else { return PlanResponse() }
        async let storageResponse = planStorage(supabase)
        // The database part in this task rather than in an `async let`, whose storage would
        // hold a second reference to its checks: joined into new arrays, each of a 10,000-table
        // plan's 40,000 checks was copied, and the originals freed (docs/performance.md).
        var response = await planDatabase(supabase)
        response.append(await storageResponse)
        return response
    }

    private func planDatabase(_ supabase: SupabaseConfig) async -> PlanResponse {
        guard !supabase.tables.isEmpty || !supabase.enums.isEmpty || !supabase.functions.isEmpty else { return PlanResponse() }
        switch database {
        case .success(let database): return await database.plan(supabase)
        case .failure(let missing): return PlanResponse(checks: [notAudited("the Supabase database schema was", "supabase.database", missing)])
        }
    }

    private func planStorage(_ supabase: SupabaseConfig) async -> PlanResponse {
        guard let declared = supabase.storage, !declared.buckets.isEmpty else { return PlanResponse() }
        switch storage {
        case .success(let buckets):
            return await buckets.plan(declared)
        case .failure(let missing): return PlanResponse(checks: [notAudited("the Supabase Storage buckets were", "supabase.storage", missing)])
        }
    }

    package func refresh(_ request: RefreshRequest) async -> RefreshResponse {
        await request.decoding(SupabaseChange.self) { await refresh(request.change, payload: $0) }
    }

    package func apply(_ request: ApplyRequest) async -> ApplyResponse {
        await request.decoding(SupabaseChange.self) { await apply(request.change, payload: $0, request: request) }
    }

    func refresh(_ change: Change, payload: SupabaseChange) async -> RefreshResponse {
        switch payload {
        case .bucket(let bucket):
            guard case .success(let buckets) = storage else { return .failed(unavailable(storage, change)) }
            return await buckets.refresh(change, payload: bucket)
        case .database(let databaseChange):
            guard case .success(let database) = database else { return .failed(unavailable(database, change)) }
            return await database.refresh(change, payload: databaseChange)
        }
    }

    func apply(_ change: Change, payload: SupabaseChange, request: ApplyRequest) async -> ApplyResponse {
        await apply(batch: ApplyBatchRequest(changes: [change], secrets: request.secrets, settings: request.settings))[0]
    }

    /// Buckets one by one; every database change of the batch as one migration.
    package func apply(batch: ApplyBatchRequest) async -> [ApplyResponse] {
        var responses: [ChangeID: ApplyResponse] = [:]
        var databaseChanges: [Change] = []
        for change in batch.changes {
            do throws(ChangePayloadError) {
                switch try SupabaseChange(change: change) {
                case .bucket(let bucket):
                    switch storage {
                    case .success(let buckets): responses[change.id] = await buckets.apply(change, payload: bucket)
                    case .failure: responses[change.id] = .failed(unavailable(storage, change))
                    }
                case .database:
                    databaseChanges.append(change)
                }
            } catch {
                responses[change.id] = .failed(error.diagnostic)
            }
        }
        if !databaseChanges.isEmpty {
            for result in await applyMigration(databaseChanges, settings: batch.settings) {
                responses[result.changeID] = result.response
            }
        }
        return batch.changes.map { responses[$0.id] ?? .failed(Diagnostic(message: "nothing was applied for \($0.id)")) }
    }

    private func applyMigration(_ changes: [Change], settings: ApplySettings) async -> [DatabaseBatchResult] {
        if settings.directDatabaseApply {
            guard case .success(let database) = database else {
                return changes.map { DatabaseBatchResult(changeID: $0.id, response: .failed(unavailable(self.database, $0))) }
            }
            return await database.applyAll(changes, concurrentIndexBuilds: settings.concurrentIndexBuilds)
        }
        let failure: (Diagnostic) -> [DatabaseBatchResult] = { diagnostic in
            changes.map { DatabaseBatchResult(changeID: $0.id, response: .failed(diagnostic)) }
        }
        let publisher: MigrationPublisher
        switch self.publisher() {
        case .success(let built): publisher = built
        case .failure(let missing):
            return failure(Diagnostic(
                message: "database changes arrive as a pull request, but \(missing.message)",
                hint: "set the OPS_GITHUB_* variables, or directDatabaseApply: true in change-policy.yaml to run the SQL directly"
            ))
        }
        let script: MigrationScript
        do throws(MigrationScriptError) {
            script = try MigrationScript(changes: changes, concurrentIndexBuilds: settings.concurrentIndexBuilds)
        } catch {
            return failure(error.diagnostic)
        }
        let createdAt = Date()
        var results: [DatabaseBatchResult] = []
        if !script.steps.isEmpty {
            // In the order the script runs, so the migration is named after its first step.
            let ordered = script.steps.compactMap { step in changes.first { $0.id == step.changeID } }
            let responses = await publisher.deliver(sql: script.text(), changes: ordered, createdAt: createdAt)
            results += zip(ordered, responses).map { DatabaseBatchResult(changeID: $0.id, response: $1) }
        }
        // Each concurrent statement in a pull request of its own, timestamped after the
        // migration so a runner applies it later, outside any transaction.
        var offset = 0
        for step in script.afterCommitSteps {
            guard let change = changes.first(where: { $0.id == step.changeID }) else { continue }
            var response: ApplyResponse = .failed(Diagnostic(message: "nothing was delivered for \(change.id)"))
            for statement in step.statements {
                offset += 1
                let delivered = await publisher.deliver(
                    sql: script.afterCommitText(step, statement: statement), changes: [change], slug: nil,
                    createdAt: createdAt.addingTimeInterval(TimeInterval(offset))
                )
                response = delivered.first ?? response
                if case .failed = response { break }
            }
            results.append(DatabaseBatchResult(changeID: change.id, response: response))
        }
        return results
    }

    private func notAudited(_ subject: String, _ id: String, _ missing: MissingCredentials) -> Check {
        Check(
            id: id, scope: scope, name: id, status: .error,
            message: "\(subject) not audited: \(missing.message)",
            suggestedAction: missing.suggestedAction
        )
    }

    private func unavailable<T>(_ part: Result<T, MissingCredentials>, _ change: Change) -> Diagnostic {
        guard case .failure(let missing) = part else { return Diagnostic(message: "cannot apply \(change.id)") }
        return Diagnostic(message: "cannot apply \(change.id): \(missing.message)", hint: "set the variable and re-run apply")
    }
}

/// A Supabase change is either a Storage bucket change or a database change; which one is
/// decided by its kind, once.
enum SupabaseChange: ChangePayload, Equatable {
    case bucket(StorageBucketChange)
    case database(DatabaseChange)

    init(change: Change) throws(ChangePayloadError) {
        if StorageBucketChangeKind(change.id) != nil {
            self = .bucket(try StorageBucketChange(change: change))
        } else {
            self = .database(try DatabaseChange(change: change))
        }
    }
}
