import Foundation
import OpsCore

extension ServiceHTTPConfiguration {
    /// GitHub REST (docs/services/github.md, "Requests"): versioned JSON media type, explicit
    /// User-Agent, 403-or-429 rate limits, mutations one at a time, and at most 8 requests at once
    /// (GitHub allows 100 concurrent, but points per minute run out long before that matters).
    package static func github(
        baseURL: URL,
        token: String?,
        apiVersion: String = "2022-11-28",
        maxConcurrentRequests: Int = 8
    ) -> ServiceHTTPConfiguration {
        ServiceHTTPConfiguration(
            service: "GitHub",
            baseURL: baseURL,
            defaultHeaders: HTTPHeaders([
                ("Accept", "application/vnd.github+json"),
                ("X-GitHub-Api-Version", apiVersion),
                ("User-Agent", userAgent),
            ]),
            authorizer: token.map { RequestAuthorizer.bearer($0) } ?? .none,
            maxConcurrentRequests: maxConcurrentRequests,
            serialMutations: true,
            rateLimits: .github
        )
    }
}
