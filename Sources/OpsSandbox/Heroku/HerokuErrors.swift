import OpsCore

extension HerokuEmulator {
    /// `{"id": ..., "message": ...}`, Heroku's error body.
    enum Errors {
        static func response(_ status: Int, id: String, message: String) -> HTTPResponse {
            .json(status, ["id": .string(id), "message": .string(message)])
        }

        static func noCredentials() -> HTTPResponse {
            response(401, id: "unauthorized", message: "There were no credentials in your `Authorization` header. Try `Authorization: Bearer <OAuth access token>` or `Authorization: Basic <base64-encoded email + \":\" + password>`.")
        }

        static func invalidCredentials() -> HTTPResponse {
            response(401, id: "unauthorized", message: "Invalid credentials provided.")
        }

        static func notFound(_ what: String = "resource") -> HTTPResponse {
            response(404, id: "not_found", message: "Couldn't find that \(what).")
        }

        static func invalidParams(_ message: String) -> HTTPResponse {
            response(422, id: "invalid_params", message: message)
        }

        static func badRange() -> HTTPResponse {
            response(400, id: "bad_request", message: "Invalid `Range` header. Please use format like `id ..; max=10, order=desc`.")
        }
    }
}
