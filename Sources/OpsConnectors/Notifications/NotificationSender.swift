import Foundation
import OpsCore

/// Delivers a run's notification to one target over the shared HTTP client: Slack's
/// `chat.postMessage` to the approval channel, or a signed POST to a webhook. Failures come
/// back as a `NotificationError`, never thrown past the caller: a notification that did not go
/// out must not fail a plan.
package struct NotificationSender: Sendable {
    let context: ConnectorContext
    /// One attempt may take 10 s and all of them 30 s: a notification must not hold up a run
    /// for the two minutes a service request may take.
    static let timeouts = HTTPTimeouts(perAttempt: .seconds(10), overall: .seconds(30))

    package init(context: ConnectorContext) {
        self.context = context
    }

    /// Registers every credential the targets use with the redactor before anything is sent,
    /// so an answer to the first target cannot echo a secret meant for a later one.
    package func registerSecrets(for targets: [NotificationTarget]) {
        _ = context.settings(secrets: [SlackConnector.tokenVariable, WebhookSignature.secretVariable].filter { context.environment[$0] != nil })
        for case .webhook(let url) in targets {
            if let path = Self.pathAndQuery(of: url) { context.redactor.register(secret: path) }
        }
    }

    /// The part of a webhook URL after its origin: often its credential (a token in the path),
    /// so errors and logs name the origin only.
    static func pathAndQuery(of url: String) -> String? {
        guard let parsed = URL(string: url) else { return nil }
        var path = parsed.path
        if let query = parsed.query { path += "?" + query }
        return path.count > 1 ? path : nil
    }

    /// Posts `message` to `channel` (`#name` or an ID) as the bot in `SLACK_BOT_TOKEN`.
    package func postToSlack(channel: String?, text: String, blocks: JSONValue) async -> NotificationError? {
        guard let channel else {
            return NotificationError(target: .slack, reason: "desired-state.yaml declares no slack.approvalChannel", hint: "add slack.approvalChannel, as in \"#ops-approvals\"")
        }
        let settings: [String: String]
        switch context.settings(secrets: [SlackConnector.tokenVariable]) {
        case .failure(let missing): return NotificationError(target: .slack, reason: missing.message, hint: missing.suggestedAction)
        case .success(let values): settings = values
        }
        let token = settings[SlackConnector.tokenVariable] ?? ""
        guard SlackBotToken(token) == .bot else {
            return NotificationError(target: .slack, reason: "\(SlackConnector.tokenVariable) is not a bot token (xoxb-)", hint: "set it to the app's Bot User OAuth Token")
        }
        switch SlackConnector.client(context: context, token: token, timeouts: Self.timeouts) {
        case .failure(let problem):
            return NotificationError(target: .slack, reason: problem.message)
        case .success(let client):
            do {
                _ = try await SlackAPI(client: client).postMessage(channel: channel, text: text, blocks: blocks)
                return nil
            } catch {
                return failure(.slack, error)
            }
        }
    }

    /// POSTs `body` to `url` with `Content-Type: application/json` and the signature header.
    package func postToWebhook(url: String, body: [UInt8]) async -> NotificationError? {
        let target = NotificationTarget.webhook(url: url)
        let secret: String
        switch context.settings(secrets: [WebhookSignature.secretVariable]) {
        case .failure(let missing):
            return NotificationError(target: target, reason: "\(missing.message), so the document cannot be signed", hint: missing.suggestedAction)
        case .success(let values): secret = values[WebhookSignature.secretVariable] ?? ""
        }
        guard let parsed = URL(string: url), let scheme = parsed.scheme, let host = parsed.host, var origin = URLComponents(string: "\(scheme)://\(host)") else {
            return NotificationError(target: target, reason: "the URL cannot be parsed")
        }
        origin.port = parsed.port
        guard let base = origin.url else { return NotificationError(target: target, reason: "the URL cannot be parsed") }
        let signature: String
        do {
            signature = try WebhookSignature.header(body: body, secret: secret)
        } catch {
            return NotificationError(target: target, reason: "the document could not be signed: \(error.diagnostic.message)")
        }
        let client = ServiceHTTPClient(
            configuration: ServiceHTTPConfiguration(
                service: "Webhook", baseURL: base, defaultHeaders: HTTPHeaders([("Accept", "*/*")]), maxConcurrentRequests: 1, timeouts: Self.timeouts
            ),
            redactor: context.redactor, observer: HTTPRequestLog.observer(for: context)
        )
        var path = parsed.path.isEmpty ? "/" : parsed.path
        if let query = parsed.query { path += "?" + query }
        if let secretPath = Self.pathAndQuery(of: url) { context.redactor.register(secret: secretPath) }
        let request = ServiceRequest(
            method: "POST", target: path,
            headers: HTTPHeaders([("Content-Type", "application/json"), (WebhookSignature.headerName, signature)]), body: body
        )
        do {
            _ = try await client.send(request)
            return nil
        } catch {
            return failure(target, error)
        }
    }

    private func failure(_ target: NotificationTarget, _ error: any Error) -> NotificationError {
        if let error = error as? any DiagnosticError {
            let diagnostic = error.diagnostic
            return NotificationError(target: target, reason: context.redactor.redact(diagnostic.message), hint: diagnostic.hint.map(context.redactor.redact))
        }
        return NotificationError(target: target, reason: context.redactor.redact("\(error)"))
    }
}
