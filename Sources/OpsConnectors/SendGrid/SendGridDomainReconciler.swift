import OpsCore

/// Compares declared domains with SendGrid's authenticated domains: each must exist and be
/// `valid`. A domain that is not names its failing DNS records and the exact records to add.
/// Domains nobody declared are reported as unmanaged.
enum SendGridDomainReconciler {
    static let collection = "authenticated domains"

    static func reconcile(desired: [SendGridDomain], remote: [SendGridDomainBody]) -> SendGridPlanPart {
        var checks = desired.map { declared in
            check(declared, entries: remote.filter { $0.domain.lowercased() == declared.name.lowercased() })
        }
        let names = Set(desired.map { $0.name.lowercased() })
        let undeclared = remote.filter { !names.contains($0.domain.lowercased()) }
        let counts = Dictionary(undeclared.map { ($0.domain.lowercased(), 1) }, uniquingKeysWith: +)
        for entry in undeclared {
            // One domain may be authenticated more than once (another subdomain, a subuser).
            let name = counts[entry.domain.lowercased()] == 1 ? entry.domain : "\(entry.domain)-\(entry.id)"
            checks.append(.unmanaged(
                .sendgrid, resource: "domain", name: ChangeID.slug(name), collection: collection,
                description: "the authenticated domain \(entry.domain) (id \(entry.id), \(entry.valid ? "valid" : "not valid"))"
            ))
        }
        return SendGridPlanPart(
            checks: checks, coverage: Coverage(scope: .sendgrid, collection: collection, managed: remote.count - undeclared.count, total: remote.count))
    }

    private static func check(_ declared: SendGridDomain, entries: [SendGridDomainBody]) -> Check {
        let id = "sendgrid.domain.\(ChangeID.slug(declared.name))"
        let name = "domain \(declared.name)"
        if let valid = entries.first(where: \.valid) {
            return Check(
                id: id, scope: .sendgrid, name: name, status: .pass,
                message: "\(declared.name) is authenticated in SendGrid and valid (id \(valid.id))", source: declared.location
            )
        }
        guard let entry = entries.first else {
            return Check(
                id: id, scope: .sendgrid, name: name, status: .fail,
                message: "\(declared.name) is not authenticated in SendGrid",
                suggestedAction: "authenticate it: POST /v3/whitelabel/domains with {\"domain\": \"\(declared.name)\", \"automatic_security\": true}, publish the DNS records it returns, then POST /v3/whitelabel/domains/{id}/validate",
                source: declared.location
            )
        }
        let failing = entry.dns.keys.sorted().compactMap { key in entry.dns[key].flatMap { $0.valid ? nil : (key, $0) } }
        let records = failing.map { "\($0.1.type.uppercased()) \($0.1.host) → \($0.1.data)" }
        let named = failing.map { "\($0.0) (\($0.1.type.uppercased()) \($0.1.host))" }
        let message = failing.isEmpty
            ? "\(declared.name) is authenticated in SendGrid (id \(entry.id)) but not valid"
            : "\(declared.name) is authenticated in SendGrid (id \(entry.id)) but not valid: \(named.joined(separator: ", ")) \(failing.count == 1 ? "does" : "do") not resolve as required"
        let publish = records.isEmpty ? "" : "add \(records.count == 1 ? "this DNS record" : "these DNS records"): \(records.joined(separator: "; ")); then "
        return Check(
            id: id, scope: .sendgrid, name: name, status: .fail, message: message,
            suggestedAction: "\(publish)validate: POST /v3/whitelabel/domains/\(entry.id)/validate",
            source: declared.location
        )
    }
}
