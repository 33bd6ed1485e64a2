import Foundation
import OpsCore

/// Decides, from one failed attempt, whether to try again and after how long. Pure: the
/// client hands in the clock reading and the random number, so every rule is testable
/// without a network.
package struct RetryClassifier: Sendable {
    package var policy: RetryPolicy
    package var rateLimits: RateLimitPolicy

    package init(policy: RetryPolicy, rateLimits: RateLimitPolicy) {
        self.policy = policy
        self.rateLimits = rateLimits
    }

    /// - Parameters:
    ///   - retry: how many retries this request had already (0 after the first attempt).
    ///   - secondaryHits: how many of those were a vendor's secondary limit (`VendorWait.secondaryLimit`).
    package func decide(
        status: Int,
        headers: HTTPHeaders,
        body: [UInt8],
        isIdempotent: Bool,
        retry: Int,
        secondaryHits: Int,
        now: Date,
        jitterUnit: Double
    ) -> RetryDecision {
        let retryAfter = RetryAfter.parse(headers["Retry-After"], now: now)
        let backoff = policy.backoff(retry: retry, unit: jitterUnit)

        if isRateLimited(status: status, headers: headers, body: body, retryAfter: retryAfter) {
            // A throttled request was refused before it ran, so it is safe to repeat whatever the method.
            if let retryAfter { return .retry(after: retryAfter, reason: .retryAfter) }
            if headers["x-ratelimit-remaining"]?.trimmingCharacters(in: .whitespaces) == "0",
                let reset = resetDelay(headers["x-ratelimit-reset"], now: now)
            {
                return .retry(after: reset + rateLimits.resetSlack, reason: .primaryRateLimit)
            }
            switch rateLimits.vendor?.requestedWait(body: body, secondaryHits: secondaryHits, now: now) {
            case .untilReset(let reset):
                return .retry(after: reset + rateLimits.resetSlack, reason: .primaryRateLimit)
            case .secondaryLimit(let wait):
                return .retry(after: wait, reason: .secondaryRateLimit)
            case nil:
                break
            }
            return .retry(after: backoff, reason: .throttled)
        }

        if policy.retryableStatuses.contains(status) {
            // A 5xx may come after the server acted on the request; repeating a mutation that
            // is not idempotent could apply it twice.
            guard isIdempotent else { return .fail }
            if let retryAfter { return .retry(after: retryAfter, reason: .retryAfter) }
            return .retry(after: backoff, reason: .serverError)
        }
        return .fail
    }

    /// After a transport failure. A refused connection never reached the server, so any
    /// request may be repeated; a reset or timeout may have happened after the server acted.
    package func decide(failure: TransportFailure, isIdempotent: Bool, retry: Int, jitterUnit: Double) -> RetryDecision {
        let backoff = policy.backoff(retry: retry, unit: jitterUnit)
        switch failure {
        case .refused:
            return .retry(after: backoff, reason: .connectionFailure)
        case .reset, .timedOut:
            return isIdempotent ? .retry(after: backoff, reason: .connectionFailure) : .fail
        case .cancelled, .other, .libraryUnavailable:
            return .fail
        }
    }

    private func isRateLimited(status: Int, headers: HTTPHeaders, body: [UInt8], retryAfter: Duration?) -> Bool {
        if status == 429 { return true }
        return rateLimits.vendor?.isThrottled(status: status, headers: headers, body: body, retryAfter: retryAfter) ?? false
    }

    /// `x-ratelimit-reset` is an epoch for GitHub and SendGrid but seconds-from-now for
    /// Supabase; an epoch is always far larger than any sane delay, which tells them apart.
    func resetDelay(_ value: String?, now: Date) -> Duration? {
        guard let value, let number = Double(value.trimmingCharacters(in: .whitespaces)), number >= 0 else {
            return nil
        }
        if number >= 1_000_000_000 {
            return .seconds(double: number - now.timeIntervalSince1970)
        }
        return .seconds(double: number)
    }
}

/// The `Retry-After` header (RFC 9110 §10.2.3): either a number of seconds or an HTTP date.
package enum RetryAfter {
    /// How long to wait from `now`, or nil for a missing or unreadable value. A date in the
    /// past means "now" (zero), not an error.
    package static func parse(_ value: String?, now: Date) -> Duration? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        if trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            // The RFC allows whole seconds only; fractions are tolerated because some proxies send them.
            guard let seconds = Double(trimmed), seconds.isFinite, seconds >= 0 else { return nil }
            return .seconds(double: seconds)
        }
        guard let date = HTTPDate.parse(trimmed) else { return nil }
        return .seconds(double: date.timeIntervalSince(now))
    }
}
