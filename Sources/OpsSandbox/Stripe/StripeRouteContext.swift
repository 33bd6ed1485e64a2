extension StripeEmulator {
    /// What every Stripe route handler needs besides the state.
    struct RouteContext {
        let request: EmulatorRequest
        let credential: Credential
        let query: Form

        /// The form-encoded body of a POST.
        func form() throws(RouteFailure) -> Form {
            try Form(body: request.body, contentType: request.body.isEmpty ? nil : request.headers["Content-Type"])
        }
    }
}
