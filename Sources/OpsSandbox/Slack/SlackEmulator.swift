import OpsCore

/// The Slack Web API subset opsctl uses, mounted at `/slack` (docs/services/slack.md): every
/// method is `/slack/api/<method>`, as on `https://slack.com/api/<method>`.
///
/// Like Slack it answers HTTP 200 with `{"ok": false, "error": "<code>"}` for every refusal
/// (`missing_scope` adds `needed` and `provided`), puts the token's scopes in the
/// `x-oauth-scopes` header of every answer to an authenticated call, and throttles with 429 and
/// `Retry-After` (through fault injection). Parameters come from the query, a form body, or
/// (for the write methods) a JSON body with the token in `Authorization: Bearer`.
///
/// Tokens: any `xoxb-…` token is the workspace's bot, any `xoxp-…` token is a person
/// (`U0PERSON01`), so tests can make a channel the bot is not in. The bot's scopes are the
/// state's `bot_scopes` unless `Options.scopesByToken` names the token. Tokens are never
/// written to the state file.
///
/// For approvals it keeps members with e-mails (`users.info`), reactions (`reactions.add`,
/// `reactions.get`) and message updates (`chat.update`), and under `/slack/_sandbox/` it plays
/// Slack calling an app: it sends signed button clicks and slash commands to a receiver URL,
/// adds reactions as a member, and records what the app posts to the `response_url` it gave.
package struct SlackEmulator: ServiceEmulator {
    package let scope = "slack"
    let options: Options

    package init(options: Options = Options()) {
        self.options = options
    }

    package func prepare(_ state: SandboxStateStore) throws {
        try state.prepare(State.self, scope: scope)
    }

    package func handle(_ request: EmulatorRequest, state: SandboxStateStore) -> HTTPResponse {
        if let segments = request.segments, segments.first == SandboxRoutes.prefix {
            return SandboxRoutes(options: options, scope: scope).handle(Array(segments.dropFirst()), request, state: state)
        }
        guard let segments = request.segments, segments.count == 2, segments[0] == "api" else {
            return .json(404, ["ok": false, "error": "unknown_method"])
        }
        guard let method = Method(rawValue: segments[1]) else {
            return Errors.fail("unknown_method")
        }
        let parameters: Parameters
        do throws(RouteFailure) {
            parameters = try Parameters(request, acceptsJSON: method.acceptsJSON)
        } catch {
            return error.response
        }
        if let token = parameters.token, options.revokedTokens.contains(token) { return Errors.fail("token_revoked") }
        guard let caller = Caller(token: parameters.token, options: options) else {
            return Errors.fail(parameters.token == nil ? "not_authed" : "invalid_auth")
        }
        return state.transactionOnCopy(State.self, scope: scope) { slack throws(RouteFailure) in
            let scopes = caller.scopes(in: slack)
            let headers = HTTPHeaders([("x-oauth-scopes", scopes.joined(separator: ","))])
            let context = RouteContext(parameters: parameters, caller: caller, scopes: scopes, mountURL: request.mountURL)
            do throws(RouteFailure) {
                return try dispatch(method, context, &slack).adding(headers)
            } catch {
                throw RouteFailure(response: error.response.adding(headers))
            }
        } unsaved: { error in
            Errors.fail("internal_error", extra: ["detail": .string("the sandbox could not save its state: \(error.message)")])
        }
    }

    /// Slack throttles with HTTP 429, `Retry-After` in seconds and an `ok: false` body. The
    /// error is spelt `rate_limited` as in Slack's API description (its rate-limit page says
    /// `ratelimited`; opsctl reads the status and header, not the spelling).
    package func errorResponse(_ error: EmulatorError, for request: EmulatorRequest) -> HTTPResponse {
        switch error.status {
        case 429:
            let seconds = error.retryAfterSeconds ?? 1
            return .json(429, ["ok": false, "error": "rate_limited"], headers: HTTPHeaders([("Retry-After", String(seconds))]))
        default:
            var headers = HTTPHeaders()
            if let seconds = error.retryAfterSeconds { headers.set("Retry-After", String(seconds)) }
            return .json(error.status, ["ok": false, "error": error.status >= 500 ? "internal_error" : "request_failed"], headers: headers)
        }
    }

    private func dispatch(_ method: Method, _ context: RouteContext, _ slack: inout State) throws(RouteFailure) -> HTTPResponse {
        try context.require(method.requiredScopes(context.parameters))
        switch method {
        case .authTest: return AuthRoutes.test(context, slack)
        case .conversationsInfo: return try ConversationRoutes.info(context, slack)
        case .conversationsList: return try ConversationRoutes.list(context, slack)
        case .conversationsCreate: return try ConversationRoutes.create(context, &slack)
        case .conversationsJoin: return try ConversationRoutes.join(context, &slack)
        case .chatPostMessage: return try MessageRoutes.post(context, &slack)
        case .chatUpdate: return try MessageRoutes.update(context, &slack)
        case .reactionsAdd: return try ReactionRoutes.add(context, &slack)
        case .reactionsGet: return try ReactionRoutes.get(context, slack)
        case .usersInfo: return try UserRoutes.info(context, slack)
        }
    }
}
