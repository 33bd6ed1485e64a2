import Foundation
import OpsCore

/// The SSHSIG reader and the native verifier on arbitrary bytes, both as a raw blob and as the
/// armoured text `approve` receipts carry: any input is refused with a reason or verifies; none
/// may crash, hang or leak (the verifier builds libcrypto keys from whatever the blob holds).
public enum SSHSignatureFuzzTarget {
    static let message = Array(#"{"approver":"fuzz@example.com"}"#.utf8)

    public static func run(_ bytes: [UInt8]) {
        if let signature = try? SSHSignature.parse(blob: bytes) {
            _ = try? SSHSignatureVerifier.verify(signature, message: message, namespace: signature.namespace)
            _ = try? signature.publicKey.fingerprint
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if let signature = try? SSHSignature.parse(armoured: text) {
            _ = try? SSHSignatureVerifier.verify(signature, message: message, namespace: ApprovalStatement.namespace)
        }
        _ = SSHAllowedSigners.parse(text, path: "fuzz_allowed_signers")
    }
}
