import Foundation
import Testing

@testable import OpsCore

/// The log on disk: permissions, appends, torn tails, repair, checkpoints, streaming verify.
@Suite struct ReceiptLogTests {
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("receipts-\(UUID().uuidString)").path
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    var logPath: String { "\(directory)/.opsctl/receipts.jsonl" }

    func permissions(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }

    func contents(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func append(_ bytes: [UInt8], to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(bytes))
        try handle.close()
    }

    @Test func appendCreatesPrivateDirectoryAndFileAndChains() throws {
        defer { cleanUp() }
        let log = ReceiptLog(path: logPath)
        #expect(try log.head() == nil)
        let first = try log.append(kind: .plan, actor: "alice", body: ["changeIds": ["a.b.c.d", "e.f.g.h"]])
        let second = try log.append(kind: .approve, actor: "bob", body: ["changeId": "a.b.c.d", "reason": "ok"])
        #expect(first.seq == 0 && first.prev == Receipt.genesisHash)
        #expect(second.seq == 1 && second.prev == first.hash)
        #expect(try permissions("\(directory)/.opsctl") == 0o700)
        #expect(try permissions(logPath) == 0o600)
        #expect(try contents(logPath) == first.line + second.line)
        #expect(try log.head() == second.head)
        let report = try log.verify()
        #expect(report.isIntact && report.entries == 2 && report.head == second.head && report.path == logPath)
    }

