import OpsCore

extension VercelEmulator {
    /// A Vercel request body: the shared reader, refusing in Vercel's words.
    typealias RequestBody = JSONBodyReader<BodyErrors>

    /// Vercel's 400 `bad_request` answers for bodies its schema refuses, worded as its
    /// validator words them (`Invalid request: \`key\` should be string.`).
    struct BodyErrors: JSONBodyErrorEnvelope {
        func response(for problem: JSONBodyProblem) -> HTTPResponse {
            Errors.badRequest(message(for: problem)).response
        }

        private func message(for problem: JSONBodyProblem) -> String {
            switch problem {
            case .blank:
                "A request body is required"
            case .notJSON(let error):
                "Invalid JSON: \(error.problem) at line \(error.line), column \(error.column)"
            case .notAnObject:
                "Invalid request: body must be object."
            case .wrongType(let member, _, let expected, let nullable):
                "Invalid request: `\(member)` should be \(expected.ajvName(nullable: nullable))."
            case .missingMembers(let keys):
                "Invalid request: missing required property `\(keys.first ?? "")`."
            }
        }
    }
}
