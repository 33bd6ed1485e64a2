/// Why an SSH signature (an SSHSIG blob, `ssh-keygen -Y sign`'s output) was not accepted. Each
/// reason renders as one sentence; none of them echoes key material or the signed statement.
package struct SSHSignatureError: DiagnosticError, Equatable {
    package enum Reason: Sendable, Equatable {
        case notArmored
        case badBase64
        case badMagic
        case unsupportedVersion(UInt32)
        case truncated(field: String)
        case trailingBytes(Int)
        case badInteger(field: String)
        case badText(field: String)
        case emptyNamespace
        case wrongNamespace(found: String, expected: String)
        case unsupportedHash(String)
        case unsupportedKeyType(String)
        /// The signature's algorithm does not belong to the key's type.
        case algorithmMismatch(key: String, signature: String)
        /// `ssh-rsa` signatures hash with SHA-1.
        case sha1Signature
        case keyTooSmall(bits: Int, minimum: Int)
        case badPublicKey(type: String)
        case badSignatureLength(type: String)
        case doesNotVerify
        /// A security-key or certificate signature, which only ssh-keygen checks, and it is not installed.
        case needsSSHKeygen(what: String)
        case sshKeygenRefused(String)
        case sshKeygenFailed(String)
        case keyNotAllowed(fingerprint: String)
        case principalNotAllowed(principal: String, fingerprint: String)
        case namespaceNotAllowed(namespace: String, fingerprint: String)
        case notYetValid(principal: String, validAfter: String)
        case keyExpired(principal: String, validBefore: String)
        case noAllowedSigners
    }

    package var reason: Reason

    package init(_ reason: Reason) {
        self.reason = reason
    }

    package var message: String {
        switch reason {
        case .notArmored: "the signature is not an armoured SSH signature (-----BEGIN SSH SIGNATURE----- ... -----END SSH SIGNATURE-----)"
        case .badBase64: "the SSH signature's armour does not hold valid base64"
        case .badMagic: "the signature blob does not start with SSHSIG"
        case .unsupportedVersion(let version): "the SSH signature has version \(version); only version 1 is read"
        case .truncated(let field): "the SSH signature ends inside its \(field)"
        case .trailingBytes(let count): "the SSH signature has \(count) unexpected byte\(count == 1 ? "" : "s") after its end"
        case .badInteger(let field): "the SSH signature's \(field) is not a well-formed positive integer"
        case .badText(let field): "the SSH signature's \(field) is not UTF-8 text"
        case .emptyNamespace: "the SSH signature has an empty namespace"
        case .wrongNamespace(let found, let expected): "the SSH signature was made for the namespace '\(found)', not '\(expected)'"
        case .unsupportedHash(let name): "the SSH signature uses the hash '\(name)'; only sha256 and sha512 are accepted"
        case .unsupportedKeyType(let type): "the SSH signature was made with a key of type '\(type)', which opsctl does not accept"
        case .algorithmMismatch(let key, let signature): "the SSH signature's algorithm '\(signature)' does not belong to its \(key) key"
        case .sha1Signature: "the SSH signature uses ssh-rsa (RSA with SHA-1), which is refused"
        case .keyTooSmall(let bits, let minimum): "the SSH signature's RSA key has \(bits) bits; at least \(minimum) are required"
        case .badPublicKey(let type): "the SSH signature's \(type) public key is malformed"
        case .badSignatureLength(let type): "the SSH signature's \(type) signature has the wrong length"
        case .doesNotVerify: "the SSH signature does not verify: the signed statement or the signature was altered, or another key signed it"
        case .needsSSHKeygen(let what): "\(what) signatures are checked by ssh-keygen, which is not installed"
        case .sshKeygenRefused(let output): "ssh-keygen did not accept the signature: \(output)"
        case .sshKeygenFailed(let why): "ssh-keygen could not be run: \(why)"
        case .keyNotAllowed(let fingerprint): "the signing key \(fingerprint) is not in allowed_signers"
        case .principalNotAllowed(let principal, let fingerprint): "allowed_signers does not allow the key \(fingerprint) to sign as \(principal)"
        case .namespaceNotAllowed(let namespace, let fingerprint): "allowed_signers does not allow the key \(fingerprint) to sign in the namespace \(namespace)"
        case .notYetValid(let principal, let after): "the key of \(principal) is valid only after \(after) in allowed_signers"
        case .keyExpired(let principal, let before): "the key of \(principal) expired at \(before) (valid-before in allowed_signers)"
        case .noAllowedSigners: "change-policy.yaml names no allowedSigners file, so no signature can be checked"
        }
    }

    package var diagnostic: Diagnostic {
        let hint: String? =
            switch reason {
            case .needsSSHKeygen: "install OpenSSH's client (apt-get install openssh-client), or sign with an ed25519, RSA or ECDSA key"
            case .keyNotAllowed, .principalNotAllowed, .namespaceNotAllowed:
                "add the signer's public key and principal to the allowedSigners file named in change-policy.yaml"
            case .notYetValid, .keyExpired: "renew the key's line in allowed_signers, or sign with a current key"
            case .keyTooSmall, .sha1Signature, .unsupportedKeyType:
                "sign with an ed25519 key (ssh-keygen -t ed25519), or RSA of 2048 bits or more"
            case .noAllowedSigners: "add 'allowedSigners: .opsctl/allowed_signers' to change-policy.yaml"
            case .wrongNamespace: "sign with opsctl approve --sign, which uses the namespace opsctl-approval@v1"
            default: "approve the change again with opsctl approve --sign"
            }
        return Diagnostic(message: message, hint: hint)
    }
}

extension SSHSignatureError {
    init(_ failure: SSHWireReader.Failure) {
        switch failure {
        case .truncated(let field): self.init(Reason.truncated(field: field))
        case .badInteger(let field): self.init(Reason.badInteger(field: field))
        case .badText(let field): self.init(Reason.badText(field: field))
        }
    }
}
