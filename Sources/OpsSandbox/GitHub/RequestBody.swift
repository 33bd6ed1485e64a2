import OpsCore

extension GitHubEmulator {
    /// A GitHub request body: the shared reader, refusing in GitHub's words.
    typealias RequestBody = JSONBodyReader<BodyErrors>

    /// GitHub's answers for bodies that are not what the endpoint expects: 400 "Problems
    /// parsing JSON" for bytes that are not JSON, 422 "Invalid request" naming the member
    /// otherwise, each with the endpoint's `documentation_url`.
    struct BodyErrors: JSONBodyErrorEnvelope {
        let docs: String

        func response(for problem: JSONBodyProblem) -> HTTPResponse {
            switch problem {
            case .blank, .notJSON:
                Errors.problemsParsingJSON(docs: docs).response
            case .notAnObject(let value):
                // GitHub's validator reports a non-object body against its links schema.
                Errors.invalidRequest("For 'links/0/schema', \(JSONWriter.canonical(value)) is not an object.", docs: docs).response
            case .wrongType(let member, let value, let expected, let nullable):
                Errors.invalidRequest(Errors.wrongType(member, value, expected: Self.phrase(expected, nullable: nullable)), docs: docs).response
            case .missingMembers(let keys):
                Errors.invalidRequest(Errors.notSupplied(keys), docs: docs).response
            }
        }

        private static func phrase(_ type: JSONBodyMemberType, nullable: Bool) -> String {
            let noun = switch type {
            case .string: "a string"
            case .boolean: "a boolean"
            case .integer: "an integer"
            case .object: "an object"
            case .array: "an array"
            case .arrayOfStrings: "an array of strings"
            }
            return nullable ? "\(noun) or null" : noun
        }
    }
}

extension JSONBodyReader where Envelope == GitHubEmulator.BodyErrors {
    /// `allowEmpty`: an empty body reads as `{}` (for endpoints whose body is optional).
    static func parse(_ request: EmulatorRequest, docs: String, allowEmpty: Bool = false) throws(RouteFailure) -> Self {
        try Self(body: request.body, envelope: GitHubEmulator.BodyErrors(docs: docs), blankIsEmptyObject: allowEmpty)
    }

    /// The endpoint's documentation, for errors a route words itself.
    var docs: String { envelope.docs }
}
