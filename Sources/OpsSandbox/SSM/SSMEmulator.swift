import OpsCore

/// AWS SSM Parameter Store's JSON 1.1 API, mounted at `/ssm` (docs/sandbox.md, "AWS SSM"):
/// `POST /ssm/` with `X-Amz-Target: AmazonSSM.<Operation>`, signed with SigV4 for service
/// `ssm` by a key of the sandbox's AWS account (`AWSAccountState`), verified as AWS verifies.
///
/// `GetParametersByPath` pages the way AWS's best-effort listing does: each call scans the
/// next `MaxResults` parameters of the whole account in name order and returns those under
/// the path, so a page can be empty and still carry a `NextToken`.
package struct SSMEmulator: ServiceEmulator {
    package let scope = "ssm"
    let verifier = AWSSignatureVerifier(service: "ssm")

    package init() {}

    package func prepare(_ state: SandboxStateStore) throws {
        try state.prepare(State.self, scope: scope)
        try state.prepare(AWSAccountState.self, scope: AWSAccountState.scope)
    }

    package func handle(_ request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse {
        guard request.method == "POST", request.path == "/" else {
            return AWSJSONResponse.error(AWSRefusal(status: 404, code: "UnknownOperationException", message: "", namespaced: true))
        }
        let now = SandboxTimestamp.now()
        let account: AWSAccountState
        do {
            account = try state.transaction(AWSAccountState.self, scope: AWSAccountState.scope) { $0 }
        } catch {
            return AWSJSONResponse.error(Self.internalFailure)
        }
        let caller: AWSSignatureVerifier.Caller
        switch verifier.verify(request, account: account, now: now.epochSeconds) {
        case .failure(let refusal): return AWSJSONResponse.error(refusal)
        case .success(let verified): caller = verified
        }
        let target = request.headers["X-Amz-Target"] ?? ""
        guard target.hasPrefix("AmazonSSM."), let operation = Operation(rawValue: String(target.dropFirst("AmazonSSM.".count))) else {
            return AWSJSONResponse.error(AWSRefusal(status: 400, code: "UnknownOperationException", message: "", namespaced: true))
        }
        return state.transactionOnCopy(State.self, scope: scope) { ssm throws(RouteFailure) in
            do throws(AWSRefusal) {
                let input = try Input(body: request.body)
                let context = Routes.Context(caller: caller, input: input, now: now)
                return try Routes.dispatch(operation, context, &ssm)
            } catch {
                throw RouteFailure(response: AWSJSONResponse.error(error))
            }
        } unsaved: { _ in
            AWSJSONResponse.error(Self.internalFailure)
        }
    }

    /// Injected faults in SSM's words: throttling is a 400 `ThrottlingException`, not a 429.
    package func errorResponse(_ error: EmulatorError, for request: EmulatorRequest) -> HTTPResponse {
        switch error.status {
        case 429: AWSJSONResponse.error(AWSRefusal(status: 400, code: "ThrottlingException", message: "Rate exceeded"))
        case 500...599: AWSJSONResponse.error(AWSRefusal(status: error.status, code: "InternalServerError", message: error.message))
        default: AWSJSONResponse.error(AWSRefusal(status: error.status, code: "ValidationException", message: error.message))
        }
    }

    static let internalFailure = AWSRefusal(
        status: 500, code: "InternalFailure", message: "The request processing has failed because of an unknown error, exception or failure.", namespaced: true)

    enum Operation: String, Sendable {
        case getParametersByPath = "GetParametersByPath"
        case getParameters = "GetParameters"
        case getParameter = "GetParameter"
        case putParameter = "PutParameter"
        case deleteParameter = "DeleteParameter"
    }
}
