import Foundation
import OpsCore

/// GitHub's throttling signals beyond the common ones (docs/http.md, "Throttling signals by
/// vendor"): an exhausted primary limit comes as 403 as often as 429, and the secondary limit
/// ("secondary rate limit", "abuse detection") may come without `retry-after`, when GitHub asks
/// integrators to wait at least a minute.
struct GitHubRateLimits: VendorThrottling {
    /// The first wait for a secondary limit without `retry-after`, doubled on each further hit.
    var secondaryLimitWait: Duration = .seconds(60)

    /// Elsewhere 403 means "not allowed" and must never be retried; at GitHub it is a rate
    /// limit when it carries one of GitHub's signals, and a permission error otherwise.
    func isThrottled(status: Int, headers: HTTPHeaders, body: [UInt8], retryAfter: Duration?) -> Bool {
        guard status == 403 else { return false }
        return headers["x-ratelimit-remaining"]?.trimmingCharacters(in: .whitespaces) == "0"
            || retryAfter != nil || Self.mentionsSecondaryLimit(body)
    }

    func requestedWait(body: [UInt8], secondaryHits: Int, now: Date) -> VendorWait? {
        guard Self.mentionsSecondaryLimit(body) else { return nil }
        let factor = 1 << min(max(secondaryHits, 0), 10)
        return .secondaryLimit(secondaryLimitWait * factor)
    }

    private static func mentionsSecondaryLimit(_ body: [UInt8]) -> Bool {
        let text = String(decoding: body.prefix(4096), as: UTF8.self).lowercased()
        return text.contains("secondary rate limit") || text.contains("abuse detection")
    }
}

extension RateLimitPolicy {
    static let github = RateLimitPolicy(vendor: GitHubRateLimits())
}
