/// How a vendor names its rate-limit headers: GitHub writes `x-ratelimit-limit` and also
/// reports `used` and the bucket (`x-ratelimit-resource: core`); Vercel writes
/// `X-RateLimit-Limit` and only the three classic figures.
package struct RateLimitHeaderNames: Sendable, Equatable {
    package var limit: String
    package var remaining: String
    /// Epoch seconds at which the window resets.
    package var reset: String
    package var used: String?
    /// The header naming the bucket a request counts against, and the bucket's name.
    package var resource: Resource?

    package struct Resource: Sendable, Equatable {
        package var header: String
        package var name: String

        package init(header: String, name: String) {
            self.header = header
            self.name = name
        }
    }

    package init(limit: String, remaining: String, reset: String, used: String? = nil, resource: Resource? = nil) {
        self.limit = limit
        self.remaining = remaining
        self.reset = reset
        self.used = used
        self.resource = resource
    }
}
