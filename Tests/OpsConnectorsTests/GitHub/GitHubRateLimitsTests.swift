import Foundation
import OpsCore
import Testing

@testable import OpsConnectors

@Suite("GitHub's rate limits")
struct GitHubRateLimitsTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    let github = RetryClassifier(policy: RetryPolicy(), rateLimits: .github)

    private func decide(
        _ classifier: RetryClassifier, _ status: Int, _ headers: [(String, String)] = [], body: String = "",
        secondaryHits: Int = 0
    ) -> RetryDecision {
        classifier.decide(
            status: status, headers: HTTPHeaders(headers), body: Array(body.utf8), isIdempotent: true,
            retry: 0, secondaryHits: secondaryHits, now: Self.now, jitterUnit: 0.5)
    }

    @Test func primaryLimitWaitsForTheReset() {
        let headers = [("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "1700000090")]
        for status in [403, 429] {
            #expect(decide(github, status, headers) == .retry(after: .seconds(91), reason: .primaryRateLimit))
        }
    }

    @Test func secondaryLimitHonoursRetryAfter() {
        let body = #"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}"#
        #expect(decide(github, 403, [("retry-after", "30")], body: body) == .retry(after: .seconds(30), reason: .retryAfter))
    }

    @Test func secondaryLimitWithoutRetryAfterWaitsAMinuteThenBacksOff() {
        let body = #"{"message":"You have exceeded a secondary rate limit and have been temporarily blocked."}"#
        #expect(decide(github, 403, body: body) == .retry(after: .seconds(60), reason: .secondaryRateLimit))
        #expect(decide(github, 403, body: body, secondaryHits: 1) == .retry(after: .seconds(120), reason: .secondaryRateLimit))
        #expect(decide(github, 429, body: body, secondaryHits: 2) == .retry(after: .seconds(240), reason: .secondaryRateLimit))
        let shortWait = RetryClassifier(
            policy: RetryPolicy(), rateLimits: RateLimitPolicy(vendor: GitHubRateLimits(secondaryLimitWait: .milliseconds(100))))
        #expect(decide(shortWait, 403, body: body) == .retry(after: .milliseconds(100), reason: .secondaryRateLimit))
    }

    @Test func plainForbiddenIsAPermissionError() {
        let headers = [("x-ratelimit-remaining", "4999"), ("x-ratelimit-reset", "1700000090")]
        #expect(decide(github, 403, headers, body: #"{"message":"Resource not accessible by integration"}"#) == .fail)
    }

    @Test func configuration() {
        let configuration = ServiceHTTPConfiguration.github(baseURL: URL(string: "https://api.github.com")!, token: "ghp_x")
        #expect(configuration.defaultHeaders["Accept"] == "application/vnd.github+json")
        #expect(configuration.defaultHeaders["X-GitHub-Api-Version"] == "2022-11-28")
        #expect(configuration.defaultHeaders["User-Agent"] == "opsctl/\(OpsctlVersion.current)")
        #expect(configuration.serialMutations)
        #expect(configuration.rateLimits.vendor is GitHubRateLimits)
        #expect(configuration.authorizer.secrets == ["ghp_x"])
    }
}
