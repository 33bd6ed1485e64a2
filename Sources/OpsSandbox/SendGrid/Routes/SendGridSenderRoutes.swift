import OpsCore

extension SendGridEmulator {
    /// `/v3/verified_senders[...]`.
    enum SenderRoutes {
        /// `{"results": [...]}` by ascending id; `lastSeenID` starts after an id, `limit` caps
        /// the page, `id` picks one.
        static func list(_ request: EmulatorRequest, _ sendgrid: State) throws(RouteFailure) -> HTTPResponse {
            let query = request.query
            var senders = sendgrid.senders.sorted { $0.id < $1.id }
            if let id = try DomainRoutes.number(query, "id") { senders = senders.filter { $0.id == id } }
            if let last = try DomainRoutes.number(query, "lastSeenID") { senders = senders.filter { $0.id > last } }
            if let limit = try DomainRoutes.number(query, "limit") { senders = Array(senders.prefix(max(1, limit))) }
            return .json(200, ["results": .array(senders.map(\.json))])
        }

        /// `nickname`, `from_email` and `reply_to` required; 201, not verified until the link
        /// in the mail (`/v3/verified_senders/verify/{token}`) is opened.
        static func create(_ request: EmulatorRequest, _ sendgrid: inout State) throws(RouteFailure) -> HTTPResponse {
            let body = try RequestBody(body: request.body, envelope: BodyErrors())
            try body.require(["nickname", "from_email", "reply_to"])
            var fields: [String: String] = [:]
            for name in Sender.textFields { fields[name] = try body.string(name) }
            for name in ["from_email", "reply_to"] {
                let address = fields[name] ?? ""
                let parts = address.split(separator: "@", omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty, parts[1].contains(".") else {
                    throw Errors.failure(400, "must be a valid email address", field: name)
                }
            }
            if sendgrid.senders.contains(where: { $0.fromEmail.lowercased() == fields["from_email"]?.lowercased() }) {
                throw Errors.failure(400, "already exists", field: "from_email")
            }
            let sender = Sender(id: sendgrid.nextSenderID, fields: fields)
            sendgrid.nextSenderID += 1
            sendgrid.senders.append(sender)
            return .json(201, sender.json)
        }

        static func delete(_ sendgrid: inout State, id: Int) throws(RouteFailure) -> HTTPResponse {
            guard sendgrid.senders.contains(where: { $0.id == id }) else { throw Errors.notFound }
            sendgrid.senders.removeAll { $0.id == id }
            return .empty(204)
        }

        static func resend(_ sendgrid: State, id: Int) throws(RouteFailure) -> HTTPResponse {
            guard sendgrid.senders.contains(where: { $0.id == id }) else { throw Errors.notFound }
            return .empty(204)
        }

        static func verify(_ sendgrid: inout State, token: String) throws(RouteFailure) -> HTTPResponse {
            guard let index = sendgrid.senders.firstIndex(where: { $0.verificationToken == token }) else { throw Errors.notFound }
            sendgrid.senders[index].verified = true
            return .empty(204)
        }
    }
}
