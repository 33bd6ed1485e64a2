import Foundation
import OpsCore

extension StripeEmulator {
    /// The API key of a request, from `Authorization: Bearer <key>` or HTTP Basic with the key
    /// as user name and no password, as Stripe accepts both.
    ///
    /// Sandbox rule for restricted keys (docs/sandbox.md, "Stripe"): an `rk_test_`/`rk_live_`
    /// key may read and write everything, except that a key whose part after the prefix starts
    /// with `noprices` lacks the prices permissions and one starting with `nowebhooks` lacks the
    /// webhook endpoints permissions. Such a key gets Stripe's 403 naming the permission.
    struct Credential: Sendable, Equatable {
        enum Resource: String, Sendable {
            case price
            case webhookEndpoint = "webhook_endpoint"
            case product
        }

        var key: String
        var livemode: Bool
        var restricted: Bool

        /// The key, or Stripe's 401 for a request without a usable one.
        static func read(_ request: EmulatorRequest) -> Result<Credential, RouteFailure> {
            guard let header = request.headers["Authorization"] else { return .failure(noKey) }
            let parts = header.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { return .failure(invalid("")) }
            var key = String(parts[1]).trimmingCharacters(in: .whitespaces)
            switch parts[0].lowercased() {
            case "bearer": break
            case "basic":
                guard let data = Data(base64Encoded: key), let text = String(data: data, encoding: .utf8) else { return .failure(invalid("")) }
                key = String(text.prefix { $0 != ":" })
            default: return .failure(invalid(""))
            }
            if key.isEmpty { return .failure(noKey) }
            if key.hasPrefix("pk_test_") || key.hasPrefix("pk_live_") {
                return .failure(RouteFailure(response: Errors.response(
                    401, type: "invalid_request_error",
                    message: "This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys."
                )))
            }
            for (prefix, live, restricted) in [("sk_test_", false, false), ("sk_live_", true, false), ("rk_test_", false, true), ("rk_live_", true, true)]
            where key.hasPrefix(prefix) && key.count > prefix.count {
                return .success(Credential(key: key, livemode: live, restricted: restricted))
            }
            return .failure(invalid(key))
        }

        private static let noKey = RouteFailure(response: Errors.response(
            401, type: "invalid_request_error",
            message: "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/."
        ))

        private static func invalid(_ key: String) -> RouteFailure {
            RouteFailure(response: Errors.response(401, type: "invalid_request_error", message: "Invalid API Key provided: \(masked(key))"))
        }

        /// Stripe shows the last four characters of a key and stars for the rest.
        static func masked(_ key: String) -> String {
            let prefixLength = ["sk_test_", "sk_live_", "rk_test_", "rk_live_"].first(where: key.hasPrefix)?.count ?? 0
            let tail = key.count - prefixLength > 8 ? String(key.suffix(4)) : ""
            return String(key.prefix(prefixLength)) + String(repeating: "*", count: 12) + tail
        }

        /// Stripe's 403 for a restricted key without the permission, or nil when allowed.
        func refusal(_ resource: Resource, write: Bool) -> RouteFailure? {
            guard restricted else { return nil }
            let rest = key.dropFirst(8)
            let denied = switch resource {
            case .price: rest.hasPrefix("noprices")
            case .webhookEndpoint: rest.hasPrefix("nowebhooks")
            case .product: false
            }
            guard denied else { return nil }
            let permission = "rak_\(resource.rawValue)_\(write ? "write" : "read")"
            return RouteFailure(response: Errors.response(
                403, type: "invalid_request_error",
                message: "The provided key '\(Self.masked(key))' does not have the required permissions for this endpoint on account '\(StripeEmulator.accountID)'. Having the '\(permission)' permission would allow this request to continue."
            ))
        }
    }
}
