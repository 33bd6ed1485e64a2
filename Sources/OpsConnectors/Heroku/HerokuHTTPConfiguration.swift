import Foundation
import OpsCore

extension ServiceHTTPConfiguration {
    /// Heroku Platform API (docs/services/heroku.md): version 3 chosen by the `Accept` header,
    /// the API key as `Authorization: Bearer`, throttling as 429 with `RateLimit-Remaining: 0`.
    /// Writes go one at a time: each config-var change creates a release.
    package static func heroku(baseURL: URL, token: String?) -> ServiceHTTPConfiguration {
        ServiceHTTPConfiguration(
            service: "Heroku",
            baseURL: baseURL,
            defaultHeaders: HTTPHeaders([("Accept", "application/vnd.heroku+json; version=3")]),
            authorizer: token.map { RequestAuthorizer.bearer($0) } ?? .none,
            maxConcurrentRequests: 4,
            serialMutations: true,
            rateLimits: .heroku
        )
    }
}
