import Foundation
import OpsCore

/// Heroku's throttling (docs/services/heroku.md, "Rate limits"): a token bucket per account
/// that refills at about 75 requests a minute. Every response carries `RateLimit-Remaining`,
/// and an empty bucket answers 429 `{"id":"rate_limit"}` with no `Retry-After` and no reset
/// time, so the wait is the time the bucket takes to refill a few tokens.
struct HerokuRateLimits: VendorThrottling {
    /// About four tokens at 75 a minute.
    var refillWait: Duration = .seconds(3)

    func requestedWait(body: [UInt8], secondaryHits: Int, now: Date) -> VendorWait? {
        guard let object = JSONObject.parse(body), object["id"] as? String == "rate_limit" else { return nil }
        let factor = 1 << min(max(secondaryHits, 0), 5)
        return .secondaryLimit(refillWait * factor)
    }
}

extension RateLimitPolicy {
    static let heroku = RateLimitPolicy(vendor: HerokuRateLimits())
}
