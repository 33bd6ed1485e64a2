import OpsCore

extension SendGridEmulator {
    /// `/v3/whitelabel/domains[/{id}[/validate]]`.
    enum DomainRoutes {
        /// A bare array, oldest first; `limit` (default 50) and `offset` page it, `domain` and
        /// `username` filter it.
        static func list(_ request: EmulatorRequest, _ sendgrid: State) throws(RouteFailure) -> HTTPResponse {
            let query = request.query
            let limit = try number(query, "limit") ?? 50
            let offset = try number(query, "offset") ?? 0
            guard limit >= 1 else { throw Errors.failure(400, "limit must be at least 1", field: "limit") }
            var domains = sendgrid.domains.sorted { $0.id < $1.id }
            if let search = query["domain"]?.lowercased(), !search.isEmpty { domains = domains.filter { $0.domain.contains(search) } }
            if let username = query["username"], !username.isEmpty { domains = domains.filter { $0.username == username } }
            let page = domains.dropFirst(offset).prefix(limit)
            return .json(200, .array(page.map(\.json)))
        }

        static func get(_ sendgrid: State, id: Int) throws(RouteFailure) -> HTTPResponse {
            guard let domain = sendgrid.domains.first(where: { $0.id == id }) else { throw Errors.notFound }
            return .json(200, domain.json)
        }

        /// `domain` required; 201 with the records to publish, none valid yet.
        static func create(_ request: EmulatorRequest, _ sendgrid: inout State) throws(RouteFailure) -> HTTPResponse {
            let body = try RequestBody(body: request.body, envelope: BodyErrors())
            try body.require(["domain"])
            let name = (try body.string("domain") ?? "").lowercased()
            guard name.contains("."), !name.contains("/"), !name.contains(" ") else { throw Errors.failure(400, "invalid domain", field: "domain") }
            let subdomain = try body.string("subdomain")
            if sendgrid.domains.contains(where: { $0.domain == name && (subdomain == nil || $0.subdomain == subdomain) }) {
                throw Errors.failure(400, "A domain authentication for \(name) already exists", field: "domain")
            }
            let id = sendgrid.nextDomainID
            sendgrid.nextDomainID += 1
            let domain = Domain(
                id: id, domain: name, subdomain: subdomain, automaticSecurity: try body.bool("automatic_security") ?? true,
                customDKIMSelector: try body.string("custom_dkim_selector"), isDefault: try body.bool("default") ?? false,
                ips: try body.stringArray("ips") ?? [])
            sendgrid.domains.append(domain)
            return .json(201, domain.json)
        }

        static func delete(_ sendgrid: inout State, id: Int) throws(RouteFailure) -> HTTPResponse {
            guard sendgrid.domains.contains(where: { $0.id == id }) else { throw Errors.notFound }
            sendgrid.domains.removeAll { $0.id == id }
            return .empty(204)
        }

        /// Looks each record up in the emulated DNS zone (`/_sandbox/dns`): a record is valid when
        /// a published one has its type, host and data.
        static func validate(_ sendgrid: inout State, id: Int) throws(RouteFailure) -> HTTPResponse {
            guard let index = sendgrid.domains.firstIndex(where: { $0.id == id }) else { throw Errors.notFound }
            var results: [String: JSONValue] = [:]
            for (name, record) in sendgrid.domains[index].dns {
                let published = sendgrid.dnsRecords.contains {
                    $0.type == record.type.lowercased() && $0.host == record.host.lowercased() && $0.data == record.data
                }
                sendgrid.domains[index].dns[name]?.valid = published
                results[name] = [
                    "valid": .bool(published),
                    "reason": published ? .null : .string("Expected \(record.type.uppercased()) record for \"\(record.host)\" to match \"\(record.data)\"."),
                ]
            }
            let valid = sendgrid.domains[index].dns.values.allSatisfy(\.valid)
            sendgrid.domains[index].valid = valid
            sendgrid.domains[index].lastValidationAttemptAt = SandboxTimestamp.now().epochSeconds
            return .json(200, ["id": .int(id), "valid": .bool(valid), "validation_results": .object(results)])
        }

        static func number(_ query: QueryParameters, _ name: String) throws(RouteFailure) -> Int? {
            guard let text = query[name] else { return nil }
            guard let value = Int(text), value >= 0 else { throw Errors.failure(400, "\(name) must be a non-negative integer", field: name) }
            return value
        }
    }
}
