import Foundation
import OpsCore

extension ServiceHTTPConfiguration {
    /// Supabase Storage (docs/services/supabase.md, "Storage buckets"): the service-role key goes
    /// both in `Authorization: Bearer` (Storage verifies it as a JWT) and in `apikey` (the API
    /// gateway in front checks that). The newer `sb_secret_…` keys are not JWTs and go in `apikey`
    /// only (reported by the community, not confirmed by Supabase). Throttling is a plain 429, so
    /// the standard rate-limit rules apply.
    package static func supabaseStorage(baseURL: URL, serviceRoleKey: String, maxConcurrentRequests: Int = 4) -> ServiceHTTPConfiguration {
        var credentials = HTTPHeaders([("apikey", serviceRoleKey)])
        if !serviceRoleKey.hasPrefix("sb_secret_") { credentials.set("Authorization", "Bearer \(serviceRoleKey)") }
        return ServiceHTTPConfiguration(
            service: "Supabase Storage",
            baseURL: baseURL,
            defaultHeaders: HTTPHeaders([("Accept", "application/json"), ("User-Agent", userAgent)]),
            authorizer: .fixed(credentials, secrets: [serviceRoleKey]),
            maxConcurrentRequests: maxConcurrentRequests,
            rateLimits: .standard
        )
    }
}
