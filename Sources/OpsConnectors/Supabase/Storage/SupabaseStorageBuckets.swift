import Foundation
import OpsCore

/// Storage buckets of one Supabase project, as the three connector operations need them:
/// plan (read and compare), refresh (re-read one bucket), apply (create or update one).
/// The Supabase connector hands every `supabase.bucket.*` change here (`handles`), so the
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
                metrics: metrics
            )
            return SupabaseStorageBuckets(api: SupabaseStorageAPI(client: client))
        }
    }

    /// Whether a change is a bucket change, for the connector's dispatch.
    static func handles(_ change: Change) -> Bool {
        change.id.scope == StorageBucketReconciler.scope && change.id.resource == StorageBucketReconciler.resource
    }

    /// Requests made so far, for `PlanResponse.requestCount`.
    var requestCount: Int { api.client.metrics.snapshot().requests }

    /// Checks and changes for the declared buckets; one `error` check when Storage cannot be read.
    func plan(_ storage: SupabaseStorage) async -> (checks: [Check], changes: [Change]) {
        guard !storage.buckets.isEmpty else { return ([], []) }
        do {
            return StorageBucketReconciler.buckets(desired: storage.buckets, remote: try await api.listBuckets())
        } catch {
            let diagnostic = diagnostic(for: error)
            return ([Check(
                id: "supabase.storage", scope: StorageBucketReconciler.scope, name: "storage buckets", status: .error,
                message: diagnostic.message, suggestedAction: diagnostic.hint
            )], [])
        }
    }

    /// Re-reads the bucket a change is about, just before it is applied.
    func refresh(_ change: Change) async -> RefreshResponse {
        guard let wanted = wanted(change) else { return .failed(malformed(change)) }
        do {
            let current = try await api.bucket(id: wanted.id)?.json ?? .null
            return .comparing(change, with: current)
        } catch {
            return .failed(diagnostic(for: error))
        }
    }

    /// Creates or updates the bucket, then reads it back so `after` is what Storage holds.
    func apply(_ change: Change) async -> ApplyResponse {
        guard let wanted = wanted(change) else { return .failed(malformed(change)) }
        do {
            switch change.id.action {
            case "create":
                try await api.createBucket(wanted)
                let after = await readBack(wanted)
                return .applied(before: .null, after: after, detail: "created the bucket '\(wanted.name)'")
            case "update":
                try await api.updateBucket(wanted)
                let after = await readBack(wanted)
                let before = StorageBucketSnapshot(json: change.before)
                let differences = before.map { wanted.differences(from: $0) } ?? []
                let detail = differences.isEmpty ? "" : " (\(differences.joined(separator: ", ")))"
                return .applied(before: change.before, after: after, detail: "updated the bucket '\(wanted.name)'\(detail)")
            default:
                return .failed(Diagnostic(message: "the Supabase Storage connector does not know changes of kind \(change.kind)"))
            }
        } catch {
            return .failed(diagnostic(for: error))
        }
    }

    // MARK: - Helpers

    private func wanted(_ change: Change) -> StorageBucketSnapshot? {
        guard Self.handles(change), let payload = change.payload["bucket"] else { return nil }
        return StorageBucketSnapshot(json: payload)
    }

    /// The bucket as Storage now has it. The write already succeeded, so a failed read-back
    /// must not turn it into a failure: the declared settings stand in.
    private func readBack(_ wanted: StorageBucketSnapshot) async -> JSONValue {
        ((try? await api.bucket(id: wanted.id)) ?? nil)?.json ?? wanted.json
    }

    private func malformed(_ change: Change) -> Diagnostic {
        Diagnostic(message: "the plan's payload for \(change.id) is incomplete", hint: "re-run 'opsctl plan'")
    }

    private func diagnostic(for error: any Error) -> Diagnostic {
        if let error = error as? any DiagnosticError { return error.diagnostic }
        return Diagnostic(message: api.client.redactor.redact("Supabase Storage request failed: \(error)"))
    }
}
