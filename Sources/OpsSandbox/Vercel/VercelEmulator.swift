import OpsCore

/// The Vercel REST API subset the connectors use, mounted at `/vercel` (docs/services/vercel.md and
/// Vercel's OpenAPI description): project env vars (list, create one or many with `upsert`,
/// decrypted read, edit, delete, batch delete), the project with its deployed `crons`, and
/// deployments created from an inline `vercel.json`, which is how crons change on the real service
/// too.
///
/// Like api.vercel.com it wants `Authorization: Bearer <token>` (any non-empty token is
/// accepted), answers errors as `{"error":{"code","message"}}`, puts `X-RateLimit-*` headers on
/// every response, and accepts `teamId` (or `slug`) on every call: projects live per account,
/// so a request that forgets `teamId` sees a different, empty project. Any project id or name
/// exists on first use; reads of a project never written leave the state unchanged.
///
/// Setting deployed crons from a test: `POST /vercel/v13/deployments` with `target:
/// "production"` and a `vercel.json` file whose `crons` array is the definitions (see
/// `DeploymentRoutes`). Disabled crons (`disabledAt`) have no API on the real service either;
/// seed them in the state file, `vercel.projects.<id>.crons.disabledAt` (epoch ms).
package struct VercelEmulator: ServiceEmulator {
    package let scope = "vercel"
    let options: Options
    /// Vercel's limits are per endpoint and undocumented as headers; one figure per minute
    /// stands in for them.
    private let rateLimiter = WindowedRateLimiter(
        windowSeconds: 60, limitWithToken: 1000,
        headerNames: RateLimitHeaderNames(limit: "X-RateLimit-Limit", remaining: "X-RateLimit-Remaining", reset: "X-RateLimit-Reset"))

    package init(options: Options = Options()) {
        self.options = options
    }

    package func prepare(_ state: SandboxStateStore) throws {
        try state.prepare(State.self, scope: scope)
    }

    package func handle(_ request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse {
        let credential = BearerToken(request)
        let headers = rateLimiter.headers(rateLimiter.record(token: credential.value))
        if let refusal = credential.refusal(missing: notAuthorized(), malformed: notAuthorized()) {
            return refusal.adding(headers)
        }
        return respond(request, state: state).adding(headers)
    }

    /// Vercel's envelope for injected faults; a 429 carries the `limit` object and an
    /// exhausted `X-RateLimit-*` set resetting in a second (docs/services/vercel.md, "Requests").
    package func errorResponse(_ error: EmulatorError, for request: EmulatorRequest) -> HTTPResponse {
        switch error.status {
        case 429:
            let reset = rateLimiter.now() + 1
            let limit: JSONValue = ["remaining": 0, "reset": .int(reset), "resetMs": .int(reset * 1000), "total": .int(rateLimiter.limitWithToken)]
            return Errors.response(429, code: "rate_limited", message: "Rate limit exceeded", extra: ["limit": limit])
                .adding(rateLimiter.exhaustedHeaders(reset: reset))
        default:
            let code = error.status >= 500 ? "internal_server_error" : Errors.code(for: error.status)
            var response = Errors.response(error.status, code: code, message: error.message)
            if let seconds = error.retryAfterSeconds { response = response.adding(HTTPHeaders([("Retry-After", String(seconds))])) }
            return response
        }
    }

    /// Vercel answers a missing token and a malformed one alike.
    private func notAuthorized() -> HTTPResponse {
        let status = options.unauthenticatedStatus
        return Errors.response(
            status, code: status == 401 ? "not_authenticated" : "forbidden", message: "Not authorized", extra: ["invalidToken": true])
    }

    private func respond(_ request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse {
        guard let segments = request.segments, let route = Route(segments: segments) else {
            return Errors.notFound("The requested API endpoint was not found.").response
        }
        guard route.allows(request.method) else {
            return Errors.response(405, code: "method_unknown", message: "This endpoint only responds to \(route.methods.joined(separator: ", "))")
                .adding(HTTPHeaders([("Allow", route.methods.joined(separator: ", "))]))
        }
        let account = Account(query: request.query)
        return state.transactionOnCopy(State.self, scope: scope) { vercel throws(RouteFailure) in
            try dispatch(route, request, account: account, &vercel)
        } unsaved: { error in
            Errors.response(500, code: "internal_server_error", message: "The sandbox could not save its state: \(error.message)")
        }
    }

    private func dispatch(_ route: Route, _ request: EmulatorRequest, account: Account, _ vercel: inout State) throws(RouteFailure) -> HTTPResponse {
        let context = RouteContext(request: request, options: options)
        switch (route, request.method) {
        case (.envs(let project), "GET"):
            return EnvRoutes.list(context, vercel.project(project, in: account))
        case (.envs(let project), "POST"):
            return try EnvRoutes.create(context, project: project, account: account, &vercel)
        case (.envBatch(let project), _):
            return try EnvRoutes.deleteMany(context, project: project, account: account, &vercel)
        case (.decryptedEnv(let project, let id), _):
            return try EnvRoutes.getDecrypted(context, vercel.project(project, in: account), id: id)
        case (.env(let project, let id), "PATCH"):
            return try EnvRoutes.edit(context, project: project, account: account, id: id, &vercel)
        case (.env(let project, let id), _):
            return try EnvRoutes.delete(context, project: project, account: account, id: id, &vercel)
        case (.project(let project), _):
            return ProjectRoutes.get(vercel.project(project, in: account))
        case (.deployments, _):
            return try DeploymentRoutes.create(context, account: account, &vercel)
        default:
            throw Errors.notFound("The requested API endpoint was not found.")
        }
    }
}
