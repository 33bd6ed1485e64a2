import OpsCore

extension VercelEmulator {
    /// What every Vercel route handler needs besides the state.
    struct RouteContext {
        let request: EmulatorRequest
        let options: Options

        /// The request body as any JSON value; 400 `bad_request` when it is missing or not JSON.
        func jsonBody() throws(RouteFailure) -> JSONValue {
            try RequestBody.value(of: request.body, envelope: BodyErrors())
        }

        /// The request body, which must be a JSON object.
        func objectBody() throws(RouteFailure) -> RequestBody {
            try RequestBody(body: request.body, envelope: BodyErrors())
        }
    }
}
