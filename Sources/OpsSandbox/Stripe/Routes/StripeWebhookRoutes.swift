import OpsCore

extension StripeEmulator {
    /// `/v1/webhook_endpoints` (list, create) and `/v1/webhook_endpoints/{id}` (retrieve,
    /// update, delete).
    enum WebhookRoutes {
        static func list(_ context: RouteContext, _ stripe: State) throws(RouteFailure) -> HTTPResponse {
            try context.query.rejectUnknown(["limit", "starting_after", "ending_before", "expand"])
            _ = try Expansion.read(context.query, allowed: [])
            let endpoints = stripe.webhookEndpoints.filter { $0.livemode == context.credential.livemode }
            return try Listing.page(endpoints.reversed(), id: \.id, object: "webhook_endpoint", query: context.query, url: "/v1/webhook_endpoints") {
                $0.json(secret: nil)
            }
        }

        static func retrieve(_ context: RouteContext, _ stripe: State, id: String) throws(RouteFailure) -> HTTPResponse {
            .json(200, try find(id, context, stripe).json(secret: nil))
        }

        /// `url` and `enabled_events` required; `api_version` must look like a version.
        static func create(_ context: RouteContext, _ stripe: inout State) throws(RouteFailure) -> HTTPResponse {
            let body = try context.form()
            try body.rejectUnknown(["url", "enabled_events", "api_version", "description", "metadata", "connect", "expand"])
            try body.require("enabled_events")
            try body.require("url")
            let url = try checkedURL(try body.string("url") ?? "")
            let events = try checkedEvents(try body.strings("enabled_events") ?? [])
            var apiVersion: String?
            if let version = try body.string("api_version") {
                guard StripeEmulator.isAPIVersion(version) else {
                    throw Errors.invalidRequest("Invalid api_version: \(version)", param: "api_version")
                }
                apiVersion = version
            }
            let endpoint = WebhookEndpoint(
                id: stripe.allocateID(prefix: "we"), url: url, enabledEvents: events, status: "enabled", apiVersion: apiVersion,
                description: try body.string("description"), metadata: try body.stringMap("metadata") ?? [:],
                livemode: context.credential.livemode, created: SandboxTimestamp.now().epochSeconds)
            stripe.webhookEndpoints.append(endpoint)
            let number = stripe.nextID
            let secret = "whsec_" + String(StableHash.fnv1a("whsec:\(endpoint.id):\(number)"), radix: 36) + "Sandbox"
            return .json(200, endpoint.json(secret: secret))
        }

        /// `url`, `enabled_events`, `disabled`, `description`, `metadata`; the API version
        /// cannot be changed, as on Stripe.
        static func update(_ context: RouteContext, _ stripe: inout State, id: String) throws(RouteFailure) -> HTTPResponse {
            let body = try context.form()
            try body.rejectUnknown(["url", "enabled_events", "disabled", "description", "metadata", "expand"])
            _ = try find(id, context, stripe)
            let index = stripe.webhookEndpoints.firstIndex { $0.id == id }!
            if let url = try body.string("url") { stripe.webhookEndpoints[index].url = try checkedURL(url) }
            if let events = try body.strings("enabled_events") { stripe.webhookEndpoints[index].enabledEvents = try checkedEvents(events) }
            if let disabled = try body.bool("disabled") { stripe.webhookEndpoints[index].status = disabled ? "disabled" : "enabled" }
            if let description = try body.string("description") {
                stripe.webhookEndpoints[index].description = description.isEmpty ? nil : description
            }
            if let metadata = try body.stringMap("metadata") { stripe.webhookEndpoints[index].metadata = metadata }
            return .json(200, stripe.webhookEndpoints[index].json(secret: nil))
        }

        static func delete(_ context: RouteContext, _ stripe: inout State, id: String) throws(RouteFailure) -> HTTPResponse {
            _ = try find(id, context, stripe)
            stripe.webhookEndpoints.removeAll { $0.id == id }
            return .json(200, ["id": .string(id), "object": "webhook_endpoint", "deleted": true])
        }

        private static func find(_ id: String, _ context: RouteContext, _ stripe: State) throws(RouteFailure) -> WebhookEndpoint {
            guard let endpoint = stripe.webhookEndpoints.first(where: { $0.id == id && $0.livemode == context.credential.livemode }) else {
                throw Errors.noSuch("webhook_endpoint", id)
            }
            return endpoint
        }

        private static func checkedURL(_ url: String) throws(RouteFailure) -> String {
            let lowered = url.lowercased()
            guard (lowered.hasPrefix("https://") || lowered.hasPrefix("http://")), url.count > 8, !url.contains(" ") else {
                throw Errors.invalidRequest("Invalid URL: \(url)", param: "url", code: "url_invalid")
            }
            return url
        }

        /// `*` or dotted lowercase event names; Stripe checks them against its catalogue, the
        /// sandbox only their shape.
        private static func checkedEvents(_ events: [String]) throws(RouteFailure) -> [String] {
            guard !events.isEmpty else { throw Errors.invalidRequest("Invalid array", param: "enabled_events") }
            for event in events where event != "*" {
                let words = event.split(separator: ".", omittingEmptySubsequences: false)
                let valid = words.count >= 2 && words.allSatisfy { word in
                    !word.isEmpty && word.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" }
                }
                guard valid else {
                    throw Errors.invalidRequest("Invalid enabled_events: \(event) is not a valid event type", param: "enabled_events")
                }
            }
            return events
        }
    }
}
