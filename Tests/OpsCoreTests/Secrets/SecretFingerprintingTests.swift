import Foundation
import Synchronization
import Testing

@testable import OpsCore

@Suite("Secret fingerprinting for connectors")
struct SecretFingerprintingTests {
    static let canary = "CANARY-fingerprinting-value-31337"

    static func fingerprinting(resolving value: String?) throws -> SecretFingerprinting {
        let fingerprinter = try SecretFingerprinter(key: [UInt8](repeating: 3, count: 32))
        let resolver = SecretResolver { reference in
            guard let value else { return .failure(SecretResolutionError(reference: reference, reason: "the variable is not set")) }
            return .success(value)
        }
        return SecretFingerprinting(key: FingerprintKeySource { .success(fingerprinter) }, resolver: resolver, previous: .none)
    }

    @Test func theValueGoesToTheRedactorAndOnlyItsFingerprintComesBack() async throws {
        let redactor = Redactor(registry: SecretRegistry())
        let fingerprinting = try Self.fingerprinting(resolving: Self.canary)
        let fingerprint = try await fingerprinting.fingerprint(of: "env:X", redactor: redactor).get()
        #expect(!fingerprint.hex.contains(Self.canary))
        #expect(redactor.redact("leak: \(Self.canary)") == "leak: [REDACTED]")
    }

    @Test func unresolvedAndUnconfiguredSayWhy() async throws {
        let redactor = Redactor(registry: SecretRegistry())
        let unset = await (try Self.fingerprinting(resolving: nil)).fingerprint(of: "env:X", redactor: redactor)
        #expect(unset == .failure(.unresolved(SecretResolutionError(reference: "env:X", reason: "the variable is not set"))))
        let none = await SecretFingerprinting.unavailable.fingerprint(of: "env:X", redactor: redactor)
        #expect(none == .failure(.noResolver(reference: "env:X")))
        let noKey = SecretFingerprinting.unavailable.fingerprint(value: "v", redactor: redactor)
        #expect(noKey == .failure(.key(FingerprintKeyError(.notConfigured))))
    }

    static func receipt(_ seq: Int, kind: ReceiptKind, body: [String: JSONValue], prev: String) throws -> Receipt {
        try Receipt(seq: seq, date: Date(timeIntervalSince1970: 1_795_341_600), kind: kind, actor: "a@example.com", body: body, prev: prev)
    }

    @Test func previousFingerprintsComeFromTheLatestAppliedOutcome() throws {
        let fingerprinter = try SecretFingerprinter(key: [UInt8](repeating: 3, count: 32))
        let old = try fingerprinter.fingerprint(of: "old")
        let new = try fingerprinter.fingerprint(of: "new")
        func after(_ fingerprint: SecretFingerprint) -> JSONValue {
            .object(["id": "env_1", "key": "K"].merging(fingerprint.snapshotMembers) { a, _ in a })
        }
        let bodies: [(ReceiptKind, [String: JSONValue])] = [
            (.outcome, ["changeId": "vercel.env.add.K", "changeDigest": "sha256:0", "result": "applied", "after": after(old)]),
            (.intent, ["changeId": "vercel.env.update.K"]),
            (.outcome, ["changeId": "vercel.env.update.K", "changeDigest": "sha256:0", "result": "applied", "after": after(new)]),
            (.outcome, ["changeId": "vercel.env.update.K", "changeDigest": "sha256:0", "result": "failed", "after": after(old)]),
            (.outcome, ["changeId": "github.label.create.x", "changeDigest": "sha256:0", "result": "applied", "after": ["id": "env_1"]]),
        ]
        var receipts: [Receipt] = []
        for (index, (kind, body)) in bodies.enumerated() {
            receipts.append(try Self.receipt(index, kind: kind, body: body, prev: receipts.last?.hash ?? Receipt.genesisHash))
        }
        let loads = Mutex(0)
        let log = receipts
        let previous = PreviousFingerprints {
            loads.withLock { $0 += 1 }
            return log
        }
        #expect(loads.withLock { $0 } == 0)
        let record = try #require(previous.latest(changeIDPrefix: "vercel.env.", where: { $0["id"]?.stringValue == "env_1" }))
        #expect(record.fingerprint == new)
        #expect(record.seq == 2)
        #expect(previous.records.count == 3)
        #expect(previous.latest(changeIDPrefix: "vercel.env.", where: { $0["id"]?.stringValue == "env_2" }) == nil)
        #expect(loads.withLock { $0 } == 1)
    }
}
