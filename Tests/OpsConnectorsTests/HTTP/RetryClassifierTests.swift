import Foundation
import OpsCore
import Testing

@testable import OpsConnectors

@Suite("Retry decisions")
struct RetryClassifierTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    let standard = RetryClassifier(policy: RetryPolicy(), rateLimits: .standard)

    private func decide(
        _ classifier: RetryClassifier, _ status: Int, _ headers: [(String, String)] = [], body: String = "",
        idempotent: Bool = true, retry: Int = 0, secondaryHits: Int = 0, unit: Double = 0.5
    ) -> RetryDecision {
        classifier.decide(
            status: status, headers: HTTPHeaders(headers), body: Array(body.utf8), isIdempotent: idempotent,
            retry: retry, secondaryHits: secondaryHits, now: Self.now, jitterUnit: unit)
    }

    @Test func tooManyRequestsWithRetryAfterSeconds() {
        #expect(decide(standard, 429, [("Retry-After", "7")]) == .retry(after: .seconds(7), reason: .retryAfter))
    }

    @Test func tooManyRequestsWithRetryAfterDate() {
        let header = ("Retry-After", "Tue, 14 Nov 2023 22:13:40 GMT")  // now + 20 s
        #expect(decide(standard, 429, [header]) == .retry(after: .seconds(20), reason: .retryAfter))
    }

    @Test func tooManyRequestsWithoutHintBacksOff() {
        #expect(decide(standard, 429, unit: 0.5) == .retry(after: .milliseconds(250), reason: .throttled))
    }

    @Test func throttledMutationsAreRetriedBecauseTheyNeverRan() {
        #expect(decide(standard, 429, [("Retry-After", "1")], idempotent: false) == .retry(after: .seconds(1), reason: .retryAfter))
    }

    @Test func forbiddenIsNeverRetriedOutsideGitHub() {
        #expect(decide(standard, 403, [("x-ratelimit-remaining", "0"), ("Retry-After", "5")]) == .fail)
    }

    @Test(arguments: [500, 502, 503, 504])
    func serverErrorsRetryIdempotentRequests(status: Int) {
        #expect(decide(standard, status, unit: 0) == .retry(after: .zero, reason: .serverError))
        #expect(decide(standard, status, idempotent: false) == .fail)
    }

    @Test func unavailableWithRetryAfter() {
        #expect(decide(standard, 503, [("Retry-After", "3")]) == .retry(after: .seconds(3), reason: .retryAfter))
    }

    @Test(arguments: [400, 401, 404, 409, 422, 501])
    func clientErrorsFailAtOnce(status: Int) {
        #expect(decide(standard, status) == .fail)
    }

    @Test func resetAsSecondsFromNow() {
        // Supabase sends seconds remaining, SendGrid and GitHub an epoch.
        #expect(decide(standard, 429, [("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "12")]) == .retry(after: .seconds(13), reason: .primaryRateLimit))
        #expect(decide(standard, 429, [("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "1700000012")]) == .retry(after: .seconds(13), reason: .primaryRateLimit))
    }

    @Test func transportFailures() {
        let refusedPost = standard.decide(failure: .refused, isIdempotent: false, retry: 0, jitterUnit: 0)
        #expect(refusedPost == .retry(after: .zero, reason: .connectionFailure))
        #expect(standard.decide(failure: .reset, isIdempotent: false, retry: 0, jitterUnit: 0) == .fail)
        #expect(standard.decide(failure: .timedOut, isIdempotent: false, retry: 0, jitterUnit: 0) == .fail)
        #expect(standard.decide(failure: .reset, isIdempotent: true, retry: 1, jitterUnit: 1) == .retry(after: .seconds(1), reason: .connectionFailure))
        #expect(standard.decide(failure: .timedOut, isIdempotent: true, retry: 0, jitterUnit: 0) == .retry(after: .zero, reason: .connectionFailure))
        #expect(standard.decide(failure: .other("TLS failure"), isIdempotent: true, retry: 0, jitterUnit: 0) == .fail)
    }
}
