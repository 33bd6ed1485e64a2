import Foundation
import OpsCore
import Testing

@testable import OpsConnectors

@Suite("Vercel's rate limits")
struct VercelRateLimitsTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    private func decide(_ rateLimits: RateLimitPolicy, body: String) -> RetryDecision {
        RetryClassifier(policy: RetryPolicy(), rateLimits: rateLimits).decide(
            status: 429, headers: HTTPHeaders(), body: Array(body.utf8), isIdempotent: true,
            retry: 0, secondaryHits: 0, now: Self.now, jitterUnit: 0.5)
    }

    @Test func resetInTheBody() {
        let body = #"{"error":{"code":"rate_limited","message":"slow down","limit":{"remaining":0,"reset":1700000010,"total":6}}}"#
        #expect(decide(.vercel, body: body) == .retry(after: .seconds(11), reason: .primaryRateLimit))
    }

    @Test func resetInMillisecondsWins() {
        let body = #"{"error":{"code":"rate_limited","limit":{"reset":1700000010,"resetMs":1700000004500}}}"#
        #expect(decide(.vercel, body: body) == .retry(after: .milliseconds(5500), reason: .primaryRateLimit))
    }

    @Test func otherServicesDoNotReadVercelsBody() {
        let body = #"{"error":{"code":"rate_limited","limit":{"reset":1700000010}}}"#
        #expect(decide(.standard, body: body) == .retry(after: .milliseconds(250), reason: .throttled))
    }
}
