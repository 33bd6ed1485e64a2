/// PostHog's JSON shapes (docs/services/posthog.md), as far as opsctl reads them.

/// `GET /api/projects/{id}/` and `@current`: the project, with its project API key.
struct PostHogProjectBody: Decodable, Sendable {
    var id: Int
    var name: String?
    /// The project API key (`phc_…`); compared by fingerprint, never shown.
    var api_token: String?
}
