import Foundation

/// The SSH signature an `approve` receipt carries (body version 2), with what is needed to
/// rebuild the signed statement: the principal, the nonce and the expiry. The change, its
/// digest and the plan digest are the receipt's own members.
package struct ApprovalSignature: Sendable, Equatable {
    package static let format = "sshsig"

    /// The principal signed for, as allowed_signers names it; roles name it `ssh:PRINCIPAL`.
    package var principal: String
    package var nonce: String
    package var expires: String
    /// `SHA256:…` of the signing key, as `ssh-keygen -l` shows it.
    package var fingerprint: String
    package var keyType: String
    /// The armoured SSHSIG (`-----BEGIN SSH SIGNATURE-----` …).
    package var armoured: String

    package init(principal: String, nonce: String, expires: String, fingerprint: String, keyType: String, armoured: String) {
        self.principal = principal
        self.nonce = nonce
        self.expires = expires
        self.fingerprint = fingerprint
        self.keyType = keyType
        self.armoured = armoured
    }

    /// The statement this signature signs for the change it is recorded with.
    package func statement(changeID: String, changeDigest: String, planDigest: String) -> ApprovalStatement {
        ApprovalStatement(approver: principal, changeDigest: changeDigest, changeID: changeID, expires: expires, nonce: nonce, planDigest: planDigest)
    }

    package var expiryDate: Date? { ReceiptTimestamp.date(from: expires) }

    package var identity: String { "ssh:" + principal }

    var members: [String: JSONValue] {
        [
            "format": .string(Self.format), "namespace": .string(ApprovalStatement.namespace), "principal": .string(principal),
            "nonce": .string(nonce), "expires": .string(expires), "fingerprint": .string(fingerprint), "keyType": .string(keyType),
            "signature": .string(armoured),
        ]
    }

    /// Nil unless every member is present; the signature's own format is checked when it is verified.
    init?(_ value: JSONValue?) {
        guard let value, value["format"]?.stringValue == Self.format, let principal = value["principal"]?.stringValue,
            let nonce = value["nonce"]?.stringValue, let expires = value["expires"]?.stringValue,
            let fingerprint = value["fingerprint"]?.stringValue, let armoured = value["signature"]?.stringValue
        else { return nil }
        self.init(
            principal: principal, nonce: nonce, expires: expires, fingerprint: fingerprint, keyType: value["keyType"]?.stringValue ?? "",
            armoured: armoured
        )
    }
}
