import Foundation
import OpsCore

/// Vercel names the end of a rate limit in its 429's body (docs/services/vercel.md,
/// "Requests"): `{"error":{"limit":{"reset": <epoch s>, "resetMs": <epoch ms>}}}`.
struct VercelRateLimits: VendorThrottling {
    func requestedWait(body: [UInt8], secondaryHits: Int, now: Date) -> VendorWait? {
        guard let object = JSONObject.parse(body),
            let error = object["error"] as? [String: Any],
            let limit = error["limit"] as? [String: Any]
        else { return nil }
        if let resetMs = (limit["resetMs"] as? NSNumber)?.doubleValue {
            return .untilReset(.seconds(double: resetMs / 1000 - now.timeIntervalSince1970))
        }
        if let reset = (limit["reset"] as? NSNumber)?.doubleValue {
            return .untilReset(.seconds(double: reset - now.timeIntervalSince1970))
        }
        return nil
    }
}

extension RateLimitPolicy {
    static let vercel = RateLimitPolicy(vendor: VercelRateLimits())
}
