import Foundation
import OpsCore

extension ServiceHTTPConfiguration {
    /// Vercel REST (docs/services/vercel.md, "Requests"): a bearer token, JSON both ways, plain
    /// 429s whose wait is in `X-RateLimit-Reset` or the body's `error.limit`. Writes go one at a
    /// time: Vercel refuses an env write while another of the same project is in flight ("an
    /// ongoing update env update is already happening", 400).
    package static func vercel(baseURL: URL, token: String?, maxConcurrentRequests: Int = 6) -> ServiceHTTPConfiguration {
        ServiceHTTPConfiguration(
            service: "Vercel",
            baseURL: baseURL,
            defaultHeaders: HTTPHeaders([("Accept", "application/json")]),
            authorizer: token.map { RequestAuthorizer.bearer($0) } ?? .none,
            maxConcurrentRequests: maxConcurrentRequests,
            serialMutations: true,
            rateLimits: .vercel
        )
    }
}
