import Foundation

/// An SSHSIG signature (OpenSSH's PROTOCOL.sshsig), as `ssh-keygen -Y sign` writes it: the
/// armoured blob `"SSHSIG" ‖ uint32 1 ‖ string publickey ‖ string namespace ‖ string reserved ‖
/// string hash_algorithm ‖ string signature`, parsed strictly (no trailing bytes, version 1,
/// a non-empty namespace, sha256 or sha512). Only this wire format is read here; checking the
/// signature is `SSHSignatureVerifier`'s, with libcrypto.
package struct SSHSignature: Sendable, Equatable {
    package enum HashAlgorithm: String, Sendable, Equatable {
        case sha256, sha512

        var digest: MessageDigest.Algorithm { self == .sha256 ? .sha256 : .sha512 }
    }

    package static let magic = Array("SSHSIG".utf8)
    package static let beginLine = "-----BEGIN SSH SIGNATURE-----"
    package static let endLine = "-----END SSH SIGNATURE-----"
    /// Generous: the largest real signatures (RSA 16384, certificates) are a few kilobytes.
    package static let maximumArmouredBytes = 64 * 1024

    package var publicKey: SSHPublicKey
    package var namespace: String
    package var hashAlgorithm: HashAlgorithm
    /// The signature's own algorithm name (`ssh-ed25519`, `rsa-sha2-512`, ...).
    package var signatureAlgorithm: String
    /// What follows the algorithm name in the signature blob.
    package var signatureBody: [UInt8]
    package var blob: [UInt8]

    package static func parse(armoured text: String) throws(SSHSignatureError) -> SSHSignature {
        try parse(blob: dearmour(text))
    }

    /// The blob inside the armour; line ends may be `\n` or `\r\n`.
    package static func dearmour(_ text: String) throws(SSHSignatureError) -> [UInt8] {
        guard text.utf8.count <= maximumArmouredBytes else { throw SSHSignatureError(.notArmored) }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        var body = lines.drop { $0.isEmpty }
        while body.last?.isEmpty == true { body.removeLast() }
        guard body.count >= 2, body.first == beginLine, body.last == endLine else { throw SSHSignatureError(.notArmored) }
        let base64 = body.dropFirst().dropLast().joined()
        guard !base64.isEmpty, base64.utf8.allSatisfy(isBase64Character), let data = Data(base64Encoded: base64) else {
            throw SSHSignatureError(.badBase64)
        }
        return Array(data)
    }

    private static func isBase64Character(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
    }

    package static func parse(blob: [UInt8]) throws(SSHSignatureError) -> SSHSignature {
        var reader = SSHWireReader(blob)
        do {
            guard try reader.raw(count: magic.count, field: "magic") == magic else { throw SSHSignatureError(.badMagic) }
            let version = try reader.uint32(field: "version")
            guard version == 1 else { throw SSHSignatureError(.unsupportedVersion(version)) }
            let keyBlob = try reader.string(field: "public key")
            let namespace = try reader.text(field: "namespace")
            _ = try reader.string(field: "reserved field")
            let hashName = try reader.text(field: "hash algorithm")
            let signatureBlob = try reader.string(field: "signature")
            guard reader.isAtEnd else { throw SSHSignatureError(.trailingBytes(reader.remaining)) }
            guard !namespace.isEmpty else { throw SSHSignatureError(.emptyNamespace) }
            guard let hash = HashAlgorithm(rawValue: hashName) else { throw SSHSignatureError(.unsupportedHash(hashName)) }
            let publicKey = try SSHPublicKey(blob: keyBlob)
            var inner = SSHWireReader(signatureBlob)
            let algorithm = try inner.text(field: "signature algorithm")
            let body = try inner.raw(count: inner.remaining, field: "signature")
            return SSHSignature(
                publicKey: publicKey, namespace: namespace, hashAlgorithm: hash, signatureAlgorithm: algorithm,
                signatureBody: body, blob: blob
            )
        } catch let failure as SSHWireReader.Failure {
            throw SSHSignatureError(failure)
        } catch let error as SSHSignatureError {
            throw error
        } catch {
            throw SSHSignatureError(.badMagic)
        }
    }

    /// The bytes the key signed for `message`: `"SSHSIG" ‖ string namespace ‖ string reserved ‖
    /// string hash_algorithm ‖ string H(message)`.
    package func signedData(for message: [UInt8]) throws(CryptoError) -> [UInt8] {
        var writer = SSHWireWriter()
        writer.raw(Self.magic)
        writer.string(namespace)
        writer.string([UInt8]())
        writer.string(hashAlgorithm.rawValue)
        writer.string(try MessageDigest.hash(message, with: hashAlgorithm.digest))
        return writer.bytes
    }
}