    @Test func appendedLineHashesAsAnIndependentSHA256OfTheLineWithoutItsHash() throws {
        // The same receipt, hashed by `sha256sum` and `openssl dgst -hmac` outside Swift.
        let body: [String: JSONValue] = ["changeId": "github.label.create.security", "reason": "a/b"]
        let receipt = try Receipt(
            seq: 0, ts: "2026-11-22T10:00:00Z", kind: .approve, actor: "alice@example.com", body: body,
            prev: Receipt.genesisHash, key: Array("test-key".utf8))
        #expect(
            String(decoding: receipt.sealedBytes, as: UTF8.self)
                == #"{"actor":"alice@example.com","body":{"changeId":"github.label.create.security","reason":"a/b"},"kind":"approve","prev":"0000000000000000000000000000000000000000000000000000000000000000","seq":0,"ts":"2026-11-22T10:00:00Z","v":1}"#
        )
        #expect(receipt.hash == "fd1face36cffe8a2e914483402b7ad14556a5e16a81e3732b16ba3e783419798")
        #expect(receipt.mac == "9e552648257660302b17dcdea6214d74b587713d5d7104f8d62b3f6d74d76528")
        #expect(try Receipt(parsing: JSONParser.parse(receipt.line.dropLast().map { $0 })) == receipt)
    }

    @Test func receiptRefusesInvalidFields() {
        #expect(throws: ReceiptError.self) {
            try Receipt(seq: 0, ts: "2026-11-22 10:00:00", kind: .plan, actor: "a", body: [:], prev: Receipt.genesisHash)
        }
        #expect(throws: ReceiptError.self) {
            try Receipt(seq: 0, ts: "2026-02-30T10:00:00Z", kind: .plan, actor: "a", body: [:], prev: Receipt.genesisHash)
        }
        #expect(throws: ReceiptError.self) {
            try Receipt(seq: -1, date: Date(), kind: .plan, actor: "a", body: [:], prev: Receipt.genesisHash)
        }
        #expect(throws: ReceiptError.self) {
            try Receipt(seq: 0, date: Date(), kind: .plan, actor: "", body: [:], prev: Receipt.genesisHash)
        }
        #expect(throws: ReceiptError.self) {
            try Receipt(seq: 0, date: Date(), kind: .plan, actor: "a", body: [:], prev: "00")
        }
    }

    @Test func timestampsAreUTCWithWholeSeconds() throws {
        let receipt = try Receipt(
            seq: 0, date: Date(timeIntervalSince1970: 1_795_341_600.75), kind: .plan, actor: "a", body: [:],
            prev: Receipt.genesisHash)
        #expect(receipt.ts == "2026-11-22T10:00:00Z")
        #expect(receipt.date == Date(timeIntervalSince1970: 1_795_341_600))
    }

    @Test func listFiltersByKindAndChangeID() throws {
        defer { cleanUp() }
        let log = ReceiptLog(path: logPath)
        try log.append(kind: .plan, actor: "alice", body: ["changeIds": ["x.y.z.1", "x.y.z.2"]])
        try log.append(kind: .approve, actor: "bob", body: ["changeId": "x.y.z.1"])
        try log.append(kind: .approve, actor: "carol", body: ["changeId": "x.y.z.2"])
        try log.append(kind: .reject, actor: "dave", body: ["changeId": "x.y.z.1"])
        #expect(try log.list().map(\.seq) == [0, 1, 2, 3])
        #expect(try log.list(kind: .approve).map(\.actor) == ["bob", "carol"])
        #expect(try log.list(changeID: "x.y.z.1").map(\.seq) == [0, 1, 3])
        #expect(try log.list(kind: .approve, changeID: "x.y.z.2").map(\.actor) == ["carol"])
        #expect(try ReceiptLog(path: "\(directory)/absent.jsonl").list().isEmpty)
    }

    @Test func appendAndListRefuseATornTail() throws {
        defer { cleanUp() }
        let log = ReceiptLog(path: logPath)
        try log.append(kind: .plan, actor: "alice", body: [:])
        try append(Array(#"{"actor":"alice","bo"#.utf8), to: logPath)
        let before = try contents(logPath)
        do {
            try log.append(kind: .approve, actor: "bob", body: [:])
            Issue.record("appended after a torn tail")
        } catch {
            guard case .tornTail(let path, let seq, _, let count, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(path == logPath && seq == 1 && count == 20)
            #expect(error.diagnostic.hint?.contains("opsctl receipts repair") == true)
        }
        #expect(try contents(logPath) == before)
        #expect(throws: ReceiptError.self) { try log.list() }
        #expect(throws: ReceiptError.self) { try log.head() }
        let failure = try #require(try log.verify().failure)
        #expect(failure.seq == 1 && failure.reason == .tornLastLine(byteCount: 20))
    }

    @Test func appendRefusesAnUnparsableTerminatedLastLineAsAnEdit() throws {
        defer { cleanUp() }
        let log = ReceiptLog(path: logPath)
        try log.append(kind: .plan, actor: "alice", body: [:])
        try append(Array("not json\n".utf8), to: logPath)
        #expect {
            try log.append(kind: .approve, actor: "bob", body: [:])
        } throws: { error in
            guard let error = error as? ReceiptError, case .editedTail(_, let seq, let offset, _) = error else {
                return false
            }
            return seq == 1 && offset > 0 && !error.diagnostic.message.contains("torn")
        }
        #expect {
            try log.list()
        } throws: { error in
            guard case ReceiptError.editedTail(_, 1, _, _) = error else { return false }
            return true
        }
    }

    @Test func repairQuarantinesTheFragmentAndRecordsIt() throws {
        defer { cleanUp() }
        let log = ReceiptLog(path: logPath)
        for index in 0..<5 { try log.append(kind: .approve, actor: "alice", body: ["i": .int(index)]) }
        let intact = try contents(logPath)
        let fragment = Array("{\"actor\":\"al".utf8)
        try append(fragment, to: logPath)

        let date = Date(timeIntervalSince1970: 1_795_341_600)
        let result = try #require(try log.repair(actor: "alice", date: date))
        #expect(result.quarantinePath == "\(logPath).quarantine-20261122T100000Z")
        #expect(try contents(result.quarantinePath) == fragment)
        #expect(try permissions(result.quarantinePath) == 0o600)
        #expect(result.truncatedAt == intact.count && result.fragmentByteCount == fragment.count)
        #expect(result.fragmentSHA256 == Hex.encode(try SHA256.hash(fragment)))
        #expect(result.recovery.seq == 5 && result.recovery.kind == .recovery)
        #expect(result.recovery.body["fragmentBytes"] == .int(fragment.count))
        #expect(result.recovery.body["fragmentSha256"] == .string(result.fragmentSHA256))
        #expect(try contents(logPath) == intact + result.recovery.line)

        let report = try log.verify()
        #expect(report.isIntact && report.entries == 6)
        try log.append(kind: .approve, actor: "bob", body: [:])
        #expect(try log.verify().entries == 7)
        #expect(try log.repair(actor: "alice") == nil)

        // A second repair at the same second never overwrites the first quarantine file.
        try append(Array("x".utf8), to: logPath)
        let again = try #require(try log.repair(actor: "alice", date: date))
        #expect(again.quarantinePath == "\(logPath).quarantine-20261122T100000Z-2")
        #expect(try contents(result.quarantinePath) == fragment)
    }

    @Test func repairOfALogThatIsAllFragment() throws {
        defer { cleanUp() }
        try FileManager.default.createDirectory(atPath: "\(directory)/.opsctl", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: logPath, contents: Data("{\"v\":".utf8))
        let log = ReceiptLog(path: logPath)
        let result = try #require(try log.repair(actor: "alice"))
        #expect(result.truncatedAt == 0 && result.recovery.seq == 0)
        #expect(try log.verify().isIntact)
    }

    @Test func missingLogIsEmptyUnlessAHeadWasRecorded() throws {
        let log = ReceiptLog(path: "\(directory)/nothing/receipts.jsonl")
        #expect(try log.verify().isIntact)
        #expect(try log.repair(actor: "a") == nil)
        let expected = ExpectedHead(seq: 3, hash: String(repeating: "a", count: 64))
        #expect(try log.verify(expectHead: expected).failure?.reason == .truncated(expected: expected, lastSeq: nil))
    }

    @Test func checkpointRoundTripsAndDetectsTruncation() throws {
        defer { cleanUp() }
        let log = ReceiptLog(path: logPath)
        #expect(log.checkpointPath == "\(directory)/.opsctl/checkpoint")
        #expect(try log.readCheckpoint() == nil)
        for index in 0..<4 { try log.append(kind: .outcome, actor: "ci", body: ["i": .int(index)]) }
        let head = try #require(try log.head())
        try log.writeCheckpoint(head)
        #expect(String(decoding: try contents(log.checkpointPath), as: UTF8.self) == "3 \(head.hash)\n")
        #expect(try permissions(log.checkpointPath) == 0o600)
        #expect(try log.readCheckpoint() == head)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(directory)/.opsctl").sorted() == ["checkpoint", "receipts.jsonl"])

        try log.append(kind: .approve, actor: "bob", body: [:])
        let grown = try log.verify(expectHead: ExpectedHead(head))
        #expect(grown.isIntact && grown.expectedHeadSeq == 3 && grown.entries == 5)

        // Cut the log back to two entries: the chain alone is fine, the checkpoint is not.
        let lines: [UInt8] = try contents(logPath).split(separator: 0x0A).prefix(2).flatMap { Array($0) + [0x0A] }
        _ = FileManager.default.createFile(atPath: logPath, contents: Data(lines))
        #expect(try log.verify().isIntact)
        let failure = try #require(try log.verify(expectHead: ExpectedHead(head)).failure)
        #expect(failure.reason == .truncated(expected: ExpectedHead(head), lastSeq: 1))
    }

    @Test(arguments: ["", "3\n", "x abc\n", "3 ABC\n", "-1 \(String(repeating: "0", count: 64))\n", "03 \(String(repeating: "0", count: 64))"])
    func invalidCheckpointIsATypedError(_ text: String) throws {
        defer { cleanUp() }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = "\(directory)/checkpoint"
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        #expect {
            try ReceiptCheckpoint.read(from: path)
        } throws: { error in
            guard case ReceiptError.invalidCheckpoint(let errorPath, _) = error else { return false }
            return errorPath == path
        }
    }

    @Test func expectedHeadParsing() {
        let hash = String(repeating: "ab", count: 32)
        #expect(ExpectedHead(parsing: hash) == ExpectedHead(hash: hash))
        #expect(ExpectedHead(parsing: "12 \(hash)\n") == ExpectedHead(seq: 12, hash: hash))
        #expect(ExpectedHead(parsing: "12:\(hash.uppercased())") == ExpectedHead(seq: 12, hash: hash))
        #expect(ExpectedHead(parsing: "abc") == nil)
        #expect(ExpectedHead(parsing: "x \(hash)") == nil)
    }

    @Test func keyedLogCarriesMACsThatOnlyItsKeyAccepts() throws {
        defer { cleanUp() }
        let key = Array("0123456789abcdef0123456789abcdef".utf8)
        let log = ReceiptLog(path: logPath, key: key)
        let receipt = try log.append(kind: .approve, actor: "alice", body: [:])
        #expect(receipt.mac != nil)
        #expect(try log.verify().macsChecked)
        #expect(try log.verify().isIntact)
        let other = try ReceiptLog(path: logPath, key: Array("another key".utf8)).verify()
        #expect(other.failure?.reason == .badMAC)
        let unkeyed = try ReceiptLog(path: logPath).verify()
        #expect(unkeyed.isIntact && !unkeyed.macsChecked)
    }

    /// Streaming reads in 2 MiB chunks: lines straddling chunk ends, and a line longer than a
    /// chunk, must verify exactly as the same bytes do in memory, intact or damaged.
    @Test func streamingVerifyMatchesInMemoryVerifyAcrossChunkBoundaries() throws {
        defer { cleanUp() }
        let big = String(repeating: "x", count: 3 << 20)
        let log = try ReceiptFixtures.log(count: 12_000) { index in
            index == 7000 ? ["blob": .string(big)] : ReceiptFixtures.body(index)
        }
        var bytes = log.bytes
        try FileManager.default.createDirectory(atPath: "\(directory)/.opsctl", withIntermediateDirectories: true)
        for damage in [nil, 2_097_152 + 100, bytes.count - 2] as [Int?] {
            if let damage { bytes[damage] ^= 0x01 }
            _ = FileManager.default.createFile(atPath: logPath, contents: Data(bytes))
            let streamed = try ReceiptLog(path: logPath).verify()
            var inMemory = try ReceiptLog.verify(bytes: bytes)
            inMemory.path = logPath
            if let failure = inMemory.failure { inMemory.failure!.path = failure.path ?? logPath }
            #expect(streamed == inMemory)
            #expect(streamed.isIntact == (damage == nil))
            if let damage { bytes[damage] ^= 0x01 }
        }
    }

    @Test func failureRendersOneSentenceWithLocationAndHint() throws {
        var lines = try ReceiptFixtures.log(count: 5).lines
        lines.remove(at: 2)
        let failure = try #require(try ReceiptFixtures.verify(lines).failure)
        #expect(failure.message == "seq 2 was deleted: line 3 holds seq 3")
        let diagnostic = failure.diagnostic
        #expect(diagnostic.message.hasPrefix("the receipts log is not intact: "))
        #expect(diagnostic.hint != nil)
    }
}
