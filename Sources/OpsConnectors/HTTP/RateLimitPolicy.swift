/// How a service signals throttling beyond a plain 429 (docs/http.md, "Throttling signals by
/// vendor").
public struct RateLimitPolicy: Sendable, Hashable {
    /// GitHub answers an exhausted rate limit with 403 as often as 429; elsewhere 403 means
    /// "not allowed" and must never be retried.
    public var forbiddenMayBeRateLimit: Bool
    /// GitHub's secondary limit without `retry-after`: wait at least this long, doubling on
    /// each further hit (GitHub asks for "at least one minute").
    public var secondaryLimitWait: Duration
    /// Slack for clock skew between us and the server when waiting for a reset epoch.
    public var resetSlack: Duration

    public init(
        forbiddenMayBeRateLimit: Bool = false,
        secondaryLimitWait: Duration = .seconds(60),
        resetSlack: Duration = .seconds(1)
    ) {
        self.forbiddenMayBeRateLimit = forbiddenMayBeRateLimit
        self.secondaryLimitWait = secondaryLimitWait
        self.resetSlack = resetSlack
    }

    public static let standard = RateLimitPolicy()
    public static let github = RateLimitPolicy(forbiddenMayBeRateLimit: true)
}
