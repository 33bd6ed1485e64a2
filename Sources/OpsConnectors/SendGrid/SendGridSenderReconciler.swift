import OpsCore

/// Compares declared sender addresses with SendGrid's verified senders: each must exist and be
/// verified. Senders nobody declared are reported as unmanaged.
enum SendGridSenderReconciler {
    static let collection = "verified senders"

    static func reconcile(desired: [SendGridSender], remote: [SendGridSenderList.Sender]) -> SendGridPlanPart {
        var checks = desired.map { declared in
            check(declared, found: remote.filter { $0.from_email.lowercased() == declared.email.lowercased() })
        }
        let addresses = Set(desired.map { $0.email.lowercased() })
        let undeclared = remote.filter { !addresses.contains($0.from_email.lowercased()) }
        for sender in undeclared {
            checks.append(.unmanaged(
                .sendgrid, resource: "sender", name: ChangeID.slug(sender.from_email), collection: collection,
                description: "the sender \(sender.from_email) (id \(sender.id), \(sender.verified ? "verified" : "not verified"))"
            ))
        }
        return SendGridPlanPart(
            checks: checks, coverage: Coverage(scope: .sendgrid, collection: collection, managed: remote.count - undeclared.count, total: remote.count))
    }

    private static func check(_ declared: SendGridSender, found: [SendGridSenderList.Sender]) -> Check {
        let id = "sendgrid.sender.\(ChangeID.slug(declared.email))"
        let name = "sender \(declared.email)"
        if let verified = found.first(where: \.verified) {
            return Check(
                id: id, scope: .sendgrid, name: name, status: .pass,
                message: "\(declared.email) is a verified sender in SendGrid (id \(verified.id))", source: declared.location
            )
        }
        guard let sender = found.first else {
            return Check(
                id: id, scope: .sendgrid, name: name, status: .fail,
                message: "\(declared.email) is not a sender in SendGrid",
                suggestedAction: "create it: POST /v3/verified_senders with {\"nickname\": \"\(declared.email)\", \"from_email\": \"\(declared.email)\", \"reply_to\": \"\(declared.email)\"}, then open the verification link SendGrid mails to \(declared.email)",
                source: declared.location
            )
        }
        return Check(
            id: id, scope: .sendgrid, name: name, status: .fail,
            message: "\(declared.email) is a sender in SendGrid (id \(sender.id)) but not verified",
            suggestedAction: "open the verification link SendGrid mailed to \(declared.email); to send it again: POST /v3/verified_senders/resend/\(sender.id)",
            source: declared.location
        )
    }
}
