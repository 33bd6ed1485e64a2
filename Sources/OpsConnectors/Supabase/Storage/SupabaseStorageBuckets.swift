import Foundation
import OpsCore

/// Storage buckets of one Supabase project, as the three connector operations need them:
/// plan (read and compare), refresh (re-read one bucket), apply (create or update one).
/// The Supabase connector hands every `supabase.bucket.*` change here (`SupabaseChange`), so the
/// database part and this one stay independent.
struct SupabaseStorageBuckets: Sendable {
    let api: SupabaseStorageAPI

    init(api: SupabaseStorageAPI) {
        self.api = api
    }

    /// Buckets over the Storage API found from the environment (`SupabaseStorageEndpoint`).
    static func make(context: ConnectorContext, metrics: HTTPMetrics = HTTPMetrics()) -> Result<SupabaseStorageBuckets, MissingCredentials> {
        SupabaseStorageEndpoint.resolve(context: context).map { endpoint in
            let client = ServiceHTTPClient(
                configuration: .supabaseStorage(baseURL: endpoint.baseURL, serviceRoleKey: endpoint.serviceRoleKey),
                redactor: context.redactor,
                metrics: metrics,
                observer: HTTPRequestLog.observer(for: context)
            )
            return SupabaseStorageBuckets(api: SupabaseStorageAPI(client: client))
        }
    }

    /// Requests made so far, for `PlanResponse.requestCount`.
    var requestCount: Int { api.client.metrics.snapshot().requests }

    /// Checks and changes for the declared buckets; one `error` check when Storage cannot be read.
    func plan(_ storage: SupabaseStorage) async -> PlanResponse {
        guard !storage.buckets.isEmpty else { return PlanResponse() }
        do {
            let remote = try await api.listBuckets()
            let (checks, changes) = StorageBucketReconciler.buckets(desired: storage.buckets, remote: remote)
            return PlanResponse(
                checks: checks, changes: changes, requestCount: requestCount,
                coverage: [StorageBucketReconciler.coverage(desired: storage.buckets, remote: remote)]
            )
        } catch {
            let diagnostic = diagnostic(for: error)
            return PlanResponse(checks: [Check(
                id: "supabase.storage", scope: StorageBucketReconciler.scope, name: "storage buckets", status: .error,
                message: diagnostic.message, suggestedAction: diagnostic.hint
            )], requestCount: requestCount)
        }
    }

    /// Re-reads the bucket a change is about, just before it is applied.
    func refresh(_ change: Change, payload: StorageBucketChange) async -> RefreshResponse {
        do {
            let current = try await api.bucket(id: payload.wanted.id)?.json ?? .null
            return .comparing(change, with: current)
        } catch {
            return .failed(diagnostic(for: error))
        }
    }

    /// Creates or updates the bucket, then reads it back so `after` is what Storage holds.
    func apply(_ change: Change, payload: StorageBucketChange) async -> ApplyResponse {
        do {
            switch payload {
            case .create(let wanted):
                try await api.createBucket(wanted)
                let after = await readBack(wanted)
                return .applied(before: .null, after: after, detail: "created the bucket '\(wanted.name)'")
            case .update(let wanted):
                try await api.updateBucket(wanted)
                let after = await readBack(wanted)
                let before = StorageBucketSnapshot(json: change.before)
                let differences = before.map { wanted.differences(from: $0) } ?? []
                let detail = differences.isEmpty ? "" : " (\(differences.joined(separator: ", ")))"
                return .applied(before: change.before, after: after, detail: "updated the bucket '\(wanted.name)'\(detail)")
            }
        } catch {
            return .failed(diagnostic(for: error))
        }
    }

    // MARK: - Helpers

    /// The bucket as Storage now has it. The write already succeeded, so a failed read-back
    /// must not turn it into a failure: the declared settings stand in.
    private func readBack(_ wanted: StorageBucketSnapshot) async -> JSONValue {
        ((try? await api.bucket(id: wanted.id)) ?? nil)?.json ?? wanted.json
    }

    private func diagnostic(for error: any Error) -> Diagnostic {
        if let error = error as? any DiagnosticError { return error.diagnostic }
        return Diagnostic(message: api.client.redactor.redact("Supabase Storage request failed: \(error)"))
    }
}
