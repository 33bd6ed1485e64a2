import OpsCore

/// Supabase, mounted at `/supabase`. Today it serves the Storage API's buckets under
/// `/supabase/storage/v1/bucket…` (docs/services/supabase.md, "Storage buckets"); other Supabase
/// APIs can join under their own prefixes (`/rest/v1`, ...) in `handle` without moving the mount.
///
/// Like a Supabase project behind its API gateway, every request needs an `apikey` header
/// (401 from the gateway otherwise) and Storage needs `Authorization: Bearer <jwt>` (its
/// `AccessDenied` otherwise), except that a new-style `sb_secret_…` key in `apikey` is enough.
/// Any non-empty key is accepted and the sandbox is one project, whatever the key. Storage's
/// refusals carry the logical status in the body's `statusCode` under HTTP 400.
package struct SupabaseEmulator: ServiceEmulator {
    package let scope = "supabase"
    static let storagePrefix = ["storage", "v1"]

    package init() {}

    package func prepare(_ state: SandboxStateStore) throws {
        try state.prepare(State.self, scope: scope)
    }

    package func handle(_ request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse {
        // The gateway matches a route before it checks the key, then the service checks its token.
        guard let segments = request.segments, segments.starts(with: Self.storagePrefix) else { return Gateway.noRoute() }
        if let refusal = Gateway.refusal(request) { return refusal }
        if let refusal = StorageAuth.refusal(request) { return refusal }
        let rest = Array(segments.dropFirst(Self.storagePrefix.count))
        return state.transactionOnCopy(State.self, scope: scope) { supabase throws(RouteFailure) in
            try StorageRoutes.dispatch(request, rest: rest, &supabase.storage)
        } unsaved: { error in
            StorageErrors.envelope(
                500, statusCode: "500", code: "InternalError", error: "internal",
                message: "The sandbox could not save its state: \(error.message)")
        }
    }

    /// Injected faults in Storage's envelope, under the real HTTP status: a 429 is Storage's
    /// database throttle (`SlowDown`), 5xx are server errors; other statuses carry their code.
    package func errorResponse(_ error: EmulatorError, for request: EmulatorRequest) -> HTTPResponse {
        var headers = HTTPHeaders()
        if let seconds = error.retryAfterSeconds { headers.set("Retry-After", String(seconds)) }
        let response: HTTPResponse
        switch error.status {
        case 429:
            response = StorageErrors.envelope(
                429, statusCode: "429", code: "SlowDown", error: "too_many_connections",
                message: "Too many connections issued to the database")
        case 500:
            response = StorageErrors.envelope(500, statusCode: "500", code: "InternalError", error: "internal", message: "Internal Server Error")
        default:
            response = StorageErrors.envelope(
                error.status, statusCode: String(error.status), code: nil, error: HTTPStatusPhrase.phrase(for: error.status),
                message: error.message)
        }
        return response.adding(headers)
    }
}
