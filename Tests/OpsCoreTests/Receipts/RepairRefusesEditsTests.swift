import Foundation
import Testing

@testable import OpsCore

/// `repair` must never launder an edit as crash recovery. A crash can only cut the last line
/// short before its newline; a complete line that is garbage, not canonical, re-hashed wrong or
/// holding keys opsctl cannot tell apart was edited, and an edited approval quarantined as a
/// "torn tail" would vanish with verify passing afterwards.
@Suite struct RepairRefusesEditsTests {
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("repair-\(UUID().uuidString)").path
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    var logPath: String { "\(directory)/.opsctl/receipts.jsonl" }

    func contents() throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: logPath)))
    }

    func write(_ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: logPath))
    }

    func quarantineFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: "\(directory)/.opsctl").filter { $0.contains("quarantine") }
    }

    /// A log whose last receipt is an approval, as bytes, with the approval's line on its own.
    func logEndingInAnApproval() throws -> (log: ReceiptLog, prefix: [UInt8], approval: Receipt) {
        let log = ReceiptLog(path: logPath)
        try log.append(kind: .plan, actor: "alice", body: ["changeIds": ["github.label.create.bug"]])
        let before = try contents()
        let approval = try log.append(
            kind: .approve, actor: "bob", body: ["changeId": "github.label.create.bug", "reason": "ok"])
        return (log, before, approval)
    }

    /// Each way of editing the last line that leaves it complete (newline-terminated).
    static let edits: [(name: String, edit: @Sendable (String) -> String, kind: String)] = [
        ("garbage", { _ in "garbage" }, "unparsable"),
        ("truncated but terminated", { String($0.prefix(40)) }, "unparsable"),
        ("a space added", { $0.replacingOccurrences(of: "\"kind\":", with: "\"kind\": ") }, "not-canonical"),
        ("the reason changed", { $0.replacingOccurrences(of: "\"reason\":\"ok\"", with: "\"reason\":\"no\"") }, "edited"),
    ]

    @Test(arguments: edits.indices)
    func completeLastLineEditedIsReportedAsAnEditAndRepairRefuses(_ index: Int) throws {
        defer { cleanUp() }
        let (name, edit, kind) = Self.edits[index]
        let (log, prefix, approval) = try logEndingInAnApproval()
        let original = String(decoding: approval.line.dropLast(), as: UTF8.self)
        let edited = edit(original)
        #expect(edited != original, "\(name)")
        try write(prefix + Array(edited.utf8) + [0x0A])
        let damaged = try contents()

        let failure = try #require(try log.verify().failure, "\(name)")
        #expect(failure.seq == 1 && failure.kind == kind, "\(name): \(failure.kind)")
        #expect(!failure.message.contains("torn") && !failure.diagnostic.hint!.contains("run `opsctl receipts repair`"))

        #expect {
            try log.repair(actor: "mallory")
        } throws: { error in
            guard case ReceiptError.repairRefused(_, let reason) = error else { return false }
            return reason.contains("seq 1 (line 2)") && reason.contains(failure.message)
        }
        #expect(try contents() == damaged, "repair changed the log")
        #expect(try quarantineFiles().isEmpty)
    }

    @Test func onlyALastLineWithoutItsNewlineIsRepaired() throws {
        defer { cleanUp() }
        let (log, prefix, approval) = try logEndingInAnApproval()
        // The whole approval, but its newline: a write cut one byte short.
        try write(prefix + approval.line.dropLast())
        let failure = try #require(try log.verify().failure)
        #expect(failure.reason == .tornLastLine(byteCount: approval.line.count - 1))
        let result = try #require(try log.repair(actor: "oncall"))
        #expect(result.truncatedAt == prefix.count)
        #expect(try log.verify().isIntact)
    }

    @Test func garbageLineBeforeATornFragmentIsRefusedNotSweptUp() throws {
        defer { cleanUp() }
        let (log, prefix, _) = try logEndingInAnApproval()
        try write(prefix + Array("{\"edited\":true}\n{\"v\":1,\"se".utf8))
        let damaged = try contents()
        #expect {
            try log.repair(actor: "mallory")
        } throws: { error in
            guard case ReceiptError.repairRefused(_, let reason) = error else { return false }
            return reason.contains("seq 1 (line 2) is a complete line but not a receipt")
        }
        #expect(try contents() == damaged)
    }

    @Test func damageBeforeTheEndIsRefusedEvenWithATornTail() throws {
        defer { cleanUp() }
        let log = ReceiptLog(path: logPath)
        for index in 0..<3 { try log.append(kind: .approve, actor: "alice", body: ["i": .int(index)]) }
        var lines = try contents().split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        lines.remove(at: 1)  // an approval deleted
        try write(lines.joined(separator: [0x0A]) + Array("{\"v\":1".utf8))
        #expect {
            try log.repair(actor: "mallory")
        } throws: { error in
            guard case ReceiptError.repairRefused(_, let reason) = error else { return false }
            return reason.contains("seq 1 was deleted")
        }
    }

    /// `"o\u0308"` and `"ö"` are two keys in JSON (RFC 8785 orders them by UTF-16 code units)
    /// but one Swift `String`. A correctly sealed line holding both is refused for exactly that
    /// reason, never as torn.
    @Test(arguments: [false, true])
    func keysEqualOnlyUnderSwiftStringComparisonAreNamed(atTheEnd: Bool) throws {
        defer { cleanUp() }
        let (log, prefix, approval) = try logEndingInAnApproval()
        let forged = try Self.sealedLine(
            body: #"{"changeId":"github.label.create.bug","o\#u{0308}":1,"\#u{00F6}":2}"#, seq: 2, prev: approval.hash)
        var bytes = prefix + approval.line + forged.line
        if !atTheEnd {
            bytes += try Receipt(seq: 3, date: Date(), kind: .approve, actor: "bob", body: [:], prev: forged.hash).line
        }
        try write(bytes)

        let failure = try #require(try log.verify().failure)
        #expect(failure.seq == 2 && failure.kind == "unparsable")
        let explained = "the keys \"o\\u0308\" and \"\\u00f6\" of one object are different in JSON but the same text in Unicode"
        #expect(failure.message.contains(explained), "\(failure.message)")
        #expect(!failure.message.contains("torn") && !failure.message.contains("appears twice"))

        #expect {
            try log.repair(actor: "mallory")
        } throws: { error in
            guard case ReceiptError.repairRefused(_, let reason) = error else { return false }
            return reason.contains(explained) && !reason.contains("torn last line")
        }
        #expect(try contents() == bytes)
        if atTheEnd {
            #expect {
                try log.append(kind: .approve, actor: "carol", body: [:])
            } throws: { error in
                guard let error = error as? ReceiptError, case .editedTail = error else { return false }
                return error.diagnostic.message.contains(explained)
            }
        }
    }

    @Test func parserNamesCanonicallyEquivalentKeysAndTrueDuplicatesApart() throws {
        #expect {
            try JSONParser.parse(#"{"o\#u{0308}":1,"\#u{00F6}":2}"#)
        } throws: { error in
            guard let error = error as? JSONParseError, case .canonicallyEquivalentKeys(let first, let second) = error.reason
            else { return false }
            return Array(first.utf8) == [0x6F, 0xCC, 0x88] && Array(second.utf8) == [0xC3, 0xB6]
        }
        #expect {
            try JSONParser.parse(#"{"\#u{00F6}":1,"\#u{00F6}":2}"#)
        } throws: { error in
            guard let error = error as? JSONParseError, case .duplicateKey = error.reason else { return false }
            return true
        }
    }

    /// A receipt line assembled byte by byte, with `hash` computed over the line without it, as
    /// the writer seals one; `body` is spliced in as given.
    static func sealedLine(body: String, seq: Int, prev: String) throws -> (line: [UInt8], hash: String) {
        let head = #"{"actor":"mallory","body":"# + body
        let tail = #","kind":"approve","prev":"\#(prev)","seq":\#(seq),"ts":"2026-11-22T10:00:00Z","v":1}"#
        let hash = Hex.encode(try SHA256.hash(Array((head + tail).utf8)))
        return (Array((head + #","hash":"\#(hash)""# + tail + "\n").utf8), hash)
    }
}
