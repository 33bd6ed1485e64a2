import Foundation
import OpsCore

/// Authenticated domains and verified senders of one SendGrid account, audited and never
/// changed (docs/services/sendgrid.md).
package struct SendGridConnector: ReadOnlyConnector {
    package static let keyVariable = "SENDGRID_API_KEY"
    package static let baseURLVariable = "OPS_SENDGRID_API_URL"
    /// `eu` for EU regional subusers, whose API lives on its own host.
    package static let regionVariable = "OPS_SENDGRID_REGION"
    package static let globalURL = "https://api.sendgrid.com"
    package static let euURL = "https://api.eu.sendgrid.com"

    package let scope = ServiceScope.sendgrid
    let api: SendGridAPI
    let keyProblem: SendGridKeyProblem?
    let metrics: HTTPMetrics
    let redactor: Redactor

    package static func make(context: ConnectorContext) -> Result<any Connector, MissingCredentials> {
        context.settings(secrets: [keyVariable]).flatMap { settings in
            let region = context.environment[regionVariable]?.lowercased() ?? ""
            guard ["", "global", "eu"].contains(region) else {
                return .failure(MissingCredentials(variables: [regionVariable], problem: "\(regionVariable) must be global or eu, not '\(region)'"))
            }
            let base = context.baseURL(scope: .sendgrid, overrideVariable: baseURLVariable, defaultURL: region == "eu" ? euURL : globalURL)
            guard let url = URL(string: base), url.scheme == "http" || url.scheme == "https" else {
                return .failure(MissingCredentials(variables: [baseURLVariable], problem: "the SendGrid API URL '\(base)' is not an http(s) URL"))
            }
            let key = settings[keyVariable] ?? ""
            let metrics = HTTPMetrics()
            let client = ServiceHTTPClient(
                configuration: .sendgrid(baseURL: url, key: key),
                redactor: context.redactor,
                metrics: metrics,
                observer: HTTPRequestLog.observer(for: context)
            )
            return .success(SendGridConnector(api: SendGridAPI(client: client), keyProblem: SendGridKeyProblem.check(key), metrics: metrics, redactor: context.redactor))
        }
    }

    /// The URL requests go to, for tests and `--verbose`.
    var baseURL: URL { api.client.configuration.baseURL }

    // MARK: - Plan

    package func plan(_ request: PlanRequest) async -> PlanResponse {
        guard let desired = request.desired.sendgrid else { return PlanResponse() }
        if let keyProblem {
            let diagnostic = keyProblem.diagnostic
            return PlanResponse(checks: [Check(
                id: "sendgrid.credentials", scope: .sendgrid, name: "sendgrid credentials", status: .error,
                message: diagnostic.message, suggestedAction: diagnostic.hint
            )])
        }
        async let domains = planDomains(desired.domains)
        async let senders = planSenders(desired.senders)
        let parts = [await domains, await senders]
        return PlanResponse(
            checks: parts.flatMap(\.checks).map(redactor.redact), changes: [], requestCount: metrics.snapshot().requests, coverage: parts.compactMap(\.coverage))
    }

    /// Each collection is read only when something of it is declared, so a key scoped to one
    /// of them does not fail the other.
    private func planDomains(_ desired: [SendGridDomain]) async -> SendGridPlanPart {
        guard !desired.isEmpty else { return SendGridPlanPart(checks: [], coverage: nil) }
        do {
            return SendGridDomainReconciler.reconcile(desired: desired, remote: try await api.domains())
        } catch {
            let failure = SendGridReadFailure(
                collection: SendGridDomainReconciler.collection, request: "GET /v3/whitelabel/domains", permission: "whitelabel.read", error: error,
                redactor: redactor)
            return SendGridPlanPart(checks: [errorCheck(id: "sendgrid.domains", name: "authenticated domains", failure)], coverage: nil)
        }
    }

    private func planSenders(_ desired: [SendGridSender]) async -> SendGridPlanPart {
        guard !desired.isEmpty else { return SendGridPlanPart(checks: [], coverage: nil) }
        do {
            return SendGridSenderReconciler.reconcile(desired: desired, remote: try await api.senders())
        } catch {
            // SendGrid does not document the scope of this endpoint; the dashboard groups it
            // under Sender Authentication, whose read scope covers both listings.
            let failure = SendGridReadFailure(
                collection: SendGridSenderReconciler.collection, request: "GET /v3/verified_senders",
                permission: "read access to Sender Authentication (verified senders)", error: error, redactor: redactor)
            return SendGridPlanPart(checks: [errorCheck(id: "sendgrid.senders", name: "verified senders", failure)], coverage: nil)
        }
    }

    private func errorCheck(id: String, name: String, _ failure: SendGridReadFailure) -> Check {
        let diagnostic = failure.diagnostic
        return Check(
            id: id, scope: .sendgrid, name: name, status: .error,
            message: redactor.redact(diagnostic.message), suggestedAction: diagnostic.hint.map(redactor.redact)
        )
    }

    // MARK: - Read-only

    package func readOnlyRefusal(_ id: ChangeID) -> Diagnostic {
        SendGridConnectorError.readOnly(id).diagnostic
    }
}
