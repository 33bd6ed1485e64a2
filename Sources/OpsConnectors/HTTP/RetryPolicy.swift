/// When and how long to wait before trying a request again.
package struct RetryPolicy: Sendable, Hashable {
    /// Attempts in total, the first included.
    package var maxAttempts: Int
    /// The backoff before the first retry, doubled for each one after it.
    package var baseDelay: Duration
    /// The largest backoff; server-requested waits (`Retry-After`, rate-limit resets) are not
    /// capped by it, only by the overall deadline.
    package var maxDelay: Duration
    /// Statuses worth another try: overload and transient server failures.
    package var retryableStatuses: Set<Int>

    package init(
        maxAttempts: Int = 4,
        baseDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(20),
        retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.retryableStatuses = retryableStatuses
    }

    /// The ceiling of the "full jitter" backoff before retry number `retry` (0 for the first):
    /// `min(maxDelay, baseDelay * 2^retry)`.
    package func backoffCeiling(retry: Int) -> Duration {
        // 2^retry, built exactly; past 2^62 the cap has long taken over.
        let factor = Double(sign: .plus, exponent: min(max(retry, 0), 62), significand: 1)
        return Duration.seconds(double: min(maxDelay.seconds, baseDelay.seconds * factor))
    }

    /// Full jitter (`random(0, ceiling)`) spreads clients that failed together, so they do not
    /// come back together; `unit` is a random number in [0, 1).
    package func backoff(retry: Int, unit: Double) -> Duration {
        let clamped = min(max(unit, 0), 1)
        return Duration.seconds(double: backoffCeiling(retry: retry).seconds * clamped)
    }
}

/// Where backoff randomness comes from: the system generator in production; tests inject a
/// seeded one so that every wait is reproducible.
package protocol JitterSource: Sendable {
    /// A number in [0, 1).
    func nextUnit() -> Double
}

package struct SystemJitterSource: JitterSource {
    package init() {}

    package func nextUnit() -> Double { Double.random(in: 0..<1) }
}
