import OpsCore

/// Adds credentials to each attempt. Called per attempt, not per request, because some
/// schemes sign the time (AWS Signature V4) and a retry needs a fresh signature.
public struct RequestAuthorizer: Sendable {
    /// The credential values, registered with the redactor when a client is made, so they are
    /// masked even where the authorizer's headers are not recognisable by name.
    public var secrets: [String]
    private let headersFor: @Sendable (OutgoingRequest) async throws -> HTTPHeaders

    public init(secrets: [String], headers: @escaping @Sendable (OutgoingRequest) async throws -> HTTPHeaders) {
        self.secrets = secrets
        headersFor = headers
    }

    public func headers(for request: OutgoingRequest) async throws -> HTTPHeaders {
        try await headersFor(request)
    }

    public static let none = RequestAuthorizer(secrets: []) { _ in HTTPHeaders() }

    /// `Authorization: Bearer <token>` (GitHub, Vercel, Stripe, SendGrid, Heroku, Slack, ...).
    public static func bearer(_ token: String) -> RequestAuthorizer {
        fixed(HTTPHeaders([("Authorization", "Bearer \(token)")]), secrets: [token])
    }

    /// Fixed headers, e.g. Supabase Storage's `apikey` plus `Authorization`.
    public static func fixed(_ headers: HTTPHeaders, secrets: [String]) -> RequestAuthorizer {
        RequestAuthorizer(secrets: secrets) { _ in headers }
    }
}
