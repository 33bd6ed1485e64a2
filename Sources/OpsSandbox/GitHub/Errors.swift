import OpsCore

extension GitHubEmulator {
    /// GitHub's error envelopes (`basic-error`, `validation-error`, `validation-error-simple`
    /// in its OpenAPI description).
    enum Errors {
        /// `{"message", "documentation_url"[, "status"]}`; `status` is a string when present.
        static func basic(_ status: Int, _ message: String, docs: String, includeStatus: Bool = false) -> HTTPResponse {
            var body: [String: JSONValue] = ["message": .string(message), "documentation_url": .string(docs)]
            if includeStatus { body["status"] = .string(String(status)) }
            return .json(status, .object(body))
        }

        static func notFound(docs: String = Docs.root) -> RouteFailure {
            RouteFailure(response: basic(404, "Not Found", docs: docs))
        }

        /// 422 `{"message":"Validation Failed","errors":[{resource, code, field[, message]}]}`.
        static func validationFailed(resource: String, code: String, field: String? = nil, message: String? = nil, docs: String) -> RouteFailure {
            var item: [String: JSONValue] = ["resource": .string(resource), "code": .string(code)]
            if let field { item["field"] = .string(field) }
            if let message { item["message"] = .string(message) }
            return RouteFailure(response: .json(422, [
                "message": "Validation Failed", "errors": .array([.object(item)]), "documentation_url": .string(docs),
            ]))
        }

        /// 422 for a body that breaks the endpoint's JSON schema, worded as GitHub words it:
        /// "Invalid request.\n\n\"sha\" wasn't supplied."
        static func invalidRequest(_ detail: String, docs: String) -> RouteFailure {
            RouteFailure(response: basic(422, "Invalid request.\n\n\(detail)", docs: docs))
        }

        static func problemsParsingJSON(docs: String) -> RouteFailure {
            RouteFailure(response: basic(400, "Problems parsing JSON", docs: docs))
        }

        /// `"a" wasn't supplied.` or `"a", "b" weren't supplied.`
        static func notSupplied(_ keys: [String]) -> String {
            let quoted = keys.map { "\"\($0)\"" }.joined(separator: ", ")
            return keys.count == 1 ? "\(quoted) wasn't supplied." : "\(quoted) weren't supplied."
        }

        /// `For 'properties/strict', "yes" is not a boolean.`
        static func wrongType(_ key: String, _ value: JSONValue, expected: String) -> String {
            "For 'properties/\(key)', \(JSONWriter.canonical(value)) is not \(expected)."
        }
    }
}
