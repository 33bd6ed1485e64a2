import OpsCore
import Testing
@testable import OpsSandbox

@Suite("Windowed rate limiter: counting, window edges, vendor header names")
struct WindowedRateLimiterTests {
    static let githubNames = RateLimitHeaderNames(
        limit: "x-ratelimit-limit", remaining: "x-ratelimit-remaining", reset: "x-ratelimit-reset", used: "x-ratelimit-used",
        resource: .init(header: "x-ratelimit-resource", name: "core"))
    static let vercelNames = RateLimitHeaderNames(limit: "X-RateLimit-Limit", remaining: "X-RateLimit-Remaining", reset: "X-RateLimit-Reset")

    /// A limiter whose clock the test moves by hand.
    static func limiter(window: Int = 60, limit: Int = 3, anonymous: Int? = nil, names: RateLimitHeaderNames = vercelNames) -> (WindowedRateLimiter, Locked<Int>) {
        let clock = Locked(1_000)
        let limiter = WindowedRateLimiter(
            windowSeconds: window, limitWithToken: limit, limitWithoutToken: anonymous, headerNames: names, clock: { clock.current })
        return (limiter, clock)
    }

    @Test("the first request opens a window that lasts exactly windowSeconds")
    func windowEdges() {
        let (limiter, clock) = Self.limiter(window: 60)
        #expect(limiter.record(token: "t") == .init(limit: 3, used: 1, reset: 1_060))
        clock.withLock { $0 = 1_059 }
        #expect(limiter.record(token: "t") == .init(limit: 3, used: 2, reset: 1_060), "one second before the reset is still the same window")
        clock.withLock { $0 = 1_060 }
        #expect(limiter.record(token: "t") == .init(limit: 3, used: 1, reset: 1_120), "the reset instant opens a new window")
    }

    @Test("a window that passed unused starts again at the next request, not at the old boundary")
    func idleWindows() {
        let (limiter, clock) = Self.limiter(window: 60)
        _ = limiter.record(token: "t")
        clock.withLock { $0 = 5_000 }
        #expect(limiter.record(token: "t") == .init(limit: 3, used: 1, reset: 5_060))
    }

    @Test("tokens are counted apart; anonymous callers share one count with their own limit")
    func perToken() {
        let (limiter, _) = Self.limiter(limit: 5000, anonymous: 60)
        _ = limiter.record(token: "a")
        _ = limiter.record(token: "a")
        #expect(limiter.record(token: "b").used == 1)
        #expect(limiter.record(token: "a").used == 3)
        _ = limiter.record(token: nil)
        #expect(limiter.record(token: nil) == .init(limit: 60, used: 2, reset: 1_060))
    }

    @Test("the limiter only reports: past the limit it keeps counting and remaining stays at zero")
    func pastTheLimit() {
        let (limiter, _) = Self.limiter(limit: 2)
        _ = limiter.record(token: "t")
        _ = limiter.record(token: "t")
        let third = limiter.record(token: "t")
        #expect(third.used == 3)
        #expect(third.remaining == 0)
    }

    @Test("headers use the vendor's names, in the vendor's order")
    func headerNames() {
        let (github, _) = Self.limiter(limit: 5000, names: Self.githubNames)
        let githubHeaders = github.headers(github.record(token: "t"))
        #expect(githubHeaders.fields.map(\.name) == ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "x-ratelimit-used", "x-ratelimit-resource"])
        #expect(githubHeaders.fields.map(\.value) == ["5000", "4999", "1060", "1", "core"])

        let (vercel, _) = Self.limiter(limit: 1000)
        let vercelHeaders = vercel.headers(vercel.record(token: "t"))
        #expect(vercelHeaders.fields.map(\.name) == ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"])
        #expect(vercelHeaders.fields.map(\.value) == ["1000", "999", "1060"])
    }

    @Test("exhausted headers report a used-up window ending at the given reset")
    func exhausted() {
        let (limiter, _) = Self.limiter(limit: 5000, anonymous: 60, names: Self.githubNames)
        let headers = limiter.exhaustedHeaders(reset: limiter.now() + 1)
        #expect(headers["x-ratelimit-limit"] == "5000")
        #expect(headers["x-ratelimit-remaining"] == "0")
        #expect(headers["x-ratelimit-used"] == "5000")
        #expect(headers["x-ratelimit-reset"] == "1001")
    }
}
