import OpsCore

extension SendGridEmulator {
    /// SendGrid's error envelope, `{"errors": [{"field", "message"}]}`, field null when the
    /// error is not about one (docs/services/sendgrid.md, "Errors").
    enum Errors {
        static func response(_ status: Int, _ message: String, field: String? = nil) -> HTTPResponse {
            .json(status, ["errors": [["field": field.map(JSONValue.string) ?? .null, "message": .string(message)]]])
        }

        static func failure(_ status: Int, _ message: String, field: String? = nil) -> RouteFailure {
            RouteFailure(response: response(status, message, field: field))
        }

        static let notFound = failure(404, "resource not found")
    }

    /// A SendGrid request body: the shared reader, refusing in SendGrid's words.
    typealias RequestBody = JSONBodyReader<BodyErrors>

    struct BodyErrors: JSONBodyErrorEnvelope {
        func response(for problem: JSONBodyProblem) -> HTTPResponse {
            switch problem {
            case .blank, .notJSON, .notAnObject:
                Errors.response(400, "invalid JSON in request body")
            case .wrongType(let member, _, let expected, _):
                Errors.response(400, "must be a \(expected.ajvName(nullable: false))", field: member)
            case .missingMembers(let keys):
                Errors.response(400, "is required", field: keys.first)
            }
        }
    }
}
