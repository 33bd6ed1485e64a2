/// SendGrid's JSON shapes (docs/services/sendgrid.md), as far as opsctl reads them.

/// One authenticated domain from `GET /v3/whitelabel/domains` (a bare array of these).
struct SendGridDomainBody: Decodable, Sendable, Equatable {
    /// One DNS record SendGrid wants published, and whether its last validation found it.
    struct Record: Decodable, Sendable, Equatable {
        var valid: Bool
        var type: String
        var host: String
        var data: String
    }

    var id: Int
    var domain: String
    var subdomain: String?
    var username: String?
    var valid: Bool
    /// `mail_cname`, `dkim1`, `dkim2` with automatic security; other names (`mail_server`,
    /// `subdomain_spf`, `dkim`) are reported for manual security, so every member is read.
    var dns: [String: Record]
    var last_validation_attempt_at: Int?

    private enum CodingKeys: String, CodingKey {
        case id, domain, subdomain, username, valid, dns, last_validation_attempt_at
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // The description types ids as numbers; accept 7 and 7.0 alike.
        id = Int(try container.decode(Double.self, forKey: .id))
        domain = try container.decode(String.self, forKey: .domain)
        subdomain = try container.decodeIfPresent(String.self, forKey: .subdomain)
        username = try container.decodeIfPresent(String.self, forKey: .username)
        valid = try container.decode(Bool.self, forKey: .valid)
        dns = (try? container.decodeIfPresent([String: Record].self, forKey: .dns)) ?? [:]
        last_validation_attempt_at = try? container.decodeIfPresent(Int.self, forKey: .last_validation_attempt_at)
    }
}

/// `GET /v3/verified_senders` → `{"results": [...]}`, verified and unverified senders alike.
struct SendGridSenderList: Decodable, Sendable {
    struct Sender: Decodable, Sendable, Equatable {
        var id: Int
        var nickname: String?
        var from_email: String
        var verified: Bool
        var locked: Bool?
    }

    var results: [Sender]
}

/// What the pagination reads of a page: how many items came back, and the last sender's id.
/// Only those members are built (`keepingMembers`); the listing decodes the page in full once.
struct SendGridPageCursor: Decodable, Sendable {
    struct Item: Decodable, Sendable {}

    struct Sender: Decodable, Sendable {
        var id: Int
    }

    struct Senders: Decodable, Sendable {
        var results: [Sender]
        static let members = ["results", "id"]
    }
}
