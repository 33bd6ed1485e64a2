import Foundation
import OpsCore
import Testing

/// Signatures made by the real ssh-keygen (and, for rsa-sha2-256, which ssh-keygen never
/// chooses, by the openssl tool), checked by opsctl's native verifier: libcrypto for every
/// primitive, only the SSHSIG wire format read by hand.
@Suite(.serialized)
final class SSHSignatureTests {
    let keys: SSHKeyFixture
    let message = Array(#"{"approver":"alice@example.com","change_digest":"sha256:aa","change_id":"github.label.create.bug","expires":"2030-01-01T00:00:00Z","nonce":"00","plan_digest":"sha256:bb"}"#.utf8)
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        keys = try SSHKeyFixture()
    }

    deinit {
        keys.remove()
    }

    /// Checks natively only: no ssh-keygen to fall back on.
    func check(_ armoured: String, signers: SSHAllowedSigners, message: [UInt8]? = nil, principal: String = "alice@example.com",
               namespace: String = ApprovalStatement.namespace, at time: Date? = nil) throws -> SSHSignerCheck.Verified {
        try SSHSignerCheck(allowedSigners: signers, sshKeygen: nil).verify(
            armoured: armoured, message: message ?? self.message, namespace: namespace, principal: principal, at: time ?? now)
    }

    func failure(_ body: () throws -> SSHSignerCheck.Verified) -> SSHSignatureError.Reason? {
        do {
            _ = try body()
            return nil
        } catch let error as SSHSignatureError {
            #expect(!error.message.contains("\n"), "a reason is one line: \(error.message)")
            return error.reason
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test(arguments: [
        ("ed25519", "ed25519", nil as Int?, "ssh-ed25519"),
        ("rsa", "rsa3072", 3072, "ssh-rsa"),
        ("ecdsa", "p256", 256, "ecdsa-sha2-nistp256"),
        ("ecdsa", "p384", 384, "ecdsa-sha2-nistp384"),
        ("ecdsa", "p521", 521, "ecdsa-sha2-nistp521"),
    ])
    func aSignatureByOpenSSHVerifiesNatively(type: String, name: String, bits: Int?, keyType: String) throws {
        try keys.generate(name, type: type, bits: bits)
        let signers = try keys.allowedSigners("alice@example.com \(try keys.publicKeyLine(name))\n")
        for hash in ["sha512", "sha256"] {
            let armoured = try keys.sign(message, with: name, hash: hash)
            let parsed = try SSHSignature.parse(armoured: armoured)
            #expect(parsed.hashAlgorithm.rawValue == hash)
            if type == "rsa" { #expect(parsed.signatureAlgorithm == "rsa-sha2-512") }
            let verified = try check(armoured, signers: signers)
            #expect(verified == SSHSignerCheck.Verified(
                principal: "alice@example.com", fingerprint: try keys.fingerprint(name), keyType: keyType, checkedBy: .libcrypto))
        }
    }

    @Test func anRSASHA256SignatureVerifies() throws {
        let key = try keys.generate("rsa-pem", type: "rsa", bits: 3072, pem: true)
        let signers = try keys.allowedSigners("alice@example.com \(try keys.publicKeyLine("rsa-pem"))\n")
        // The signed bytes as ssh-keygen would build them, signed by the openssl tool with SHA-256.
        let template = try SSHSignature.parse(armoured: try keys.sign(message, with: "rsa-pem"))
        let dataPath = keys.directory.appendingPathComponent("signed-data").path
        let signaturePath = keys.directory.appendingPathComponent("signature").path
        try Data(try template.signedData(for: message)).write(to: URL(fileURLWithPath: dataPath))
        try keys.run("/usr/bin/env", ["openssl", "dgst", "-sha256", "-sign", key, "-out", signaturePath, dataPath])
        var inner = SSHWireWriter()
        inner.string("rsa-sha2-256")
        inner.string(Array(try Data(contentsOf: URL(fileURLWithPath: signaturePath))))
        let armoured = SSHSignature.armour(Self.blob(template, signature: inner.bytes))
        #expect(try check(armoured, signers: signers).checkedBy == .libcrypto)
        // The same bytes under the SHA-512 name do not verify.
        var mislabelled = SSHWireWriter()
        mislabelled.string("rsa-sha2-512")
        mislabelled.string(Array(try Data(contentsOf: URL(fileURLWithPath: signaturePath))))
        #expect(failure { try check(SSHSignature.armour(Self.blob(template, signature: mislabelled.bytes)), signers: signers) } == .doesNotVerify)
    }

    /// An SSHSIG blob like `template` with another signature field.
    static func blob(_ template: SSHSignature, signature: [UInt8], namespace: String? = nil, hash: String? = nil) -> [UInt8] {
        var writer = SSHWireWriter()
        writer.raw(SSHSignature.magic)
        writer.uint32(1)
        writer.string(template.publicKey.blob)
        writer.string(namespace ?? template.namespace)
        writer.string([UInt8]())
        writer.string(hash ?? template.hashAlgorithm.rawValue)
        writer.string(signature)
        return writer.bytes
    }

    @Test func aTamperedStatementIsRefused() throws {
        try keys.generate("k", type: "ed25519")
        let signers = try keys.allowedSigners("alice@example.com \(try keys.publicKeyLine("k"))\n")
        let armoured = try keys.sign(message, with: "k")
        var tampered = message
        tampered[tampered.count - 3] ^= 0x01
        #expect(failure { try check(armoured, signers: signers, message: tampered) } == .doesNotVerify)
    }

    @Test func aSignatureInAnotherNamespaceIsRefused() throws {
        try keys.generate("k", type: "ed25519")
        let signers = try keys.allowedSigners("alice@example.com \(try keys.publicKeyLine("k"))\n")
        let armoured = try keys.sign(message, with: "k", namespace: "file")
        #expect(failure { try check(armoured, signers: signers) } == .wrongNamespace(found: "file", expected: ApprovalStatement.namespace))
    }

    @Test func allowedSignersDecidesWhoMaySignWhatAndWhen() throws {
        try keys.generate("k", type: "ed25519")
        try keys.generate("other", type: "ed25519")
        let line = try keys.publicKeyLine("k")
        let armoured = try keys.sign(message, with: "k")
        let fingerprint = try keys.fingerprint("k")

        let strangers = try keys.allowedSigners("alice@example.com \(try keys.publicKeyLine("other"))\n")
        #expect(failure { try check(armoured, signers: strangers) } == .keyNotAllowed(fingerprint: fingerprint))

        let bob = try keys.allowedSigners("bob@example.com \(line)\n")
        #expect(failure { try check(armoured, signers: bob) } == .principalNotAllowed(principal: "alice@example.com", fingerprint: fingerprint))

        let wildcard = try keys.allowedSigners("*@example.com,!mallory@example.com \(line)\n")
        #expect(try check(armoured, signers: wildcard).principal == "alice@example.com")
        #expect(failure { try check(armoured, signers: wildcard, principal: "mallory@example.com") }
            == .principalNotAllowed(principal: "mallory@example.com", fingerprint: fingerprint))

        let gitOnly = try keys.allowedSigners("alice@example.com namespaces=\"git,file\" \(line)\n")
        #expect(failure { try check(armoured, signers: gitOnly) } == .namespaceNotAllowed(namespace: ApprovalStatement.namespace, fingerprint: fingerprint))
        let approvals = try keys.allowedSigners("alice@example.com namespaces=\"git,opsctl-*\" \(line)\n")
        #expect(try check(armoured, signers: approvals).checkedBy == .libcrypto)

        // 1_800_000_000 is 2027-01-15T08:00:00Z.
        let expired = try keys.allowedSigners("alice@example.com valid-before=20270101Z \(line)\n")
        #expect(failure { try check(armoured, signers: expired) } == .keyExpired(principal: "alice@example.com", validBefore: "2027-01-01T00:00:00Z"))
        let notYet = try keys.allowedSigners("alice@example.com valid-after=\"202702010000Z\" \(line)\n")
        #expect(failure { try check(armoured, signers: notYet) } == .notYetValid(principal: "alice@example.com", validAfter: "2027-02-01T00:00:00Z"))
        let window = try keys.allowedSigners("alice@example.com valid-after=20270101Z,valid-before=20270201Z \(line)\n")
        #expect(try check(armoured, signers: window).checkedBy == .libcrypto)
    }

