import OpsCore

extension SupabaseEmulator {
    /// The API gateway in front of every Supabase API: it wants an `apikey` (header or query
    /// parameter) before any service sees the request, and answers unknown prefixes itself.
    enum Gateway {
        /// The gateway's 401, or nil when an `apikey` is present. Any non-empty key is valid here.
        static func refusal(_ request: EmulatorRequest) -> HTTPResponse? {
            if apiKey(request) != nil { return nil }
            return .json(401, [
                "message": "No API key found in request",
                "hint": "No `apikey` request header or url param was found.",
            ])
        }

        static func apiKey(_ request: EmulatorRequest) -> String? {
            let key = (request.headers["apikey"] ?? request.query["apikey"])?.trimmingOWS ?? ""
            return key.isEmpty ? nil : key
        }

        /// A path below `/supabase` that no emulated API serves.
        static func noRoute() -> HTTPResponse {
            .json(404, ["message": "no Route matched with those values"])
        }
    }

    /// Storage's own check of `Authorization: Bearer <jwt>`. The sandbox cannot verify a JWT,
    /// so any non-empty token passes; a missing one gets the `AccessDenied` Storage sends when
    /// verification fails. The gateway turns a `sb_secret_…` API key into a JWT itself, so
    /// such a key needs no `Authorization` header.
    enum StorageAuth {
        static func refusal(_ request: EmulatorRequest) -> HTTPResponse? {
            BearerToken(request).refusal(
                missing: Gateway.apiKey(request)?.hasPrefix("sb_secret_") == true ? nil : StorageErrors.accessDenied("jwt must be provided"),
                malformed: StorageErrors.accessDenied("jwt malformed"))
        }
    }
}
