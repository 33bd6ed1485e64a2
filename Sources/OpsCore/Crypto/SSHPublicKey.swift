import Foundation

/// An SSH public key as its wire blob (RFC 4253 §6.6, RFC 5656 §3.1, RFC 8709 §4) and the
/// parts libcrypto needs to check its signatures. Security keys (`sk-*`) and certificates
/// are recognised but not taken apart: ssh-keygen checks those.
package struct SSHPublicKey: Sendable, Equatable {
    package enum Material: Sendable, Equatable {
        case ed25519(publicKey: [UInt8])
        case rsa(exponent: [UInt8], modulus: [UInt8])
        case ecdsa(curve: VerificationKey.Curve, point: [UInt8])
        /// A FIDO security key (`sk-ssh-ed25519@openssh.com`, `sk-ecdsa-sha2-nistp256@openssh.com`).
        case securityKey
        /// An OpenSSH certificate (`*-cert-v01@openssh.com`), trusted through a `cert-authority` line.
        case certificate
    }

    /// The key's type name, as the blob starts with it (`ssh-ed25519`).
    package var type: String
    package var blob: [UInt8]
    package var material: Material

    package static let ecdsaCurves: [String: VerificationKey.Curve] = [
        "ecdsa-sha2-nistp256": .p256, "ecdsa-sha2-nistp384": .p384, "ecdsa-sha2-nistp521": .p521,
    ]

    package init(blob: [UInt8]) throws(SSHSignatureError) {
        var reader = SSHWireReader(blob)
        do {
            let type = try reader.text(field: "public key type")
            self.type = type
            self.blob = blob
            switch type {
            case "ssh-ed25519":
                let key = try reader.string(field: "public key")
                guard key.count == 32 else { throw SSHSignatureError(.badPublicKey(type: type)) }
                material = .ed25519(publicKey: key)
            case "ssh-rsa":
                let exponent = try reader.positiveInteger(field: "RSA exponent")
                let modulus = try reader.positiveInteger(field: "RSA modulus")
                guard !exponent.isEmpty, !modulus.isEmpty else { throw SSHSignatureError(.badPublicKey(type: type)) }
                material = .rsa(exponent: exponent, modulus: modulus)
            case _ where Self.ecdsaCurves[type] != nil:
                let curveName = try reader.text(field: "curve name")
                let point = try reader.string(field: "public key")
                guard "ecdsa-sha2-" + curveName == type, let curve = Self.ecdsaCurves[type] else {
                    throw SSHSignatureError(.badPublicKey(type: type))
                }
                material = .ecdsa(curve: curve, point: point)
            case "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com":
                material = .securityKey
                return
            case _ where type.hasSuffix("-cert-v01@openssh.com"):
                material = .certificate
                return
            default:
                throw SSHSignatureError(.unsupportedKeyType(type))
            }
        } catch let failure as SSHWireReader.Failure {
            throw SSHSignatureError(failure)
        } catch let error as SSHSignatureError {
            throw error
        } catch {
            throw SSHSignatureError(.badPublicKey(type: "SSH"))
        }
        guard reader.isAtEnd else { throw SSHSignatureError(.badPublicKey(type: type)) }
    }

    /// Whether only ssh-keygen can check this key's signatures.
    package var needsSSHKeygen: Bool {
        switch material {
        case .securityKey, .certificate: true
        default: false
        }
    }

    /// `SHA256:` and the unpadded base64 of the blob's SHA-256, as `ssh-keygen -l` prints it.
    package var fingerprint: String {
        get throws(CryptoError) { try Self.fingerprint(ofBlob: blob) }
    }

    package static func fingerprint(ofBlob blob: [UInt8]) throws(CryptoError) -> String {
        let digest = try SHA256.hash(blob)
        var text = Data(digest).base64EncodedString()
        while text.hasSuffix("=") { text.removeLast() }
        return "SHA256:" + text
    }
}