    @Test func aTruncatedBlobIsRefused() throws {
        try keys.generate("k", type: "ed25519")
        let signers = try keys.allowedSigners("alice@example.com \(try keys.publicKeyLine("k"))\n")
        let blob = try SSHSignature.dearmour(try keys.sign(message, with: "k"))
        #expect(failure { try check(SSHSignature.armour(Array(blob.dropLast(10))), signers: signers) } == .truncated(field: "signature"))
        #expect(failure { try check(SSHSignature.armour(Array(blob.prefix(8))), signers: signers) } == .truncated(field: "version"))
        #expect(failure { try check(SSHSignature.armour(blob + [0]), signers: signers) } == .trailingBytes(1))
        #expect(failure { try check("not a signature", signers: signers) } == .notArmored)
    }

    @Test func anRSAKeyUnder2048BitsIsRefused() throws {
        try keys.generate("small", type: "rsa", bits: 1024)
        let signers = try keys.allowedSigners("alice@example.com \(try keys.publicKeyLine("small"))\n")
        #expect(failure { try check(try keys.sign(message, with: "small"), signers: signers) } == .keyTooSmall(bits: 1024, minimum: 2048))
    }

    @Test func anSSHRSASHA1SignatureIsRefused() throws {
        try keys.generate("rsa", type: "rsa", bits: 2048)
        let signers = try keys.allowedSigners("alice@example.com \(try keys.publicKeyLine("rsa"))\n")
        let template = try SSHSignature.parse(armoured: try keys.sign(message, with: "rsa"))
        var body = SSHWireReader(template.signatureBody)
        var renamed = SSHWireWriter()
        renamed.string("ssh-rsa")
        renamed.string(try body.string(field: "signature"))
        #expect(failure { try check(SSHSignature.armour(Self.blob(template, signature: renamed.bytes)), signers: signers) } == .sha1Signature)
    }

