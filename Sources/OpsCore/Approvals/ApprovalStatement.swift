import Foundation

/// What a signed approval signs: the canonical JSON (the receipts' writer, keys sorted) of
/// `{approver, change_digest, change_id, expires, nonce, plan_digest}`. It is never stored:
/// a verifier rebuilds it from the receipt's own members, so changing any of them (the change,
/// its digest, the plan, who approved, the expiry) breaks the signature.
package struct ApprovalStatement: Sendable, Equatable {
    /// The SSHSIG namespace every approval is signed in, so that no other signature made with
    /// the same key (a git commit, a file) can pass for an approval.
    package static let namespace = "opsctl-approval@v1"

    /// The principal the signer claims to be, as allowed_signers names it (alice@example.com).
    package var approver: String
    package var changeDigest: String
    package var changeID: String
    /// RFC 3339 UTC; the approval counts for nothing after it.
    package var expires: String
    /// Random hex, so that no two statements are alike.
    package var nonce: String
    package var planDigest: String

    package init(approver: String, changeDigest: String, changeID: String, expires: String, nonce: String, planDigest: String) {
        self.approver = approver
        self.changeDigest = changeDigest
        self.changeID = changeID
        self.expires = expires
        self.nonce = nonce
        self.planDigest = planDigest
    }

    /// The `expires` of a statement signed at `date`: when approvalTTL ends.
    package static func expiry(signedAt date: Date, ttlSeconds: Int) -> String {
        ReceiptTimestamp.string(from: date.addingTimeInterval(TimeInterval(ttlSeconds)))
    }

    package var canonicalBytes: [UInt8] {
        JSONWriter.canonicalBytes(.object([
            "approver": .string(approver), "change_digest": .string(changeDigest), "change_id": .string(changeID),
            "expires": .string(expires), "nonce": .string(nonce), "plan_digest": .string(planDigest),
        ]))
    }
}
