import OpsCore

extension SendGridEmulator {
    /// A sender identity; `verified` turns true when its verification link is opened.
    struct Sender: Sendable, Equatable {
        static let textFields = ["nickname", "from_email", "from_name", "reply_to", "reply_to_name", "address", "address2", "state", "city", "zip", "country"]

        var id: Int
        /// The text fields of the request, by name.
        var fields: [String: String]
        var verified: Bool
        var locked: Bool

        var fromEmail: String { fields["from_email"] ?? "" }

        /// The token in the link SendGrid mails to the address; the sandbox's is derived from the id.
        var verificationToken: String { "sandbox-verify-\(id)" }

        init(id: Int, fields: [String: String], verified: Bool = false, locked: Bool = false) {
            self.id = id
            self.fields = fields
            self.verified = verified
            self.locked = locked
        }

        init(stateJSON: JSONValue, path: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            id = try reader.int("id")
            var fields: [String: String] = [:]
            for name in Self.textFields { fields[name] = try reader.optionalString(name) }
            guard fields["from_email"] != nil else { throw StateDecodingError(path: reader.childPath("from_email"), problem: "expected a string, but it is missing") }
            self.fields = fields
            verified = try reader.bool("verified", default: false)
            locked = try reader.bool("locked", default: false)
        }

        var json: JSONValue {
            var members: [String: JSONValue] = ["id": .int(id), "verified": .bool(verified), "locked": .bool(locked)]
            for name in Self.textFields { members[name] = .string(fields[name] ?? "") }
            return .object(members)
        }
    }
}
