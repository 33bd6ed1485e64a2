import Foundation
import OpsCore

/// Prices and webhook endpoints of one Stripe account, audited and never changed
/// (docs/services/stripe.md). Every check says whether it looked at test or live data.
package struct StripeConnector: ReadOnlyConnector {
    package static let keyVariable = "STRIPE_SECRET_KEY"
    package static let baseURLVariable = "OPS_STRIPE_API_URL"

    package let scope = ServiceScope.stripe
    let api: StripeAPI
    /// Nil when the variable holds something that is not an API key; plan then reports it
    /// without sending anything.
    let key: Result<StripeKey, StripeKeyProblem>
    let metrics: HTTPMetrics
    let redactor: Redactor

    package static func make(context: ConnectorContext) -> Result<any Connector, MissingCredentials> {
        context.settings(secrets: [keyVariable]).flatMap { settings in
            let base = context.baseURL(scope: .stripe, overrideVariable: baseURLVariable, defaultURL: "https://api.stripe.com")
            guard let url = URL(string: base), url.scheme == "http" || url.scheme == "https" else {
                return .failure(MissingCredentials(variables: [baseURLVariable], problem: "the Stripe API URL '\(base)' is not an http(s) URL"))
            }
            let secret = settings[keyVariable] ?? ""
            let metrics = HTTPMetrics()
            let client = ServiceHTTPClient(
                configuration: .stripe(baseURL: url, key: secret),
                redactor: context.redactor,
                metrics: metrics,
                observer: HTTPRequestLog.observer(for: context)
            )
            return .success(StripeConnector(api: StripeAPI(client: client), key: StripeKey.parse(secret), metrics: metrics, redactor: context.redactor))
        }
    }

    // MARK: - Plan

    package func plan(_ request: PlanRequest) async -> PlanResponse {
        guard let desired = request.desired.stripe else { return PlanResponse() }
        let key: StripeKey
        switch self.key {
        case .success(let parsed): key = parsed
        case .failure(let problem):
            let diagnostic = problem.diagnostic
            return PlanResponse(checks: [Check(
                id: "stripe.credentials", scope: .stripe, name: "stripe credentials", status: .error,
                message: diagnostic.message, suggestedAction: diagnostic.hint
            )])
        }
        async let prices = planPrices(desired.prices, key: key)
        async let webhooks = planWebhooks(desired.webhooks, key: key)
        let priceChecks = await prices
        let webhookOutcome = await webhooks
        // Check IDs and names quote what Stripe returned (webhook URLs), so they are redacted too.
        return PlanResponse(
            checks: (priceChecks + webhookOutcome.checks).map(redactor.redact),
            changes: [],
            requestCount: metrics.snapshot().requests,
            coverage: webhookOutcome.coverage.map { [$0] } ?? []
        )
    }

    private func planPrices(_ desired: [StripePrice], key: StripeKey) async -> [Check] {
        guard !desired.isEmpty else { return [] }
        do {
            let remote = try await api.prices(lookupKeys: desired.map(\.lookupKey))
            return StripePriceReconciler.checks(desired: desired, remote: remote, key: key)
        } catch {
            let failure = StripeReadFailure(collection: "prices", request: "GET /v1/prices", key: key, error: error, redactor: redactor)
            return [errorCheck(id: "stripe.prices", name: "prices", failure)]
        }
    }

    /// Webhook checks and the endpoints' coverage; no coverage when the listing failed.
    struct WebhookPlan: Sendable {
        var checks: [Check]
        var coverage: Coverage?
    }

    /// Endpoints are listed only when webhooks are declared: a restricted key made for prices
    /// alone would otherwise fail a listing nobody asked for.
    private func planWebhooks(_ desired: [StripeWebhook], key: StripeKey) async -> WebhookPlan {
        guard !desired.isEmpty else { return WebhookPlan(checks: [], coverage: nil) }
        do {
            let remote = try await api.webhookEndpoints()
            let outcome = StripeWebhookReconciler.reconcile(desired: desired, remote: remote, key: key)
            return WebhookPlan(checks: outcome.checks, coverage: outcome.coverage)
        } catch {
            let failure = StripeReadFailure(
                collection: StripeWebhookReconciler.collection, request: "GET /v1/webhook_endpoints", key: key, error: error, redactor: redactor)
            return WebhookPlan(checks: [errorCheck(id: "stripe.webhook_endpoints", name: "webhook endpoints", failure)], coverage: nil)
        }
    }

    private func errorCheck(id: String, name: String, _ failure: StripeReadFailure) -> Check {
        let diagnostic = failure.diagnostic
        return Check(
            id: id, scope: .stripe, name: name, status: .error,
            message: redactor.redact(diagnostic.message), suggestedAction: diagnostic.hint.map(redactor.redact)
        )
    }

    // MARK: - Read-only

    package func readOnlyRefusal(_ id: ChangeID) -> Diagnostic {
        StripeConnectorError.readOnly(id).diagnostic
    }
}
