import OpsCore

extension StripeEmulator {
    /// A webhook endpoint. Its signing secret is returned once, at creation, and not kept:
    /// the sandbox stores no credentials.
    struct WebhookEndpoint: Sendable, Equatable {
        var id: String
        var url: String
        var enabledEvents: [String]
        /// `enabled` or `disabled`; changed through the update's `disabled` parameter.
        var status: String
        var apiVersion: String?
        var description: String?
        var metadata: [String: String]
        var livemode: Bool
        var created: Int

        init(
            id: String, url: String, enabledEvents: [String], status: String, apiVersion: String?, description: String?,
            metadata: [String: String], livemode: Bool, created: Int
        ) {
            self.id = id
            self.url = url
            self.enabledEvents = enabledEvents
            self.status = status
            self.apiVersion = apiVersion
            self.description = description
            self.metadata = metadata
            self.livemode = livemode
            self.created = created
        }

        init(stateJSON: JSONValue, path: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            id = try reader.string("id")
            url = try reader.string("url")
            enabledEvents = try reader.stringArray("enabled_events")
            status = try reader.optionalString("status") ?? "enabled"
            guard ["enabled", "disabled"].contains(status) else {
                throw StateDecodingError(path: reader.childPath("status"), problem: "expected enabled or disabled, found \"\(status)\"")
            }
            apiVersion = try reader.optionalString("api_version")
            description = try reader.optionalString("description")
            var metadata: [String: String] = [:]
            for (key, value, _) in try reader.object("metadata") { metadata[key] = value.stringValue ?? "" }
            self.metadata = metadata
            livemode = try reader.bool("livemode", default: false)
            created = try reader.optionalInt("created") ?? 0
        }

        /// As the API renders it; `secret` only in the answer to the create.
        func json(secret: String?) -> JSONValue {
            var members: [String: JSONValue] = [
                "id": .string(id), "object": "webhook_endpoint", "api_version": apiVersion.map(JSONValue.string) ?? .null,
                "application": .null, "created": .int(created), "description": description.map(JSONValue.string) ?? .null,
                "enabled_events": .array(enabledEvents.map(JSONValue.string)), "livemode": .bool(livemode),
                "metadata": .object(metadata.mapValues(JSONValue.string)), "status": .string(status), "url": .string(url),
            ]
            if let secret { members["secret"] = .string(secret) }
            return .object(members)
        }
    }
}
