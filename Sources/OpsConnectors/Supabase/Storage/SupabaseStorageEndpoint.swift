import Foundation
import OpsCore

/// Where the Storage API of the project is, and the key that opens it (docs/services/supabase.md,
/// "Settings").
///
/// The base URL is, in order: `OPS_SUPABASE_STORAGE_URL` (the whole `…/storage/v1` URL),
/// the sandbox's `/supabase/storage/v1`, or `NEXT_PUBLIC_SUPABASE_URL` + `/storage/v1`. The
/// project URL is required only in the last case: the sandbox and an explicit override stand
/// in for it. `SUPABASE_SERVICE_ROLE_KEY` is always required, and registered as a secret.
struct SupabaseStorageEndpoint: Sendable, Equatable {
    static let projectURLVariable = "NEXT_PUBLIC_SUPABASE_URL"
    static let serviceRoleKeyVariable = "SUPABASE_SERVICE_ROLE_KEY"
    static let storageURLVariable = "OPS_SUPABASE_STORAGE_URL"
    /// Where the sandbox mounts Supabase, and the Storage API's path below a project URL.
    static let sandboxScope = "supabase"
    static let storagePath = "/storage/v1"

    var baseURL: URL
    var serviceRoleKey: String

    static func resolve(context: ConnectorContext) -> Result<SupabaseStorageEndpoint, MissingCredentials> {
        let environment = context.environment
        let override = environment[storageURLVariable].flatMap { $0.isEmpty ? nil : $0 }
        let needsProjectURL = override == nil && context.sandboxURL == nil
        return context.settings(secrets: [serviceRoleKeyVariable], plain: needsProjectURL ? [projectURLVariable] : [])
            .flatMap { settings in
                let base: String
                let variable: String
                if let override {
                    (base, variable) = (override, storageURLVariable)
                } else if let sandbox = context.sandboxURL {
                    (base, variable) = (withoutTrailingSlashes(sandbox) + "/" + sandboxScope + storagePath, "OPSCTL_SANDBOX_URL")
                } else {
                    (base, variable) = (withoutTrailingSlashes(settings[projectURLVariable] ?? "") + storagePath, projectURLVariable)
                }
                guard let url = URL(string: base), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                    return .failure(MissingCredentials(
                        variables: [variable], problem: "\(variable) does not give an http(s) URL for Supabase Storage ('\(base)')"))
                }
                return .success(SupabaseStorageEndpoint(baseURL: url, serviceRoleKey: settings[serviceRoleKeyVariable] ?? ""))
            }
    }

    private static func withoutTrailingSlashes(_ text: String) -> String {
        var trimmed = Substring(text)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}
