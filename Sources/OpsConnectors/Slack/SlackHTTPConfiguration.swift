import Foundation
import OpsCore

extension ServiceHTTPConfiguration {
    /// Slack Web API (docs/services/slack.md): every method is `POST <base>/<method>`, the bot
    /// token as `Authorization: Bearer`, JSON answers with `ok`, throttling as 429 with
    /// `Retry-After`. Writes go one at a time: `chat.postMessage` allows about one message a
    /// second per channel.
    package static func slack(baseURL: URL, token: String?, maxConcurrentRequests: Int = 4) -> ServiceHTTPConfiguration {
        ServiceHTTPConfiguration(
            service: "Slack",
            baseURL: baseURL,
            defaultHeaders: HTTPHeaders([("Accept", "application/json")]),
            authorizer: token.map { RequestAuthorizer.bearer($0) } ?? .none,
            maxConcurrentRequests: maxConcurrentRequests,
            serialMutations: true,
            rateLimits: .standard
        )
    }
}
