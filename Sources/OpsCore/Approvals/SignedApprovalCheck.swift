import Foundation

/// Checks the SSH signature on one approval: the statement rebuilt from the receipt verifies
/// under a key that change-policy.yaml's allowed_signers lets sign as the recorded principal in
/// the namespace `opsctl-approval@v1` at the approval's time, and the recorded fingerprint is
/// that key's. Used by `ApprovalEvaluator` (approve, apply, status) and `receipts verify
/// --approvals`, so a signature means the same thing everywhere.
package enum SignedApprovalCheck {
    package static func verify(
        _ signature: ApprovalSignature, changeID: String, changeDigest: String, planDigest: String, recordedAt: Date,
        allowedSigners: SSHAllowedSigners?, sshKeygen: SSHKeygen? = SSHKeygen.find()
    ) throws(SSHSignatureError) -> SSHSignerCheck.Verified {
        guard let allowedSigners else { throw SSHSignatureError(.noAllowedSigners) }
        let statement = signature.statement(changeID: changeID, changeDigest: changeDigest, planDigest: planDigest)
        let check = SSHSignerCheck(allowedSigners: allowedSigners, sshKeygen: sshKeygen)
        let verified = try check.verify(
            armoured: signature.armoured, message: statement.canonicalBytes, namespace: ApprovalStatement.namespace,
            principal: signature.principal, at: recordedAt
        )
        guard verified.fingerprint == signature.fingerprint else { throw SSHSignatureError(.doesNotVerify) }
        return verified
    }
}
