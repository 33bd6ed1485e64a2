import OpsCore

/// The Heroku Platform API subset opsctl uses, mounted at `/heroku` (docs/services/heroku.md):
/// config vars (a change makes a release), releases, formation and add-ons, plus the write
/// endpoints tests set state through (`POST /apps`, `PATCH /apps/{app}/formation`,
/// `POST /apps/{app}/addons`). Like Heroku it wants `Authorization: Bearer`, answers every
/// request with `RateLimit-Remaining`, pages lists through `Range`/`Next-Range` with 206, and
/// writes errors as `{"id", "message"}`. Any non-empty token is accepted, except those
/// `revokedTokens` lists; tokens are never written to the state.
package struct HerokuEmulator: ServiceEmulator {
    package let scope = "heroku"
    /// Heroku's bucket: 4,500 tokens per account.
    static let bucket = 4500
    let revokedTokens: Set<String>
    let limiter = WindowedRateLimiter(
        windowSeconds: 3600, limitWithToken: HerokuEmulator.bucket,
        headerNames: RateLimitHeaderNames(limit: "RateLimit-Limit", remaining: "RateLimit-Remaining", reset: "RateLimit-Reset")
    )

    package init(revokedTokens: Set<String> = []) {
        self.revokedTokens = revokedTokens
    }

    package func prepare(_ state: SandboxStateStore) throws {
        try state.prepare(State.self, scope: scope)
    }

    package func handle(_ request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse {
        let credential = BearerToken(request)
        if let refusal = credential.refusal(missing: Errors.noCredentials(), malformed: Errors.invalidCredentials()) {
            return refusal
        }
        guard let token = credential.value, !revokedTokens.contains(token) else { return Errors.invalidCredentials() }
        let remaining = limiter.record(token: token).remaining
        let headers = HTTPHeaders([("RateLimit-Remaining", String(remaining)), ("Content-Type", "application/json")])
        if let accept = request.headers["Accept"], accept.contains("application/vnd.heroku+json"), !accept.contains("version=3") {
            return Errors.response(400, id: "bad_request", message: "Please specify a version along with Heroku's API MIME type. For example, `Accept: application/vnd.heroku+json; version=3`.")
                .adding(headers)
        }
        guard let segments = request.segments else { return Errors.notFound().adding(headers) }
        let now = SandboxTimestamp.now()
        let response = state.transactionOnCopy(State.self, scope: scope) { heroku throws(RouteFailure) in
            try route(request, segments: segments, heroku: &heroku, now: now, remaining: remaining)
        } unsaved: { error in
            Errors.response(503, id: "unavailable", message: "The sandbox could not save its state: \(error.message)")
        }
        return response.adding(headers)
    }

    private func route(_ request: EmulatorRequest, segments: [String], heroku: inout State, now: SandboxTimestamp, remaining: Int) throws(RouteFailure) -> HTTPResponse {
        switch (request.method, segments.count, segments.first) {
        case ("GET", 1, "account"):
            return .json(200, ["email": .string(heroku.accountEmail), "id": .string(Self.uuid("account:\(heroku.accountEmail)"))])
        case ("GET", 2, "account") where segments[1] == "rate-limits":
            return .json(200, ["remaining": .int(remaining)])
        case ("POST", 1, "apps"):
            return try Routes.createApp(request, &heroku, now: now)
        case (_, 2..., "apps"):
            let index = heroku.appIndex(segments[1], now: now)
            let rest = Array(segments.dropFirst(2))
            return try Routes.app(request, rest: rest, app: &heroku.apps[index], email: heroku.accountEmail, now: now)
        default:
            throw RouteFailure(response: Errors.notFound())
        }
    }

    /// Heroku's envelope for injected faults: a 429 is `rate_limit` with an empty bucket.
    package func errorResponse(_ error: EmulatorError, for request: EmulatorRequest) -> HTTPResponse {
        switch error.status {
        case 429:
            return Errors.response(429, id: "rate_limit", message: "Your account reached the API rate limit\nPlease wait a few minutes before making new requests")
                .adding(HTTPHeaders([("RateLimit-Remaining", "0")]))
        case 401: return Errors.invalidCredentials()
        case 404: return Errors.notFound()
        default:
            var response = Errors.response(error.status, id: error.status >= 500 ? "internal_server_error" : "bad_request", message: error.message)
            if let seconds = error.retryAfterSeconds { response = response.adding(HTTPHeaders([("Retry-After", String(seconds))])) }
            return response
        }
    }

    /// A stable UUID-shaped id for a name.
    static func uuid(_ seed: String) -> String {
        let high = String(StableHash.fnv1a(seed), radix: 16)
        let low = String(StableHash.fnv1a("\(seed)#2"), radix: 16)
        let hex = Array(String(repeating: "0", count: 16 - high.count) + high + String(repeating: "0", count: 16 - low.count) + low)
        return "\(String(hex[0..<8]))-\(String(hex[8..<12]))-4\(String(hex[13..<16]))-a\(String(hex[17..<20]))-\(String(hex[20..<32]))"
    }
}
