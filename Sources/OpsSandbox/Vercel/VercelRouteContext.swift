import OpsCore

extension VercelEmulator {
    /// What every Vercel route handler needs besides the state.
    struct RouteContext {
        let request: EmulatorRequest
        let options: Options

        /// The request body as JSON; 400 `bad_request` when it is missing or not JSON.
        func jsonBody() throws(Failure) -> JSONValue {
            guard !request.body.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) else {
                throw Errors.badRequest("A request body is required")
            }
            do {
                return try JSONParser.parse(request.body)
            } catch {
                throw Errors.badRequest("Invalid JSON: \(error.problem) at line \(error.line), column \(error.column)")
            }
        }
    }
}
