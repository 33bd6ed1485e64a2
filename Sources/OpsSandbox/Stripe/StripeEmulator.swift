import OpsCore

/// The Stripe API subset the connector reads, and the create endpoints that set it up, mounted
/// at `/stripe` (docs/services/stripe.md, docs/sandbox.md "Stripe"): prices, webhook endpoints
/// and products.
///
/// Like api.stripe.com it takes the key as a bearer token or as the Basic user name, keeps
/// test and live objects apart by the key's mode, reads form-encoded bodies with bracket keys,
/// refuses unknown parameters, pages lists with `starting_after`/`ending_before`/`has_more`,
/// answers errors as `{"error": {"type", "code", "message", "param"}}`, and echoes
/// `Stripe-Version` and a `Request-Id` on every response. Restricted keys follow the sandbox
/// rule in `Credential`.
package struct StripeEmulator: ServiceEmulator {
    package let scope = "stripe"
    /// The account every key belongs to, as named in permission errors.
    static let accountID = "acct_1SandboxOpsctl00"
    /// The version answered when a request names none: the account's default.
    static let defaultVersion = "2023-08-16"
    /// What the emulator was asked, for tests; never the credential.
    let journal = Journal()

    package init() {}

    package func prepare(_ state: SandboxStateStore) throws {
        try state.prepare(State.self, scope: scope)
    }

    package func handle(_ request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse {
        journal.record(request)
        let version = request.headers["Stripe-Version"] ?? Self.defaultVersion
        let response: HTTPResponse
        if Self.isAPIVersion(version) {
            response = respond(request, state: state)
        } else {
            response = Errors.response(400, type: "invalid_request_error", message: "Invalid Stripe API version: \(version)")
        }
        return response.adding(headers(for: request, version: version))
    }

    /// Stripe's envelope for injected faults. A 429 carries no `Retry-After`, as Stripe's do
    /// not: clients back off on their own (docs/services/stripe.md, "Rate limits").
    package func errorResponse(_ error: EmulatorError, for request: EmulatorRequest) -> HTTPResponse {
        var response: HTTPResponse
        switch error.status {
        case 429:
            response = Errors.response(
                429, type: "invalid_request_error", message: "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
                code: "rate_limit")
            response = response.adding(HTTPHeaders([("Stripe-Should-Retry", "true")]))
        case 500...599:
            response = Errors.response(error.status, type: "api_error", message: error.message)
            if let seconds = error.retryAfterSeconds { response = response.adding(HTTPHeaders([("Retry-After", String(seconds))])) }
        default:
            response = Errors.response(error.status, type: "invalid_request_error", message: error.message)
        }
        return response.adding(headers(for: request, version: request.headers["Stripe-Version"] ?? Self.defaultVersion))
    }

    /// `2023-08-16`, or a date and a release name, `2025-07-30.basil`.
    static func isAPIVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        let dateIsValid = date.count == 3 && zip(date, [4, 2, 2]).allSatisfy { part, length in part.count == length && part.allSatisfy(\.isNumber) }
        return dateIsValid && (parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isLowercase }))
    }

    private func headers(for request: EmulatorRequest, version: String) -> HTTPHeaders {
        let id = String(StableHash.fnv1a("\(SandboxTimestamp.now().epochMicroseconds):\(request.original.target)"), radix: 36)
        return HTTPHeaders([("Request-Id", "req_\(id)"), ("Stripe-Version", version)])
    }

    private func respond(_ request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse {
        let credential: Credential
        switch Credential.read(request) {
        case .success(let read): credential = read
        case .failure(let refusal): return refusal.response
        }
        guard let segments = request.segments, let route = Route(segments: segments), allows(route, request.method) else {
            return Errors.unrecognizedURL(method: request.method, path: request.path).response
        }
        if let refusal = credential.refusal(route.resource, write: request.method != "GET") { return refusal.response }
        let query: Form
        do throws(RouteFailure) {
            query = try Form(query: request.query)
        } catch {
            return error.response
        }
        let context = RouteContext(request: request, credential: credential, query: query)
        return state.transactionOnCopy(State.self, scope: scope) { stripe throws(RouteFailure) in
            try dispatch(route, context, &stripe)
        } unsaved: { error in
            Errors.response(500, type: "api_error", message: "The sandbox could not save its state: \(error.message)")
        }
    }

    private func allows(_ route: Route, _ method: String) -> Bool {
        switch route {
        case .prices, .price, .webhookEndpoints, .products, .product: ["GET", "POST"].contains(method)
        case .webhookEndpoint: ["GET", "POST", "DELETE"].contains(method)
        }
    }

    private func dispatch(_ route: Route, _ context: RouteContext, _ stripe: inout State) throws(RouteFailure) -> HTTPResponse {
        let isRead = context.request.method == "GET"
        switch route {
        case .prices:
            return isRead ? try PriceRoutes.list(context, stripe) : try PriceRoutes.create(context, &stripe)
        case .price(let id):
            return isRead ? try PriceRoutes.retrieve(context, stripe, id: id) : try PriceRoutes.update(context, &stripe, id: id)
        case .webhookEndpoints:
            return isRead ? try WebhookRoutes.list(context, stripe) : try WebhookRoutes.create(context, &stripe)
        case .webhookEndpoint(let id):
            switch context.request.method {
            case "GET": return try WebhookRoutes.retrieve(context, stripe, id: id)
            case "DELETE": return try WebhookRoutes.delete(context, &stripe, id: id)
            default: return try WebhookRoutes.update(context, &stripe, id: id)
            }
        case .products:
            guard !isRead else { throw Errors.unrecognizedURL(method: "GET", path: context.request.path) }
            return try ProductRoutes.create(context, &stripe)
        case .product(let id):
            return isRead ? try ProductRoutes.retrieve(context, stripe, id: id) : try ProductRoutes.update(context, &stripe, id: id)
        }
    }
}
