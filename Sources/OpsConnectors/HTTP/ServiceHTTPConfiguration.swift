import Foundation
import OpsCore

/// Everything about one service's HTTP behaviour, as a value: each connector builds one and
/// hands it to a `ServiceHTTPClient`.
public struct ServiceHTTPConfiguration: Sendable {
    /// The service's display name, used in errors and metrics ("GitHub").
    public var service: String
    /// Where relative request targets are resolved, e.g. `https://api.github.com` or
    /// `http://127.0.0.1:PORT/github` for the sandbox. A path prefix is kept.
    public var baseURL: URL
    /// Sent on every request unless the request sets the same header.
    public var defaultHeaders: HTTPHeaders
    public var authorizer: RequestAuthorizer
    /// Attempts in flight at once for this service.
    public var maxConcurrentRequests: Int
    /// Send POST/PATCH/PUT/DELETE one at a time, for services that refuse or penalise
    /// concurrent writes (docs/http.md, "Service configurations today").
    public var serialMutations: Bool
    public var timeouts: HTTPTimeouts
    public var retry: RetryPolicy
    public var rateLimits: RateLimitPolicy

    public init(
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

    public static let userAgent = "opsctl/\(OpsctlVersion.current)"
}

/// Explicit deadlines for every request. URLSession's own resource timeout defaults to seven
/// days, so nothing here is left to its defaults.
public struct HTTPTimeouts: Sendable, Hashable {
    /// One attempt, from sending the request to the last byte of the response.
    public var perAttempt: Duration
    /// All attempts and the waits between them, from the moment the request gets a
    /// concurrency slot. Time spent queued behind other requests does not count: a plan with
    /// many requests must not fail because it is large.
    public var overall: Duration

    public init(perAttempt: Duration = .seconds(30), overall: Duration = .seconds(120)) {
        self.perAttempt = perAttempt
        self.overall = max(overall, perAttempt)
    }
}
