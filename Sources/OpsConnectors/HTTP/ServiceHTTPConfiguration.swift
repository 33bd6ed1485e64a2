import Foundation
import OpsCore

/// Everything about one service's HTTP behaviour, as a value: each connector builds one and
/// hands it to a `ServiceHTTPClient`.
package struct ServiceHTTPConfiguration: Sendable {
    /// The service's display name, used in errors and metrics ("GitHub").
    package var service: String
    /// Where relative request targets are resolved, e.g. `https://api.github.com` or
    /// `http://127.0.0.1:PORT/github` for the sandbox. A path prefix is kept.
    package var baseURL: URL
    /// Sent on every request unless the request sets the same header.
    package var defaultHeaders: HTTPHeaders
    package var authorizer: RequestAuthorizer
    /// Attempts in flight at once for this service.
    package var maxConcurrentRequests: Int
    /// Send POST/PATCH/PUT/DELETE one at a time, for services that refuse or penalise
    /// concurrent writes (docs/http.md, "Service configurations today").
    package var serialMutations: Bool
    package var timeouts: HTTPTimeouts
    package var retry: RetryPolicy
    package var rateLimits: RateLimitPolicy

    package init(
        service: String,
        baseURL: URL,
        defaultHeaders: HTTPHeaders = HTTPHeaders(),
        authorizer: RequestAuthorizer = .none,
        maxConcurrentRequests: Int = 4,
        serialMutations: Bool = false,
        timeouts: HTTPTimeouts = HTTPTimeouts(),
        retry: RetryPolicy = RetryPolicy(),
        rateLimits: RateLimitPolicy = .standard
    ) {
        self.service = service
        self.baseURL = baseURL
        var headers = defaultHeaders
        // Some APIs reject requests without a User-Agent; Foundation's default names the test runner.
        if headers["User-Agent"] == nil { headers.set("User-Agent", Self.userAgent) }
        self.defaultHeaders = headers
        self.authorizer = authorizer
        self.maxConcurrentRequests = max(1, maxConcurrentRequests)
        self.serialMutations = serialMutations
        self.timeouts = timeouts
        self.retry = retry
        self.rateLimits = rateLimits
    }

    package static let userAgent = "opsctl/\(OpsctlVersion.current)"
}

/// Explicit deadlines for every request; nothing is left to the HTTP stack's defaults (an
/// HTTP library's whole-transfer timeout is typically none at all, or days).
package struct HTTPTimeouts: Sendable, Hashable {
    /// One attempt, from sending the request to the last byte of the response.
    package var perAttempt: Duration
    /// All attempts and the waits between them, from the moment the request gets a
    /// concurrency slot. Time spent queued behind other requests does not count: a plan with
    /// many requests must not fail because it is large.
    package var overall: Duration

    package init(perAttempt: Duration = .seconds(30), overall: Duration = .seconds(120)) {
        self.perAttempt = perAttempt
        self.overall = max(overall, perAttempt)
    }
}