    @Test func anUnknownHashOrVersionIsRefused() throws {
        try keys.generate("k", type: "ed25519")
        let signers = try keys.allowedSigners("alice@example.com \(try keys.publicKeyLine("k"))\n")
        let template = try SSHSignature.parse(armoured: try keys.sign(message, with: "k"))
        var signature = SSHWireWriter()
        signature.string(template.signatureAlgorithm)
        signature.raw(template.signatureBody)
        #expect(failure { try check(SSHSignature.armour(Self.blob(template, signature: signature.bytes, hash: "sha1")), signers: signers) }
            == .unsupportedHash("sha1"))
        var versionTwo = Self.blob(template, signature: signature.bytes)
        versionTwo[9] = 2
        #expect(failure { try check(SSHSignature.armour(versionTwo), signers: signers) } == .unsupportedVersion(2))
        #expect(failure { try check(SSHSignature.armour(Self.blob(template, signature: signature.bytes, namespace: "")), signers: signers) }
            == .emptyNamespace)
    }

    /// A thousand blobs mutated from real signatures (bytes flipped, cut, inserted, lengths
    /// inflated): each is refused with a one-line reason or, when the change did not matter,
    /// still verifies; none crashes.
    @Test func aThousandMutatedBlobsAreRefusedWithoutCrashing() throws {
        try keys.generate("ed", type: "ed25519")
        try keys.generate("rsa", type: "rsa", bits: 2048)
        try keys.generate("ec", type: "ecdsa", bits: 384)
        let lines = try ["ed", "rsa", "ec"].map { "alice@example.com \(try keys.publicKeyLine($0))" }.joined(separator: "\n")
        let signers = try keys.allowedSigners(lines + "\n")
        let originals = try ["ed", "rsa", "ec"].map { try SSHSignature.dearmour(try keys.sign(message, with: $0)) }
        var random = SplitMix64(seed: 0x5353_4853_4947)
        var refused = 0
        for round in 0..<1000 {
            var blob = originals[round % originals.count]
            switch random.next() % 5 {
            case 0: blob[Int(random.next() % UInt64(blob.count))] ^= UInt8(1 << (random.next() % 8))
            case 1: blob = Array(blob.prefix(Int(random.next() % UInt64(blob.count))))
            case 2: blob.insert(UInt8(truncatingIfNeeded: random.next()), at: Int(random.next() % UInt64(blob.count + 1)))
            case 3:
                let at = Int(random.next() % UInt64(max(1, blob.count - 4)))
                blob.replaceSubrange(at..<min(blob.count, at + 4), with: [0xFF, 0xFF, 0xFF, UInt8(truncatingIfNeeded: random.next())])
            default:
                for _ in 0..<8 { blob[Int(random.next() % UInt64(blob.count))] = UInt8(truncatingIfNeeded: random.next()) }
            }
            if failure({ try check(SSHSignature.armour(blob), signers: signers) }) != nil { refused += 1 }
        }
        #expect(refused >= 990, "only \(refused) of 1000 mutated blobs were refused")
    }

    /// A security-key signature (its blob built here: no hardware key in a test) goes to
    /// ssh-keygen when it is installed, which refuses this one, and is refused without it.
    @Test func securityKeySignaturesGoToSSHKeygenOrAreRefusedWithoutIt() throws {
        try keys.generate("k", type: "ed25519")
        let template = try SSHSignature.parse(armoured: try keys.sign(message, with: "k"))
        var key = SSHWireWriter()
        key.string("sk-ssh-ed25519@openssh.com")
        key.string([UInt8](repeating: 7, count: 32))
        key.string("ssh:")
        var writer = SSHWireWriter()
        writer.raw(SSHSignature.magic)
        writer.uint32(1)
        writer.string(key.bytes)
        writer.string(ApprovalStatement.namespace)
        writer.string([UInt8]())
        writer.string("sha512")
        var signature = SSHWireWriter()
        signature.string("sk-ssh-ed25519@openssh.com")
        signature.raw(template.signatureBody)
        writer.string(signature.bytes)
        let armoured = SSHSignature.armour(writer.bytes)
        let signers = try keys.allowedSigners("alice@example.com \(try keys.publicKeyLine("k"))\n")
        #expect(failure { try check(armoured, signers: signers) } == .needsSSHKeygen(what: "security-key (sk-ssh-ed25519@openssh.com)"))
        let byKeygen = failure {
            try SSHSignerCheck(allowedSigners: signers, sshKeygen: keys.keygen).verify(
                armoured: armoured, message: message, namespace: ApprovalStatement.namespace, principal: "alice@example.com", at: now)
        }
        guard case .sshKeygenRefused? = byKeygen else {
            Issue.record("expected ssh-keygen to refuse it, got \(String(describing: byKeygen))")
            return
        }
    }
}

/// A small seeded generator, so the mutated blobs are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
