import OpsCore

extension SendGridEmulator {
    /// `/_sandbox/dns` under `/sendgrid`: the records a test "publishes" so validation finds them.
    /// `POST {"type", "host", "data"}` adds one (replacing one of the same type and host);
    /// `GET` lists them. Sandbox only: SendGrid reads real DNS.
    enum DNSRoutes {
        static func list(_ sendgrid: State) -> HTTPResponse {
            .json(200, .array(sendgrid.dnsRecords.map(\.json)))
        }

        static func publish(_ request: EmulatorRequest, _ sendgrid: inout State) throws(RouteFailure) -> HTTPResponse {
            let body = try RequestBody(body: request.body, envelope: BodyErrors())
            try body.require(["type", "host", "data"])
            let record = DNSRecord(type: try body.string("type") ?? "", host: try body.string("host") ?? "", data: try body.string("data") ?? "")
            sendgrid.dnsRecords.removeAll { $0.type == record.type && $0.host == record.host }
            sendgrid.dnsRecords.append(record)
            return .json(201, record.json)
        }
    }
}
