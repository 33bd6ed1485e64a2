import OpsCore

/// Compares declared webhooks with Stripe's webhook endpoints by URL: the events it receives,
/// that it is enabled, and its API version when one is declared. Endpoints nobody declared are
/// reported as unmanaged, and the collection's coverage is counted.
enum StripeWebhookReconciler {
    /// The checks of one listing and its coverage, in a named struct rather than a tuple.
    struct Outcome: Sendable {
        var checks: [Check]
        var coverage: Coverage
    }

    static let collection = "webhook endpoints"

    static func reconcile(desired: [StripeWebhook], remote: [StripeWebhookEndpointBody], key: StripeKey) -> Outcome {
        var checks = desired.map { webhook in check(webhook, remote: remote.filter { $0.url == webhook.url }, key: key) }
        let declared = Set(desired.map(\.url))
        let undeclared = remote.filter { !declared.contains($0.url) }
        let urlCounts = Dictionary(undeclared.map { ($0.url, 1) }, uniquingKeysWith: +)
        for endpoint in undeclared {
            // Two undeclared endpoints with one URL would share an ID; their own ids keep them apart.
            let name = ChangeID.slug(urlCounts[endpoint.url] == 1 ? endpoint.url : endpoint.id)
            checks.append(.unmanaged(
                .stripe, resource: "webhook_endpoint", name: name, collection: collection,
                description: "Stripe \(key.marker): the webhook endpoint \(endpoint.id) for \(endpoint.url) (\(eventCount(endpoint.enabled_events)), \(endpoint.status))"
            ))
        }
        let coverage = Coverage(scope: .stripe, collection: collection, managed: remote.count - undeclared.count, total: remote.count)
        return Outcome(checks: checks, coverage: coverage)
    }

    private static func check(_ webhook: StripeWebhook, remote: [StripeWebhookEndpointBody], key: StripeKey) -> Check {
        let id = "stripe.webhook_endpoint.\(ChangeID.slug(webhook.url))"
        let name = "webhook \(webhook.url)"
        guard let endpoint = remote.first else {
            var parameters = ["url=\(webhook.url)"] + webhook.events.map { "enabled_events[]=\($0)" }
            if let version = webhook.apiVersion { parameters.append("api_version=\(version)") }
            return Check(
                id: id, scope: .stripe, name: name, status: .fail,
                message: "Stripe \(key.marker): no webhook endpoint delivers to \(webhook.url)",
                suggestedAction: "create it: POST /v1/webhook_endpoints with \(parameters.joined(separator: ", ")); then give the app the signing secret it returns",
                source: webhook.location
            )
        }
        if remote.count > 1 {
            let ids = remote.map(\.id)
            return Check(
                id: id, scope: .stripe, name: name, status: .fail,
                message: "Stripe \(key.marker): \(remote.count) webhook endpoints deliver to \(webhook.url) (\(ids.joined(separator: ", "))), so each event arrives more than once",
                suggestedAction: "keep one and delete the others: " + ids.dropFirst().map { "DELETE /v1/webhook_endpoints/\($0)" }.joined(separator: ", "),
                source: webhook.location
            )
        }
        let missing = webhook.events.filter { !endpoint.enabled_events.contains($0) }
        let extra = endpoint.enabled_events.filter { !webhook.events.contains($0) }
        var differences: [String] = []
        var actions: [String] = []
        if !missing.isEmpty { differences.append("it does not receive \(missing.joined(separator: ", "))") }
        if !extra.isEmpty { differences.append("it also receives \(extra.joined(separator: ", "))") }
        if !missing.isEmpty || !extra.isEmpty {
            actions.append("POST /v1/webhook_endpoints/\(endpoint.id) with " + webhook.events.map { "enabled_events[]=\($0)" }.joined(separator: ", "))
        }
        if endpoint.status != "enabled" {
            differences.append("it is \(endpoint.status), so Stripe sends it nothing")
            actions.append("POST /v1/webhook_endpoints/\(endpoint.id) with disabled=false")
        }
        if let version = webhook.apiVersion, endpoint.api_version != version {
            differences.append("its events use API version \(endpoint.api_version ?? "the account default"), not \(version)")
            // The update endpoint takes no api_version: only a new endpoint can change it.
            actions.append(
                "the API version of an endpoint cannot be edited: create one with url=\(webhook.url), api_version=\(version) and the same events, move the app to its signing secret, then DELETE /v1/webhook_endpoints/\(endpoint.id)"
            )
        }
        if differences.isEmpty {
            return Check(
                id: id, scope: .stripe, name: name, status: .pass,
                message: "Stripe \(key.marker): the webhook endpoint \(endpoint.id) for \(webhook.url) is enabled and receives the \(eventCount(webhook.events)) declared",
                source: webhook.location
            )
        }
        return Check(
            id: id, scope: .stripe, name: name, status: .fail,
            message: "Stripe \(key.marker): the webhook endpoint \(endpoint.id) for \(webhook.url) differs: \(differences.joined(separator: "; "))",
            suggestedAction: actions.joined(separator: "; then "),
            source: webhook.location
        )
    }

    private static func eventCount(_ events: [String]) -> String {
        events == ["*"] ? "all events" : events.count == 1 ? "1 event" : "\(events.count) events"
    }
}
