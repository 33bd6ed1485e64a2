import OpsCore

extension VercelEmulator {
    /// Vercel's error envelope, `{"error": {"code", "message", ...}}` (docs/http.md, "Vendor error envelopes").
    enum Errors {
        static func response(_ status: Int, code: String, message: String, extra: [String: JSONValue] = [:]) -> HTTPResponse {
            var error: [String: JSONValue] = ["code": .string(code), "message": .string(message)]
            error.merge(extra) { _, new in new }
            return .json(status, ["error": .object(error)])
        }

        static func failure(_ status: Int, code: String, message: String, extra: [String: JSONValue] = [:]) -> RouteFailure {
            RouteFailure(response: response(status, code: code, message: message, extra: extra))
        }

        static func badRequest(_ message: String) -> RouteFailure {
            failure(400, code: "bad_request", message: message)
        }

        static func notFound(_ message: String) -> RouteFailure {
            failure(404, code: "not_found", message: message)
        }

        /// The code Vercel uses for a plain status without a more specific one.
        static func code(for status: Int) -> String {
            switch status {
            case 400: "bad_request"
            case 401: "not_authenticated"
            case 403: "forbidden"
            case 404: "not_found"
            case 409: "conflict"
            default: "internal_server_error"
            }
        }
    }
}
