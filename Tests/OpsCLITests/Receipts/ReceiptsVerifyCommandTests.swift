import Foundation
import OpsCore
import Testing
@testable import OpsCLI

/// `opsctl receipts verify` in-process: exit 0 for an intact log, 2 for a broken one (naming
/// the first broken seq), 1 when the log or checkpoint cannot be read.
struct ReceiptsVerifyCommandTests {
    @Test func missingLogHasNoReceiptsYet() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }

        let run = await fixture.run(["receipts", "verify"])
        #expect(run.status == 0)
        #expect(run.standardOutput == "No receipts yet: \(fixture.logPath) does not exist.\n")
        #expect(run.standardError.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fixture.logPath))
    }

    @Test func intactLogPrintsEntriesAndHead() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        let receipts = try fixture.appendApprovals(3)

        let run = await fixture.run(["receipts", "verify"])
        #expect(run.status == 0)
        #expect(run.standardOutput == "Receipts intact: 3 entries, head seq 2 sha256:\(receipts[2].hash)\n")
        #expect(run.standardError.isEmpty)
    }

    @Test func quietIntactRunPrintsNothing() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        try fixture.appendApprovals(1)

        let run = await fixture.run(["-q", "receipts", "verify"])
        #expect(run.status == 0)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.isEmpty)
    }

    @Test func editedEntryExitsTwoNamingItsSeqAndTheLastIntactHead() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        let receipts = try fixture.appendApprovals(3)
        var lines = try fixture.lines()
        lines[1] = lines[1].replacingOccurrences(of: "\"actor\":\"alice\"", with: "\"actor\":\"mallory\"")
        try fixture.writeLines(lines)

        let run = await fixture.run(["receipts", "verify"])
        #expect(run.status == 2)
        #expect(run.standardOutput.isEmpty)
        let errors = run.standardError.split(separator: "\n").map(String.init)
        #expect(errors.count == 3)
        #expect(errors.first == "\(fixture.logPath):2:1: error: the receipts log is not intact: seq 1 (line 2) was edited: its content no longer matches its hash")
        #expect(errors.dropFirst().first?.hasPrefix("  hint: ") == true)
        #expect(errors.last == "Last intact head: seq 0 sha256:\(receipts[0].hash) (1 entry verified before the break).")
    }

    /// Each kind of damage from SPEC §7, made to a four-entry log; the message names the seq.
    struct Damage: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var damage: @Sendable ([String]) -> (lines: [String], terminated: Bool)
        var expectedMessage: String
    }

    static let damages: [Damage] = [
        Damage(testDescription: "deleted", damage: { lines in (lines.enumerated().filter { $0.offset != 1 }.map(\.element), true) },
               expectedMessage: "seq 1 was deleted: line 2 holds seq 2"),
        Damage(testDescription: "reordered", damage: { lines in ([lines[0], lines[2], lines[1], lines[3]], true) },
               expectedMessage: "the log was reordered: line 2 holds seq 2 where seq 1 belongs"),
        Damage(testDescription: "inserted", damage: { lines in ([lines[0], lines[1], lines[1], lines[2], lines[3]], true) },
               expectedMessage: "a line was inserted: line 3 holds seq 1 again where seq 2 belongs"),
        Damage(testDescription: "not canonical", damage: { lines in
            var lines = lines
            lines[2] = lines[2].replacingOccurrences(of: "{\"actor\"", with: "{ \"actor\"")
            return (lines, true)
        }, expectedMessage: "seq 2 (line 3) is not in canonical form at column 2"),
        Damage(testDescription: "torn last line", damage: { lines in (lines + ["{\"v\":1,\"seq\":4,\"ts"], false) },
               expectedMessage: "the last line, seq 4 (line 5), is torn"),
    ]

    @Test(arguments: damages)
    func damageExitsTwoAndIsNamed(_ row: Damage) async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        try fixture.appendApprovals(4)
        let damaged = row.damage(try fixture.lines())
        try fixture.writeLines(damaged.lines, terminated: damaged.terminated)

        let run = await fixture.run(["receipts", "verify"])
        #expect(run.status == 2)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.contains(row.expectedMessage), "\(run.standardError)")
        #expect(run.standardError.contains("hint: "))
        #expect(run.standardError.contains("Last intact head: seq "))
    }

    @Test func tornLastLineHintsAtRepair() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        try fixture.appendApprovals(2)
        try fixture.writeLines(try fixture.lines() + ["{\"v\":1"], terminated: false)

        let run = await fixture.run(["receipts", "verify"])
        #expect(run.status == 2)
        #expect(run.standardError.contains("hint: run `opsctl receipts repair`"))
    }

    @Test func keyRequiresAndChecksMACsWithoutPrintingTheKey() async throws {
        let key = "correct horse battery staple"
        let signed = try ReceiptsFixture.make(key: key)
        defer { signed.remove() }
        let receipts = try signed.appendApprovals(2)

        let intact = await signed.run(["-v", "receipts", "verify"], environment: ["OPSCTL_RECEIPTS_KEY": key])
        #expect(intact.status == 0)
        #expect(intact.standardOutput.hasPrefix("Receipts intact: 2 entries, head seq 1 sha256:\(receipts[1].hash)\n"))
        #expect(intact.standardOutput.contains("valid MAC"))

        let wrongKey = "not the key"
        let forged = await signed.run(["receipts", "verify"], environment: ["OPSCTL_RECEIPTS_KEY": wrongKey])
        #expect(forged.status == 2)
        #expect(forged.standardError.contains("seq 0 (line 1) has a MAC that does not match"))
        #expect(forged.standardError.contains("OPSCTL_RECEIPTS_KEY"))
        #expect(!forged.standardError.contains(wrongKey) && !forged.standardOutput.contains(wrongKey))

        let unsigned = try ReceiptsFixture.make()
        defer { unsigned.remove() }
        try unsigned.appendApprovals(1)
        let missing = await unsigned.run(["receipts", "verify", "--json"], environment: ["OPSCTL_RECEIPTS_KEY": key])
        #expect(missing.status == 2)
        #expect(!missing.standardOutput.contains(key))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(missing.standardOutput.utf8)) as? [String: Any])
        let failure = try #require(document["failure"] as? [String: Any])
        #expect(failure["kind"] as? String == "missing-mac")
        #expect(document["macsChecked"] as? Bool == true)
    }

    @Test func expectHeadMismatchExitsTwoAndSaysWhereTheHeadCameFrom() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        try fixture.appendApprovals(3)
        let forgedHash = String(repeating: "ab", count: 32)

        let run = await fixture.run(["receipts", "verify", "--expect-head", "1:\(forgedHash)"])
        #expect(run.status == 2)
        #expect(run.standardError.contains("but the expected head is abababababab…: the log was rewritten"))
        #expect(run.standardError.contains("note: the expected head 1 \(forgedHash) came from --expect-head"))
    }

    @Test(arguments: ["HASH", "1:HASH", "1 HASH", "sha256:HASH", "1 sha256:HASH", "SHA256:UPPERHASH"])
    func expectHeadAcceptsTheHeadAsVerifyPrintsIt(_ form: String) async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        let receipts = try fixture.appendApprovals(3)
        let hash = receipts[1].hash
        let value = form.replacingOccurrences(of: "UPPERHASH", with: hash.uppercased()).replacingOccurrences(of: "HASH", with: hash)

        let run = await fixture.run(["-v", "receipts", "verify", "--expect-head=\(value)"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("(--expect-head) is entry seq 1."))
    }

    @Test func expectHeadBeyondTheEndIsTruncation() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        try fixture.appendApprovals(2)

        let run = await fixture.run(["receipts", "verify", "--expect-head", "5 \(String(repeating: "0", count: 64))"])
        #expect(run.status == 2)
        #expect(run.standardError.contains("the log was truncated: it ends at seq 1 but the expected head is seq 5"))
    }

    @Test func checkpointBesideTheLogIsTheDefaultExpectedHead() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        let receipts = try fixture.appendApprovals(3)
        try fixture.log.writeCheckpoint(receipts[2].head)

        let intact = await fixture.run(["-v", "receipts", "verify"])
        #expect(intact.status == 0)
        #expect(intact.standardOutput.contains("(the checkpoint \(fixture.checkpointPath)) is entry seq 2."))

        // Cutting off the last entry leaves a valid chain: only the checkpoint can tell.
        try fixture.writeLines(Array(try fixture.lines().prefix(2)))
        let truncated = await fixture.run(["receipts", "verify"])
        #expect(truncated.status == 2)
        #expect(truncated.standardError.contains("the log was truncated: it ends at seq 1 but the expected head is seq 2"))
        #expect(truncated.standardError.contains("came from the checkpoint \(fixture.checkpointPath)"))
        #expect(truncated.standardError.contains("Last intact head: seq 1 sha256:\(receipts[1].hash)"))

        let json = await fixture.run(["receipts", "verify", "--json"])
        #expect(json.status == 2)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let expected = try #require(document["expectedHead"] as? [String: Any])
        #expect(expected["source"] as? String == "checkpoint")
        #expect(expected["hash"] as? String == receipts[2].hash)
    }

    @Test func expectHeadOptionTakesPrecedenceOverTheCheckpoint() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        let receipts = try fixture.appendApprovals(2)
        _ = try fixture.directory.write(".opsctl/checkpoint", "not a checkpoint\n")

        let unreadable = await fixture.run(["receipts", "verify"])
        #expect(unreadable.status == 1)
        #expect(unreadable.standardError.hasPrefix("opsctl: error: the checkpoint '\(fixture.checkpointPath)' is not valid"))

        let overridden = await fixture.run(["receipts", "verify", "--expect-head", receipts[0].hash])
        #expect(overridden.status == 0)
    }

    @Test func jsonIsOneDocumentForAnIntactLog() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        let receipts = try fixture.appendApprovals(2)

        let run = await fixture.run(["receipts", "verify", "--json"])
        #expect(run.status == 0)
        #expect(run.standardError.isEmpty)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(document["intact"] as? Bool == true)
        #expect(document["entries"] as? Int == 2)
        #expect(document["exists"] as? Bool == true)
        #expect(document["path"] as? String == fixture.logPath)
        let head = try #require(document["head"] as? [String: Any])
        #expect(head["seq"] as? Int == 1)
        #expect(head["hash"] as? String == receipts[1].hash)
        #expect(document["failure"] is NSNull)
        #expect(document["expectedHead"] is NSNull)
    }

    @Test func unreadableLogExitsOne() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        // A directory where the log should be: opening works, reading fails.
        try FileManager.default.createDirectory(atPath: fixture.logPath, withIntermediateDirectories: true)

        let run = await fixture.run(["receipts", "verify"])
        #expect(run.status == 1)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.hasPrefix("opsctl: error: cannot read '\(fixture.logPath)'"))
    }
}
