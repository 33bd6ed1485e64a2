import Foundation
import OpsCore

extension ServiceHTTPConfiguration {
    /// SendGrid v3 (docs/services/sendgrid.md, "Requests"): the key as a bearer token, and
    /// `Accept: application/json`, without which SendGrid may answer 406. A 429 carries
    /// `X-RateLimit-Remaining: 0` and `X-RateLimit-Reset` (an epoch), which the client waits for.
    package static func sendgrid(baseURL: URL, key: String?, maxConcurrentRequests: Int = 4) -> ServiceHTTPConfiguration {
        ServiceHTTPConfiguration(
            service: "SendGrid",
            baseURL: baseURL,
            defaultHeaders: HTTPHeaders([("Accept", "application/json")]),
            authorizer: key.map { RequestAuthorizer.bearer($0) } ?? .none,
            maxConcurrentRequests: maxConcurrentRequests,
            serialMutations: true,
            rateLimits: .standard
        )
    }
}
