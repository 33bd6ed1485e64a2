import Foundation
import OpsCore

extension ServiceHTTPConfiguration {
    /// PostHog's private API (docs/services/posthog.md): a personal API key as
    /// `Authorization: Bearer phx_…`, JSON answers, 429 when throttled (480 requests a minute
    /// in bursts). opsctl makes one request, so one at a time is plenty.
    package static func posthog(baseURL: URL, personalKey: String?) -> ServiceHTTPConfiguration {
        ServiceHTTPConfiguration(
            service: "PostHog",
            baseURL: baseURL,
            defaultHeaders: HTTPHeaders([("Accept", "application/json")]),
            authorizer: personalKey.map { RequestAuthorizer.bearer($0) } ?? .none,
            maxConcurrentRequests: 2,
            serialMutations: true,
            rateLimits: .standard
        )
    }
}
