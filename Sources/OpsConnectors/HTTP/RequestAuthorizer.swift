import OpsCore

/// Adds credentials to each attempt. Called per attempt, not per request, because some
/// schemes sign the time (AWS Signature V4) and a retry needs a fresh signature.
package struct RequestAuthorizer: Sendable {
    /// The credential values, registered with the redactor when a client is made, so they are
    /// masked even where the authorizer's headers are not recognisable by name.
    package var secrets: [String]
    private let headersFor: @Sendable (OutgoingRequest) async throws -> HTTPHeaders

    package init(secrets: [String], headers: @escaping @Sendable (OutgoingRequest) async throws -> HTTPHeaders) {
        self.secrets = secrets
        headersFor = headers
    }

    package func headers(for request: OutgoingRequest) async throws -> HTTPHeaders {
        try await headersFor(request)
    }

    package static let none = RequestAuthorizer(secrets: []) { _ in HTTPHeaders() }

    /// `Authorization: Bearer <token>` (GitHub, Vercel, Stripe, SendGrid, Heroku, Slack, ...).
    package static func bearer(_ token: String) -> RequestAuthorizer {
        fixed(HTTPHeaders([("Authorization", "Bearer \(token)")]), secrets: [token])
    }

    /// Fixed headers, e.g. Supabase Storage's `apikey` plus `Authorization`.
    package static func fixed(_ headers: HTTPHeaders, secrets: [String]) -> RequestAuthorizer {
        RequestAuthorizer(secrets: secrets) { _ in headers }
    }
}
