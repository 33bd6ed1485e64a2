import Foundation
import OpsCore

/// How a service signals throttling (docs/http.md, "Retries"). Every service gets the common
/// signals `RetryClassifier` knows: 429, `Retry-After`, and `x-ratelimit-remaining: 0` with
/// `x-ratelimit-reset`. A vendor that throttles in its own way brings `VendorThrottling` rules
/// from its own folder.
package struct RateLimitPolicy: Sendable {
    /// Slack for clock skew between us and the server when waiting for a reset time.
    package var resetSlack: Duration
    /// The vendor's own signals, if it has any beyond the common ones.
    package var vendor: (any VendorThrottling)?

    package init(resetSlack: Duration = .seconds(1), vendor: (any VendorThrottling)? = nil) {
        self.resetSlack = resetSlack
        self.vendor = vendor
    }

    package static let standard = RateLimitPolicy()
}

/// A vendor's throttling signals beyond the common ones.
package protocol VendorThrottling: Sendable {
    /// Whether a response other than 429 means "throttled" rather than a failure.
    func isThrottled(status: Int, headers: HTTPHeaders, body: [UInt8], retryAfter: Duration?) -> Bool
    /// The wait a throttled response asks for in the vendor's own way; consulted only when
    /// neither `Retry-After` nor the `x-ratelimit-*` headers name one. Nil leaves the jitter backoff.
    func requestedWait(body: [UInt8], secondaryHits: Int, now: Date) -> VendorWait?
}

extension VendorThrottling {
    package func isThrottled(status: Int, headers: HTTPHeaders, body: [UInt8], retryAfter: Duration?) -> Bool { false }

    package func requestedWait(body: [UInt8], secondaryHits: Int, now: Date) -> VendorWait? { nil }
}

/// A wait a vendor names in its own way.
package enum VendorWait: Sendable, Hashable {
    /// The quota resets after this long; the classifier adds the policy's reset slack.
    case untilReset(Duration)
    /// A penalty wait such as GitHub's secondary limit; the client counts these hits so the
    /// vendor can lengthen the next one.
    case secondaryLimit(Duration)
}
