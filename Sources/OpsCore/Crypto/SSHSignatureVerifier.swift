/// Checks an SSHSIG signature with libcrypto, by OpenSSH's rules for `ssh-ed25519`,
/// `rsa-sha2-256` / `rsa-sha2-512` (RSA of 2048 bits or more; `ssh-rsa`, which is SHA-1,
/// refused) and `ecdsa-sha2-nistp256/384/521`. Only the signature's wire format is read by
/// hand; keys are built and signatures checked by libcrypto. Whether the key may sign is
/// `SSHAllowedSigners`'s question, not this one's.
package enum SSHSignatureVerifier {
    package static let minimumRSABits = 2048

    package static func verify(_ signature: SSHSignature, message: [UInt8], namespace: String) throws(SSHSignatureError) {
        guard signature.namespace == namespace else {
            throw SSHSignatureError(.wrongNamespace(found: signature.namespace, expected: namespace))
        }
        let key = signature.publicKey
        let signed: [UInt8]
        do {
            signed = try signature.signedData(for: message)
        } catch {
            throw SSHSignatureError(.doesNotVerify)
        }
        var body = SSHWireReader(signature.signatureBody)
        let valid: Bool
        do {
            switch key.material {
            case .ed25519(let publicKey):
                guard signature.signatureAlgorithm == "ssh-ed25519" else {
                    throw SSHSignatureError(.algorithmMismatch(key: key.type, signature: signature.signatureAlgorithm))
                }
                let bytes = try body.string(field: "Ed25519 signature")
                guard bytes.count == 64, body.isAtEnd else { throw SSHSignatureError(.badSignatureLength(type: key.type)) }
                let verificationKey = try build(key.type) { () throws(CryptoError) in try VerificationKey.ed25519(publicKey: publicKey) }
                valid = try check(verificationKey, signature: bytes, message: signed, digest: nil)
            case .rsa(let exponent, let modulus):
                let digest: MessageDigest.Algorithm
                switch signature.signatureAlgorithm {
                case "rsa-sha2-512": digest = .sha512
                case "rsa-sha2-256": digest = .sha256
                case "ssh-rsa": throw SSHSignatureError(.sha1Signature)
                default: throw SSHSignatureError(.algorithmMismatch(key: key.type, signature: signature.signatureAlgorithm))
                }
                var bytes = try body.string(field: "RSA signature")
                guard body.isAtEnd else { throw SSHSignatureError(.badSignatureLength(type: key.type)) }
                let verificationKey = try build(key.type) { () throws(CryptoError) in try VerificationKey.rsa(modulus: modulus, exponent: exponent) }
                guard verificationKey.bits >= minimumRSABits else {
                    throw SSHSignatureError(.keyTooSmall(bits: verificationKey.bits, minimum: minimumRSABits))
                }
                // OpenSSH accepts a signature shorter than the modulus (leading zeros dropped), never a longer one.
                let size = verificationKey.maximumSignatureBytes
                guard !bytes.isEmpty, bytes.count <= size else { throw SSHSignatureError(.badSignatureLength(type: key.type)) }
                bytes.insert(contentsOf: [UInt8](repeating: 0, count: size - bytes.count), at: 0)
                valid = try check(verificationKey, signature: bytes, message: signed, digest: digest)
            case .ecdsa(let curve, let point):
                guard signature.signatureAlgorithm == key.type else {
                    throw SSHSignatureError(.algorithmMismatch(key: key.type, signature: signature.signatureAlgorithm))
                }
                var pair = SSHWireReader(try body.string(field: "ECDSA signature"))
                guard body.isAtEnd else { throw SSHSignatureError(.badSignatureLength(type: key.type)) }
                let r = try pair.positiveInteger(field: "ECDSA r")
                let s = try pair.positiveInteger(field: "ECDSA s")
                guard pair.isAtEnd, !r.isEmpty, !s.isEmpty else { throw SSHSignatureError(.badSignatureLength(type: key.type)) }
                let verificationKey = try build(key.type) { () throws(CryptoError) in try VerificationKey.ec(curve: curve, point: point) }
                let der: [UInt8]
                do {
                    der = try VerificationKey.ecdsaDER(r: r, s: s)
                } catch {
                    throw SSHSignatureError(.badSignatureLength(type: key.type))
                }
                // RFC 5656 §6.2.1: the curve's size picks the hash.
                let digest: MessageDigest.Algorithm =
                    switch curve {
                    case .p256: .sha256
                    case .p384: .sha384
                    case .p521: .sha512
                    }
                valid = try check(verificationKey, signature: der, message: signed, digest: digest)
            case .securityKey:
                throw SSHSignatureError(.needsSSHKeygen(what: "security-key (\(key.type))"))
            case .certificate:
                throw SSHSignatureError(.needsSSHKeygen(what: "certificate (\(key.type))"))
            }
        } catch let failure as SSHWireReader.Failure {
            throw SSHSignatureError(failure)
        } catch let error as SSHSignatureError {
            throw error
        } catch {
            throw SSHSignatureError(.doesNotVerify)
        }
        guard valid else { throw SSHSignatureError(.doesNotVerify) }
    }

    private static func build(_ type: String, _ make: () throws(CryptoError) -> VerificationKey) throws(SSHSignatureError) -> VerificationKey {
        do {
            return try make()
        } catch {
            throw SSHSignatureError(.badPublicKey(type: type))
        }
    }

    private static func check(
        _ key: VerificationKey, signature: [UInt8], message: [UInt8], digest: MessageDigest.Algorithm?
    ) throws(SSHSignatureError) -> Bool {
        do {
            return try key.verify(signature: signature, of: message, digest: digest)
        } catch {
            throw SSHSignatureError(.doesNotVerify)
        }
    }
}
