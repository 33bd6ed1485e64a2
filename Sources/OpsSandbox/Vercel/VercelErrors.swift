import OpsCore

extension VercelEmulator {
    /// An error answer that ends a route early; thrown so handlers read straight through.
    struct Failure: Error, Sendable {
        let response: HTTPResponse
    }

    /// Vercel's error envelope, `{"error": {"code", "message", ...}}` (docs/services/vercel.md,
    /// "Requests").
    enum Errors {
        static func response(_ status: Int, code: String, message: String, extra: [String: JSONValue] = [:]) -> HTTPResponse {
            var error: [String: JSONValue] = ["code": .string(code), "message": .string(message)]
            error.merge(extra) { _, new in new }
            return .json(status, ["error": .object(error)])
        }

        static func failure(_ status: Int, code: String, message: String, extra: [String: JSONValue] = [:]) -> Failure {
            Failure(response: response(status, code: code, message: message, extra: extra))
        }

        static func badRequest(_ message: String) -> Failure {
            failure(400, code: "bad_request", message: message)
        }

        static func notFound(_ message: String) -> Failure {
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
