import Foundation
import OpsCore

/// A read-only audit of the Slack app opsctl posts with (docs/services/slack.md): the bot
/// token authenticates, has the scopes opsctl uses, and the approval channel exists with the
/// bot in it. It proposes no changes; refresh and apply refuse.
package struct SlackConnector: ReadOnlyConnector {
    package static let tokenVariable = "SLACK_BOT_TOKEN"
    package static let baseURLVariable = "OPS_SLACK_API_URL"
    package static let defaultBaseURL = "https://slack.com/api"

    package let scope = ServiceScope.slack
    let api: SlackAPI
    let token: String
    let metrics: HTTPMetrics
    let redactor: Redactor

    package static func make(context: ConnectorContext) -> Result<any Connector, MissingCredentials> {
        context.settings(secrets: [tokenVariable]).flatMap { settings in
            client(context: context, token: settings[tokenVariable] ?? "").map { client in
                SlackConnector(api: SlackAPI(client: client), token: settings[tokenVariable] ?? "", metrics: client.metrics, redactor: context.redactor)
            }
        }
    }

    /// The shared client for Slack, for this audit and for notifications: `OPS_SLACK_API_URL`,
    /// else the sandbox's `/slack/api`, else `https://slack.com/api`.
    static func client(context: ConnectorContext, token: String, timeouts: HTTPTimeouts = HTTPTimeouts()) -> Result<ServiceHTTPClient, MissingCredentials> {
        let overridden = context.environment[baseURLVariable].map { !$0.isEmpty } ?? false
        var base = context.baseURL(scope: .slack, overrideVariable: baseURLVariable, defaultURL: defaultBaseURL)
        if !overridden, context.sandboxURL != nil { base += "/api" }
        guard let url = URL(string: base), url.scheme == "http" || url.scheme == "https" else {
            return .failure(MissingCredentials(variables: [baseURLVariable], problem: "the Slack API URL '\(base)' is not an http(s) URL"))
        }
        var configuration = ServiceHTTPConfiguration.slack(baseURL: url, token: token)
        configuration.timeouts = timeouts
        return .success(ServiceHTTPClient(
            configuration: configuration, redactor: context.redactor, metrics: HTTPMetrics(),
            observer: HTTPRequestLog.observer(for: context)
        ))
    }

    // MARK: - Plan

    package func plan(_ request: PlanRequest) async -> PlanResponse {
        guard let desired = request.desired.slack else { return PlanResponse() }
        let checks = await audit(desired)
        return PlanResponse(checks: checks, requestCount: metrics.snapshot().requests)
    }

    private func audit(_ desired: SlackConfig) async -> [Check] {
        let source = desired.location
        if let refused = SlackAudit.tokenShape(SlackBotToken(token), variable: Self.tokenVariable, source: source) { return [refused] }
        let identity: SlackIdentity
        do {
            identity = try await api.authTest()
        } catch {
            return [errorCheck(id: SlackAudit.authCheckID, name: "bot token", error: error, source: source)]
        }
        var checks = [SlackAudit.authenticated(identity, source: source), SlackAudit.scopes(identity.scopes, source: source)]
        let reference = SlackChannelReference(desired.approvalChannel)
        do {
            let lookup = try await SlackChannelLookup.find(reference, api: api, scopes: identity.scopes)
            checks.append(SlackAudit.channel(lookup, reference: reference, bot: identity.userName ?? identity.userID, source: source))
        } catch let error as SlackAPIError where error.code == "missing_scope" {
            let diagnostic = diagnostic(for: error)
            checks.append(Check(
                id: SlackAudit.channelCheckID, scope: .slack, name: "approval channel \(reference.display)", status: .fail,
                message: diagnostic.message, suggestedAction: diagnostic.hint, source: source
            ))
        } catch {
            checks.append(errorCheck(id: SlackAudit.channelCheckID, name: "approval channel \(reference.display)", error: error, source: source))
        }
        return checks
    }

    // MARK: - Refresh and apply

    package func readOnlyRefusal(_ id: ChangeID) -> Diagnostic {
        Self.readOnly(id)
    }

    static func readOnly(_ id: ChangeID) -> Diagnostic {
        Diagnostic(
            message: "\(id) cannot be applied: opsctl audits Slack read-only and makes no Slack changes",
            hint: "follow the suggested action of the slack checks in the plan, then re-run plan"
        )
    }

    // MARK: - Reporting

    private func errorCheck(id: String, name: String, error: any Error, source: SourceLocation?) -> Check {
        let diagnostic = diagnostic(for: error)
        return Check(id: id, scope: .slack, name: name, status: .error, message: diagnostic.message, suggestedAction: diagnostic.hint, source: source)
    }

    func diagnostic(for error: any Error) -> Diagnostic {
        if let error = error as? any DiagnosticError {
            let diagnostic = error.diagnostic
            return Diagnostic(message: redactor.redact(diagnostic.message), hint: diagnostic.hint.map(redactor.redact))
        }
        return Diagnostic(message: redactor.redact("Slack request failed: \(error)"))
    }
}
