import OpsCore

/// The PostHog private API subset opsctl uses, mounted at `/posthog` (docs/services/posthog.md):
/// `GET /api/projects/@current/`, `GET /api/projects/{id}/`, and `POST /api/projects/` to set
/// up state. Like PostHog it wants a personal API key as `Authorization: Bearer phx_…` and
/// answers errors in drf-exceptions-hog's `{type, code, detail, attr}`.
///
/// Any `phx_` key is accepted and sees every project, except those `Options` hides from it
/// (403), so tests can tell "forbidden" from "absent". Keys are never written to the state.
package struct PostHogEmulator: ServiceEmulator {
    package let scope = "posthog"
    let options: Options

    package init(options: Options = Options()) {
        self.options = options
    }

    package func prepare(_ state: SandboxStateStore) throws {
        try state.prepare(State.self, scope: scope)
    }

    package func handle(_ request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse {
        let credential = BearerToken(request)
        if let refusal = credential.refusal(
            missing: Errors.response(401, type: "authentication_error", code: "not_authenticated", detail: "Authentication credentials were not provided."),
            malformed: Errors.invalidKey()
        ) {
            return refusal
        }
        guard let key = credential.value, key.hasPrefix("phx_"), !options.revokedKeys.contains(key) else { return Errors.invalidKey() }
        guard let segments = request.segments, segments.count >= 2, segments[0] == "api", segments[1] == "projects", segments.count <= 3 else {
            return Errors.notFound()
        }
        return state.transactionOnCopy(State.self, scope: scope) { posthog throws(RouteFailure) in
            switch (segments.count, request.method) {
            case (2, "POST"):
                return try ProjectRoutes.create(request, &posthog)
            case (2, "GET"):
                return ProjectRoutes.list(key: key, options: options, posthog)
            case (3, "GET"):
                return try ProjectRoutes.get(segments[2], key: key, options: options, posthog)
            case (2, _), (3, _):
                throw RouteFailure(response: Errors.response(405, type: "invalid_request", code: "method_not_allowed", detail: "Method \"\(request.method)\" not allowed."))
            default:
                throw RouteFailure(response: Errors.notFound())
            }
        } unsaved: { error in
            Errors.response(500, type: "server_error", code: "error", detail: "The sandbox could not save its state: \(error.message)")
        }
    }

    /// PostHog's envelope for injected faults; a 429 is DRF's throttle answer with `Retry-After`.
    package func errorResponse(_ error: EmulatorError, for request: EmulatorRequest) -> HTTPResponse {
        switch error.status {
        case 429:
            let seconds = error.retryAfterSeconds ?? 1
            return Errors.response(429, type: "throttled_error", code: "throttled", detail: "Request was throttled. Expected available in \(seconds) seconds.")
                .adding(HTTPHeaders([("Retry-After", String(seconds))]))
        case 401: return Errors.invalidKey()
        case 403: return Errors.forbidden()
        default:
            var response = Errors.response(error.status, type: error.status >= 500 ? "server_error" : "invalid_request", code: "error", detail: error.message)
            if let seconds = error.retryAfterSeconds { response = response.adding(HTTPHeaders([("Retry-After", String(seconds))])) }
            return response
        }
    }
}
