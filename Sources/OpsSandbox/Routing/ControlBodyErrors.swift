import OpsCore

extension ControlEndpoint {
    /// The control endpoint's wording of a refused body: 400 with a plain `{"message"}`, written
    /// for the person scripting a test rather than in any vendor's style.
    struct BodyErrors: JSONBodyErrorEnvelope {
        func response(for problem: JSONBodyProblem) -> HTTPResponse {
            .json(400, ["message": .string(message(for: problem))])
        }

        private func message(for problem: JSONBodyProblem) -> String {
            switch problem {
            case .blank(let error), .notJSON(let error):
                "the body is not JSON: \(error.problem) at line \(error.line), column \(error.column)"
            case .notAnObject:
                "the body must be a JSON object"
            case .wrongType(let member, _, let expected, let nullable):
                "\(member) must be \(expected.ajvName(nullable: nullable))"
            case .missingMembers(let keys):
                "the body lacks \(keys.joined(separator: ", "))"
            }
        }
    }
}
