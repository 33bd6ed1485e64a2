import Foundation

/// Whether a message was signed by a key allowed_signers lets sign as `principal`, in
/// `namespace`, at `time`: ssh-keygen -Y verify's rules, checked natively with libcrypto for
/// Ed25519, RSA and ECDSA keys. Security-key and certificate signatures go to ssh-keygen when
/// it is installed and are refused when it is not.
package struct SSHSignerCheck: Sendable {
    package enum Checker: String, Sendable, Equatable {
        case libcrypto
        case sshKeygen = "ssh-keygen"
    }

    package struct Verified: Sendable, Equatable {
        package var principal: String
        package var fingerprint: String
        package var keyType: String
        package var checkedBy: Checker

        package init(principal: String, fingerprint: String, keyType: String, checkedBy: Checker) {
            self.principal = principal
            self.fingerprint = fingerprint
            self.keyType = keyType
            self.checkedBy = checkedBy
        }
    }

    package var allowedSigners: SSHAllowedSigners
    package var sshKeygen: SSHKeygen?

    package init(allowedSigners: SSHAllowedSigners, sshKeygen: SSHKeygen?) {
        self.allowedSigners = allowedSigners
        self.sshKeygen = sshKeygen
    }

    package func verify(
        armoured: String, message: [UInt8], namespace: String, principal: String, at time: Date
    ) throws(SSHSignatureError) -> Verified {
        let signature = try SSHSignature.parse(armoured: armoured)
        guard signature.namespace == namespace else {
            throw SSHSignatureError(.wrongNamespace(found: signature.namespace, expected: namespace))
        }
        let fingerprint: String
        do {
            fingerprint = try signature.publicKey.fingerprint
        } catch {
            throw SSHSignatureError(.badPublicKey(type: signature.publicKey.type))
        }
        if signature.publicKey.needsSSHKeygen {
            let what = signature.publicKey.material == .certificate ? "certificate (\(signature.publicKey.type))" : "security-key (\(signature.publicKey.type))"
            guard let sshKeygen else { throw SSHSignatureError(.needsSSHKeygen(what: what)) }
            try sshKeygen.verify(
                armoured: armoured, message: message, namespace: namespace, principal: principal,
                allowedSignersPath: allowedSigners.path, time: time
            )
            return Verified(principal: principal, fingerprint: fingerprint, keyType: signature.publicKey.type, checkedBy: .sshKeygen)
        }
        try SSHSignatureVerifier.verify(signature, message: message, namespace: namespace)

        let lines = allowedSigners.entries(for: signature.publicKey)
        guard !lines.isEmpty else { throw SSHSignatureError(.keyNotAllowed(fingerprint: fingerprint)) }
        let forPrincipal = lines.filter { SSHPrincipalPattern.listMatches($0.principals, principal) }
        guard !forPrincipal.isEmpty else { throw SSHSignatureError(.principalNotAllowed(principal: principal, fingerprint: fingerprint)) }
        let inNamespace = forPrincipal.filter { line in line.namespaces.map { SSHPrincipalPattern.listMatches($0, namespace) } ?? true }
        guard let first = inNamespace.first else {
            throw SSHSignatureError(.namespaceNotAllowed(namespace: namespace, fingerprint: fingerprint))
        }
        // ssh-keygen: not yet valid when the time is before valid-after, expired when after valid-before.
        let current = inNamespace.filter { line in
            (line.validAfter.map { time >= $0 } ?? true) && (line.validBefore.map { time <= $0 } ?? true)
        }
        guard !current.isEmpty else {
            if let after = first.validAfter, time < after {
                throw SSHSignatureError(.notYetValid(principal: principal, validAfter: ReceiptTimestamp.string(from: after)))
            }
            throw SSHSignatureError(.keyExpired(principal: principal, validBefore: ReceiptTimestamp.string(from: first.validBefore ?? time)))
        }
        return Verified(principal: principal, fingerprint: fingerprint, keyType: signature.publicKey.type, checkedBy: .libcrypto)
    }
}
