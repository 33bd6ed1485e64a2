import OpsCore

extension SendGridEmulator {
    /// The `sendgrid` section of the sandbox state: authenticated domains and senders in the
    /// shapes the API returns, plus the DNS records "published" for validation to find.
    struct State: SandboxStateSection {
        var domains: [Domain]
        var senders: [Sender]
        var dnsRecords: [DNSRecord]
        var nextDomainID: Int
        var nextSenderID: Int

        static let empty = State(domains: [], senders: [], dnsRecords: [], nextDomainID: 1001, nextSenderID: 1)

        init(domains: [Domain], senders: [Sender], dnsRecords: [DNSRecord], nextDomainID: Int, nextSenderID: Int) {
            self.domains = domains
            self.senders = senders
            self.dnsRecords = dnsRecords
            self.nextDomainID = nextDomainID
            self.nextSenderID = nextSenderID
        }

        init(stateJSON: JSONValue) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: "")
            var domains: [Domain] = []
            for (value, path) in try reader.array("domains") { domains.append(try Domain(stateJSON: value, path: path)) }
            var senders: [Sender] = []
            for (value, path) in try reader.array("verified_senders") { senders.append(try Sender(stateJSON: value, path: path)) }
            var records: [DNSRecord] = []
            for (value, path) in try reader.array("dns") { records.append(try DNSRecord(stateJSON: value, path: path)) }
            self.domains = domains
            self.senders = senders
            dnsRecords = records
            nextDomainID = try reader.optionalInt("next_domain_id") ?? (domains.map(\.id).max() ?? 1000) + 1
            nextSenderID = try reader.optionalInt("next_sender_id") ?? (senders.map(\.id).max() ?? 0) + 1
        }

        var stateJSON: JSONValue {
            [
                "next_domain_id": .int(nextDomainID), "next_sender_id": .int(nextSenderID),
                "domains": .array(domains.map(\.json)), "verified_senders": .array(senders.map(\.json)),
                "dns": .array(dnsRecords.map(\.json)),
            ]
        }
    }

    /// A record of the emulated DNS zone.
    struct DNSRecord: Sendable, Equatable {
        var type: String
        var host: String
        var data: String

        init(type: String, host: String, data: String) {
            self.type = type.lowercased()
            self.host = host.lowercased()
            self.data = data
        }

        init(stateJSON: JSONValue, path: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            self.init(type: try reader.string("type"), host: try reader.string("host"), data: try reader.string("data"))
        }

        var json: JSONValue { ["type": .string(type), "host": .string(host), "data": .string(data)] }
    }
}
