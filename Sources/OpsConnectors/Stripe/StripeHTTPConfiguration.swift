import Foundation
import OpsCore

extension ServiceHTTPConfiguration {
    /// Stripe (docs/services/stripe.md, "Requests"): the key as a bearer token, JSON answers,
    /// and one pinned `Stripe-Version` on every request, so the shapes opsctl reads do not
    /// change when someone upgrades the account's default version. Stripe allows about 25 reads
    /// a second in test mode; four at once stays well inside that.
    package static func stripe(baseURL: URL, key: String?, maxConcurrentRequests: Int = 4) -> ServiceHTTPConfiguration {
        ServiceHTTPConfiguration(
            service: "Stripe",
            baseURL: baseURL,
            defaultHeaders: HTTPHeaders([("Accept", "application/json"), ("Stripe-Version", StripeAPI.version)]),
            authorizer: key.map { RequestAuthorizer.bearer($0) } ?? .none,
            maxConcurrentRequests: maxConcurrentRequests,
            serialMutations: true,
            rateLimits: .standard
        )
    }
}
