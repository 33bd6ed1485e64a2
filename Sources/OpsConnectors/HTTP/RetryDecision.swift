/// Why a request is tried again; the client uses it for metrics and log lines.
package enum RetryReason: String, Sendable, Hashable {
    /// 500/502/503/504.
    case serverError
    /// A 429 (or a vendor's throttling error) without a hint how long to wait.
    case throttled
    /// The service said how long to wait (`Retry-After`).
    case retryAfter
    /// An exhausted quota with a reset time (`x-ratelimit-remaining: 0`).
    case primaryRateLimit
    /// GitHub's secondary rate limit.
    case secondaryRateLimit
    /// Refused, reset or timed-out connections.
    case connectionFailure

    /// Waits the service asked for apply to every request to that service, not just this one:
    /// firing the others into a known limit would only extend it.
    package var pausesService: Bool {
        switch self {
        case .retryAfter, .primaryRateLimit, .secondaryRateLimit: true
        case .serverError, .throttled, .connectionFailure: false
        }
    }

    /// Rate limiting rather than failure, so an over-long wait is reported as such.
    package var isRateLimit: Bool {
        switch self {
        case .retryAfter, .primaryRateLimit, .secondaryRateLimit, .throttled: true
        case .serverError, .connectionFailure: false
        }
    }
}

package enum RetryDecision: Sendable, Hashable {
    case fail
    case retry(after: Duration, reason: RetryReason)
}
