import Testing

@testable import OpsConnectors

@Suite("Backoff with full jitter")
struct BackoffTests {
    let policy = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(500), maxDelay: .seconds(8))

    @Test(arguments: [
        (0, Duration.milliseconds(500)), (1, .seconds(1)), (2, .seconds(2)), (3, .seconds(4)), (4, .seconds(8)),
        (5, .seconds(8)), (60, .seconds(8)), (10_000, .seconds(8)),
    ])
    func ceilingDoublesUpToTheCap(retry: Int, ceiling: Duration) {
        #expect(policy.backoffCeiling(retry: retry) == ceiling)
    }

    @Test func seededJitterStaysWithinZeroAndTheCeiling() {
        let jitter = SeededJitterSource(seed: 42)
        for retry in 0..<8 {
            for _ in 0..<200 {
                let wait = policy.backoff(retry: retry, unit: jitter.nextUnit())
                #expect(wait >= .zero)
                #expect(wait <= policy.backoffCeiling(retry: retry))
            }
        }
    }

    @Test func sameSeedSameWaits() {
        let first = SeededJitterSource(seed: 7)
        let second = SeededJitterSource(seed: 7)
        let a = (0..<20).map { policy.backoff(retry: $0 % 5, unit: first.nextUnit()) }
        let b = (0..<20).map { policy.backoff(retry: $0 % 5, unit: second.nextUnit()) }
        #expect(a == b)
        let other = SeededJitterSource(seed: 8)
        #expect(a != (0..<20).map { policy.backoff(retry: $0 % 5, unit: other.nextUnit()) })
    }

    /// Full jitter, not "equal" jitter: waits spread over the whole range, low values included.
    @Test func jitterSpreadsOverTheWholeRange() {
        let jitter = SeededJitterSource(seed: 1)
        let units = (0..<2000).map { _ in jitter.nextUnit() }
        #expect(units.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(units.contains { $0 < 0.1 })
        #expect(units.contains { $0 > 0.9 })
        let mean = units.reduce(0, +) / Double(units.count)
        #expect(abs(mean - 0.5) < 0.05)
    }

    @Test func unitBounds() {
        #expect(policy.backoff(retry: 3, unit: 0) == .zero)
        #expect(policy.backoff(retry: 3, unit: 1) == .seconds(4))
        #expect(policy.backoff(retry: 3, unit: 7) == .seconds(4))
    }
}
