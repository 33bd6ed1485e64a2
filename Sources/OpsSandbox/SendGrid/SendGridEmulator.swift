import OpsCore

/// The SendGrid v3 subset the connector reads, and the endpoints that set it up, mounted at
/// `/sendgrid` (docs/services/sendgrid.md, docs/sandbox.md "SendGrid"): authenticated domains
/// (list, authenticate, get, delete, validate) and verified senders (list, create, delete,
/// resend, verify).
///
/// Like api.sendgrid.com it wants `Authorization: Bearer SG.…`, answers errors as
/// `{"errors": [{"field", "message"}]}`, and puts `X-RateLimit-Limit`/`-Remaining`/`-Reset`
/// (an epoch) on every response. Validation reads the sandbox's own DNS zone, filled through
/// `/sendgrid/_sandbox/dns`; a sender is verified by opening its verification link,
/// `/v3/verified_senders/verify/sandbox-verify-<id>`.
package struct SendGridEmulator: ServiceEmulator {
    package let scope = "sendgrid"
    /// SendGrid's limits vary per endpoint and are not published; one figure per minute stands in.
    private let rateLimiter = WindowedRateLimiter(
        windowSeconds: 60, limitWithToken: 600,
        headerNames: RateLimitHeaderNames(limit: "X-RateLimit-Limit", remaining: "X-RateLimit-Remaining", reset: "X-RateLimit-Reset"))

    package init() {}

    package func prepare(_ state: SandboxStateStore) throws {
        try state.prepare(State.self, scope: scope)
    }

    package func handle(_ request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse {
        guard let segments = request.segments, let route = Route(segments: segments) else {
            return Errors.notFound.response
        }
        guard route.methods.contains(request.method) else {
            return Errors.response(405, "method not allowed").adding(HTTPHeaders([("Allow", route.methods.joined(separator: ", "))]))
        }
        // The DNS zone is the sandbox's, not SendGrid's: no key, no rate limit.
        guard let area = route.area else { return respond(route, request, state: state) }
        let credential: Credential
        switch Credential.read(request) {
        case .success(let read): credential = read
        case .failure(let refusal): return refusal.response.adding(rateLimiter.headers(rateLimiter.record(token: nil)))
        }
        let headers = rateLimiter.headers(rateLimiter.record(token: credential.key))
        if let accept = request.headers["Accept"], !accept.contains("json"), !accept.contains("*/*") {
            return Errors.response(406, "Accept header must allow application/json").adding(headers)
        }
        if let refusal = credential.refusal(area) { return refusal.response.adding(headers) }
        return respond(route, request, state: state).adding(headers)
    }

    /// SendGrid's envelope for injected faults; a 429 says `too many requests` with an exhausted
    /// `X-RateLimit-*` set resetting in a second.
    package func errorResponse(_ error: EmulatorError, for request: EmulatorRequest) -> HTTPResponse {
        if error.status == 429 {
            return Errors.response(429, "too many requests").adding(rateLimiter.exhaustedHeaders(reset: rateLimiter.now() + 1))
        }
        var response = Errors.response(error.status, error.message)
        if let seconds = error.retryAfterSeconds { response = response.adding(HTTPHeaders([("Retry-After", String(seconds))])) }
        return response
    }

    private func respond(_ route: Route, _ request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse {
        state.transactionOnCopy(State.self, scope: scope) { sendgrid throws(RouteFailure) in
            switch (route, request.method) {
            case (.domains, "GET"): return try DomainRoutes.list(request, sendgrid)
            case (.domains, _): return try DomainRoutes.create(request, &sendgrid)
            case (.domain(let id), "GET"): return try DomainRoutes.get(sendgrid, id: id)
            case (.domain(let id), _): return try DomainRoutes.delete(&sendgrid, id: id)
            case (.validateDomain(let id), _): return try DomainRoutes.validate(&sendgrid, id: id)
            case (.senders, "GET"): return try SenderRoutes.list(request, sendgrid)
            case (.senders, _): return try SenderRoutes.create(request, &sendgrid)
            case (.sender(let id), _): return try SenderRoutes.delete(&sendgrid, id: id)
            case (.resendVerification(let id), _): return try SenderRoutes.resend(sendgrid, id: id)
            case (.verify(let token), _): return try SenderRoutes.verify(&sendgrid, token: token)
            case (.dns, "GET"): return DNSRoutes.list(sendgrid)
            case (.dns, _): return try DNSRoutes.publish(request, &sendgrid)
            }
        } unsaved: { error in
            Errors.response(500, "The sandbox could not save its state: \(error.message)")
        }
    }
}
