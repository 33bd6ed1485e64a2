import OpsCore

extension StripeEmulator {
    /// Stripe's error envelope, `{"error": {"type", "code", "message", "param", "doc_url"}}`
    /// (docs/services/stripe.md, "Errors").
    enum Errors {
        static func response(_ status: Int, type: String, message: String, code: String? = nil, param: String? = nil) -> HTTPResponse {
            var error: [String: JSONValue] = ["type": .string(type), "message": .string(message)]
            if let code {
                error["code"] = .string(code)
                error["doc_url"] = .string("https://stripe.com/docs/error-codes/\(code.replacingOccurrences(of: "_", with: "-"))")
            }
            if let param { error["param"] = .string(param) }
            return .json(status, ["error": .object(error)])
        }

        static func invalidRequest(_ message: String, param: String?, code: String? = nil, status: Int = 400) -> RouteFailure {
            RouteFailure(response: response(status, type: "invalid_request_error", message: message, code: code, param: param))
        }

        /// `No such price: 'price_x'`, 404 with `resource_missing`.
        static func noSuch(_ object: String, _ id: String, param: String = "id", status: Int = 404) -> RouteFailure {
            invalidRequest("No such \(object): '\(id)'", param: param, code: "resource_missing", status: status)
        }

        static func unrecognizedURL(method: String, path: String) -> RouteFailure {
            RouteFailure(response: response(
                404, type: "invalid_request_error",
                message: "Unrecognized request URL (\(method): \(path)). Please see https://stripe.com/docs or we can help at https://support.stripe.com/."
            ))
        }
    }
}
