import OpsCore

extension PostHogEmulator {
    /// drf-exceptions-hog's `{type, code, detail, attr}`.
    enum Errors {
        static func response(_ status: Int, type: String, code: String, detail: String) -> HTTPResponse {
            .json(status, ["type": .string(type), "code": .string(code), "detail": .string(detail), "attr": .null])
        }

        static func invalidKey() -> HTTPResponse {
            response(401, type: "authentication_error", code: "authentication_failed", detail: "Invalid personal API key.")
        }

        static func forbidden() -> HTTPResponse {
            response(403, type: "authentication_error", code: "permission_denied", detail: "You do not have permission to perform this action.")
        }

        static func notFound() -> HTTPResponse {
            response(404, type: "invalid_request", code: "not_found", detail: "Not found.")
        }
    }
}
