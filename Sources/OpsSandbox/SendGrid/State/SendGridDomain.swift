import OpsCore

extension SendGridEmulator {
    /// An authenticated domain and the DNS records it asks for, each with the result of the
    /// last validation.
    struct Domain: Sendable, Equatable {
        struct Record: Sendable, Equatable {
            var valid: Bool
            var type: String
            var host: String
            var data: String

            var json: JSONValue { ["valid": .bool(valid), "type": .string(type), "host": .string(host), "data": .string(data)] }
        }

        /// The user the sandbox's one account belongs to.
        static let userID = 7
        static let username = "sandbox"

        var id: Int
        var domain: String
        var subdomain: String
        var username: String
        var ips: [String]
        var customSPF: Bool
        var isDefault: Bool
        var automaticSecurity: Bool
        var valid: Bool
        /// By name: `mail_cname`, `dkim1`, `dkim2` (automatic security) or `mail_server`,
        /// `subdomain_spf`, `dkim` (manual).
        var dns: [String: Record]
        var lastValidationAttemptAt: Int?

        /// A new domain with the records SendGrid would ask for, none of them valid yet.
        init(id: Int, domain: String, subdomain: String?, automaticSecurity: Bool, customDKIMSelector: String?, isDefault: Bool, ips: [String]) {
            self.id = id
            self.domain = domain.lowercased()
            self.subdomain = subdomain ?? "em\(1000 + id % 9000)"
            username = Self.username
            self.ips = ips
            customSPF = false
            self.isDefault = isDefault
            self.automaticSecurity = automaticSecurity
            valid = false
            lastValidationAttemptAt = nil
            let host = "\(self.subdomain).\(self.domain)"
            let target = "u\(Self.userID).wl\(id % 1000).sendgrid.net"
            let selector = customDKIMSelector ?? "s"
            if automaticSecurity {
                dns = [
                    "mail_cname": Record(valid: false, type: "cname", host: host, data: target),
                    "dkim1": Record(valid: false, type: "cname", host: "\(selector)1._domainkey.\(self.domain)", data: "\(selector)1.domainkey.\(target)"),
                    "dkim2": Record(valid: false, type: "cname", host: "\(selector)2._domainkey.\(self.domain)", data: "\(selector)2.domainkey.\(target)"),
                ]
            } else {
                dns = [
                    "mail_server": Record(valid: false, type: "mx", host: host, data: "mx.sendgrid.net"),
                    "subdomain_spf": Record(valid: false, type: "txt", host: host, data: "v=spf1 include:sendgrid.net ~all"),
                    "dkim": Record(valid: false, type: "txt", host: "m1._domainkey.\(self.domain)", data: "k=rsa; t=s; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDsandbox"),
                ]
            }
        }

        init(stateJSON: JSONValue, path: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            id = try reader.int("id")
            domain = try reader.string("domain")
            subdomain = try reader.optionalString("subdomain") ?? "em\(id)"
            username = try reader.optionalString("username") ?? Self.username
            ips = try reader.stringArray("ips")
            customSPF = try reader.bool("custom_spf", default: false)
            isDefault = try reader.bool("default", default: false)
            automaticSecurity = try reader.bool("automatic_security", default: true)
            valid = try reader.bool("valid", default: false)
            var dns: [String: Record] = [:]
            for (name, value, recordPath) in try reader.object("dns") {
                let record = try JSONFieldReader(value, path: recordPath)
                dns[name] = Record(
                    valid: try record.bool("valid", default: false), type: try record.string("type"), host: try record.string("host"),
                    data: try record.string("data"))
            }
            self.dns = dns
            lastValidationAttemptAt = try reader.optionalInt("last_validation_attempt_at")
        }

        var json: JSONValue {
            var members: [String: JSONValue] = [
                "id": .int(id), "user_id": .int(Self.userID), "subdomain": .string(subdomain), "domain": .string(domain),
                "username": .string(username), "ips": .array(ips.map(JSONValue.string)), "custom_spf": .bool(customSPF),
                "default": .bool(isDefault), "legacy": false, "automatic_security": .bool(automaticSecurity), "valid": .bool(valid),
                "dns": .object(dns.mapValues(\.json)), "subusers": [],
            ]
            if let lastValidationAttemptAt { members["last_validation_attempt_at"] = .int(lastValidationAttemptAt) }
            return .object(members)
        }
    }
}
