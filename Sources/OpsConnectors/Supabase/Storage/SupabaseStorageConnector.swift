import OpsCore

/// The `supabase` scope's Storage buckets on their own, behind the `Connector` protocol.
/// The full Supabase connector joins this with the database part; until then this one makes
/// buckets plannable and appliable end to end. Changes it does not own fail with a clear
/// message rather than being guessed at.
public struct SupabaseStorageConnector: Connector {
    public let scope = ServiceScope.supabase
    let buckets: SupabaseStorageBuckets

    init(buckets: SupabaseStorageBuckets) {
        self.buckets = buckets
    }

    public static func make(context: ConnectorContext) -> Result<any Connector, MissingCredentials> {
        SupabaseStorageBuckets.make(context: context).map { SupabaseStorageConnector(buckets: $0) }
    }

    public func plan(_ request: PlanRequest) async -> PlanResponse {
        guard let storage = request.desired.supabase?.storage else { return PlanResponse() }
        let (checks, changes) = await buckets.plan(storage)
        return PlanResponse(checks: checks, changes: changes, requestCount: buckets.requestCount)
    }

    public func refresh(_ request: RefreshRequest) async -> RefreshResponse {
        guard SupabaseStorageBuckets.handles(request.change) else { return .failed(unknown(request.change)) }
        return await buckets.refresh(request.change)
    }

    public func apply(_ request: ApplyRequest) async -> ApplyResponse {
        guard SupabaseStorageBuckets.handles(request.change) else { return .failed(unknown(request.change)) }
        return await buckets.apply(request.change)
    }

    private func unknown(_ change: Change) -> Diagnostic {
        Diagnostic(message: "the Supabase Storage connector does not know changes of kind \(change.kind)")
    }
}
