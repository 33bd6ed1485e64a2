import Foundation
import Testing

@testable import OpsCore

/// The per-repository fingerprint key: created once, private, reused, never a bare hash.
@Suite("Fingerprint key")
struct FingerprintKeyTests {
    /// A scratch directory standing in for a repository; `.opsctl` does not exist yet.
    struct Repository {
        let root: String
        var keyPath: String { root + "/.opsctl/fingerprint.key" }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("opsctl-fpkey-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }

        func mode(_ path: String) throws -> Int {
            try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
        }
    }

    @Test func createdOnFirstUseWithMode0600InA0700DirectoryAndReused() throws {
        let repository = try Repository()
        defer { repository.remove() }
        #expect(!FileManager.default.fileExists(atPath: repository.keyPath))

        let first = try FingerprintKey.fingerprinter(environmentValue: nil, path: repository.keyPath)
        #expect(try repository.mode(repository.keyPath) == 0o600)
        #expect(try repository.mode(repository.root + "/.opsctl") == 0o700)
        let bytes = try #require(FileManager.default.contents(atPath: repository.keyPath))
        #expect(bytes.count == 32)

        let second = try FingerprintKey.fingerprinter(environmentValue: nil, path: repository.keyPath)
        #expect(second.keyID == first.keyID)
        #expect(try second.fingerprint(of: "value") == first.fingerprint(of: "value"))
        #expect(FileManager.default.contents(atPath: repository.keyPath) == bytes)
    }

    @Test func racingCreatorsAgreeOnOneKey() async throws {
        let repository = try Repository()
        defer { repository.remove() }
        let path = repository.keyPath
        let ids = try await withThrowingTaskGroup(of: String.self, returning: Set<String>.self) { group in
            for _ in 0..<16 {
                group.addTask { try FingerprintKey.fingerprinter(environmentValue: nil, path: path).keyID }
            }
            var ids: Set<String> = []
            for try await id in group { ids.insert(id) }
            return ids
        }
        #expect(ids.count == 1)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: repository.root + "/.opsctl")
        #expect(leftovers == ["fingerprint.key"])
    }

    @Test func aKeyFileOthersCanReadIsRefused() throws {
        let repository = try Repository()
        defer { repository.remove() }
        _ = try FingerprintKey.fingerprinter(environmentValue: nil, path: repository.keyPath)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: repository.keyPath)
        #expect(throws: FingerprintKeyError(.insecurePermissions(path: repository.keyPath, mode: 0o100644))) {
            try FingerprintKey.fingerprinter(environmentValue: nil, path: repository.keyPath)
        }
        let diagnostic = FingerprintKeyError(.insecurePermissions(path: repository.keyPath, mode: 0o100644)).diagnostic
        #expect(diagnostic.message == "the fingerprint key \(repository.keyPath) is readable by others (mode 644)")
        #expect(diagnostic.hint == "run 'chmod 600 \(repository.keyPath)'")
    }

    @Test func aTruncatedKeyFileIsRefusedNotReplaced() throws {
        let repository = try Repository()
        defer { repository.remove() }
        _ = try FingerprintKey.fingerprinter(environmentValue: nil, path: repository.keyPath)
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: repository.keyPath))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: repository.keyPath)
        #expect(throws: FingerprintKeyError(.wrongSize(path: repository.keyPath, size: 3))) {
            try FingerprintKey.fingerprinter(environmentValue: nil, path: repository.keyPath)
        }
        #expect(FileManager.default.contents(atPath: repository.keyPath)?.count == 3)
    }

    @Test func theEnvironmentKeyWinsAndCreatesNoFile() throws {
        let repository = try Repository()
        defer { repository.remove() }
        let hex = String(repeating: "ab", count: 32)
        let fromHex = try FingerprintKey.fingerprinter(environmentValue: hex, path: repository.keyPath)
        let fromBytes = try SecretFingerprinter(key: [UInt8](repeating: 0xab, count: 32))
        #expect(fromHex.keyID == fromBytes.keyID)
        let fromText = try FingerprintKey.fingerprinter(environmentValue: "a passphrase of some length", path: repository.keyPath)
        #expect(fromText.keyID == (try SecretFingerprinter(key: Array("a passphrase of some length".utf8))).keyID)
        #expect(!FileManager.default.fileExists(atPath: repository.root + "/.opsctl"))
        #expect(throws: FingerprintKeyError(.tooShort(length: 5))) {
            try FingerprintKey.fingerprinter(environmentValue: "short", path: repository.keyPath)
        }
    }

    @Test func theSourceTouchesNothingUntilAsked() throws {
        let repository = try Repository()
        defer { repository.remove() }
        let source = FingerprintKeySource(environmentValue: nil, path: repository.keyPath)
        #expect(!FileManager.default.fileExists(atPath: repository.keyPath))
        let first = try source.fingerprinter().get()
        #expect(FileManager.default.fileExists(atPath: repository.keyPath))
        #expect(try source.fingerprinter().get().keyID == first.keyID)
    }
}

@Suite("Secret fingerprints")
struct SecretFingerprintTests {
    static let key = [UInt8](repeating: 7, count: 32)

    @Test func aFingerprintIsADomainSeparatedHMACNotABareHash() throws {
        let fingerprinter = try SecretFingerprinter(key: Self.key)
        let fingerprint = try fingerprinter.fingerprint(of: "sk_live_value")
        let expected = try HMACSHA256.authenticationCode(for: Array("opsctl-secret-value\u{0}sk_live_value".utf8), key: Self.key)
        #expect(fingerprint.hex == Hex.encode(expected))
        #expect(fingerprint.hex != (try SHA256.hexHash(Array("sk_live_value".utf8))))
        #expect(fingerprint.keyID == fingerprinter.keyID)
        #expect(fingerprint.keyID.count == 16)
        #expect(!fingerprint.hex.hasPrefix(fingerprint.keyID))
    }

    @Test func otherKeysGiveOtherFingerprintsAndIDs() throws {
        let one = try SecretFingerprinter(key: Self.key)
        let other = try SecretFingerprinter(key: [UInt8](repeating: 8, count: 32))
        #expect(try one.fingerprint(of: "v") != other.fingerprint(of: "v"))
        #expect(one.keyID != other.keyID)
        #expect(try one.fingerprint(of: "v") != one.fingerprint(of: "w"))
    }

    @Test func snapshotMembersRoundTrip() throws {
        let fingerprint = try SecretFingerprinter(key: Self.key).fingerprint(of: "v")
        let snapshot = JSONValue.object(fingerprint.snapshotMembers.merging(["key": "A"]) { old, _ in old })
        #expect(SecretFingerprint(snapshot: snapshot) == fingerprint)
        #expect(SecretFingerprint(snapshot: ["valueFingerprint": "not hex", "fingerprintKeyId": "x"]) == nil)
    }
}
