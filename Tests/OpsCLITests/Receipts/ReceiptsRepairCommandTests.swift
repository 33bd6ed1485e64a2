import Foundation
import OpsCore
import Testing
@testable import OpsCLI

/// `opsctl receipts repair` in-process: a torn tail is moved aside, never dropped, and a
/// `recovery` receipt records it; an intact or missing log is left alone.
struct ReceiptsRepairCommandTests {
    @Test func tornTailIsQuarantinedAndRecorded() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        try fixture.appendApprovals(2)
        let intactBytes = try Data(contentsOf: URL(fileURLWithPath: fixture.logPath))
        let fragment = "{\"v\":1,\"seq\":2,\"ts\":\"20"
        try fixture.writeLines(try fixture.lines() + [fragment], terminated: false)

        let run = await fixture.run(["receipts", "repair"], environment: ["OPSCTL_ACTOR": "github:oncall"])
        #expect(run.status == 0)
        #expect(run.standardError.isEmpty)
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        try #require(lines.count == 2)
        #expect(lines[0].hasPrefix("Moved the torn tail of \(fixture.logPath) (\(fragment.utf8.count) bytes from byte \(intactBytes.count), sha256:"))
        #expect(lines[1].hasPrefix("Recorded recovery receipt seq 2 sha256:"))

        // The fragment is kept byte for byte in the file the message names.
        let destination = try #require(lines[0].range(of: " to ", options: .backwards))
        let quarantine = String(lines[0][destination.upperBound...].dropLast())
        #expect(quarantine.hasPrefix("\(fixture.logPath).quarantine-"))
        #expect(try String(contentsOfFile: quarantine, encoding: .utf8) == fragment)

        let verify = await fixture.run(["receipts", "verify"])
        #expect(verify.status == 0)
        #expect(verify.standardOutput.hasPrefix("Receipts intact: 3 entries, head seq 2 sha256:"))
        let recovery = try #require(try fixture.log.list(kind: .recovery).first)
        #expect(recovery.actor == "github:oncall")
        #expect(recovery.body["fragmentBytes"] == .int(fragment.utf8.count))
    }

    /// An approval edited into garbage is a complete line: an edit, not a crash. Verify exits 2
    /// calling it that, and repair refuses (exit 1) naming it, leaving the log as it was.
    @Test func approvalEditedIntoGarbageIsRefusedNotQuarantined() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        try fixture.appendApprovals(3)
        try fixture.writeLines(Array(try fixture.lines().dropLast()) + ["{\"nothing\":\"to see\"}"])
        let damaged = try Data(contentsOf: URL(fileURLWithPath: fixture.logPath))

        let verify = await fixture.run(["receipts", "verify"])
        #expect(verify.status == 2)
        #expect(verify.standardError.contains("seq 2 (line 3) is a complete line but not a receipt, so it was edited"))
        #expect(!verify.standardError.contains("torn"))

        let run = await fixture.run(["receipts", "repair"])
        #expect(run.status == 1)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.contains("cannot repair '\(fixture.logPath)': seq 2 (line 3) is a complete line but not a receipt"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.logPath)) == damaged)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.file(".opsctl"))
        #expect(!siblings.contains { $0.contains("quarantine") })
        #expect(await fixture.run(["receipts", "verify"]).status == 2)
    }

    @Test func intactLogHasNothingToRepair() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        try fixture.appendApprovals(2)
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.logPath))

        let run = await fixture.run(["receipts", "repair"])
        #expect(run.status == 0)
        #expect(run.standardOutput == "Nothing to repair: \(fixture.logPath) ends with a complete receipt.\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.logPath)) == before)
    }

    @Test func missingLogHasNothingToRepairAndStaysMissing() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }

        let run = await fixture.run(["receipts", "repair"])
        #expect(run.status == 0)
        #expect(run.standardOutput == "Nothing to repair: \(fixture.logPath) does not exist.\n")
        #expect(!FileManager.default.fileExists(atPath: fixture.logPath))
    }

    @Test func repairUnderAKeySealsTheRecoveryReceipt() async throws {
        let key = "k3y"
        let fixture = try ReceiptsFixture.make(key: key)
        defer { fixture.remove() }
        try fixture.appendApprovals(1)
        try fixture.writeLines(try fixture.lines() + ["{"], terminated: false)

        let run = await fixture.run(["receipts", "repair"], environment: ["OPSCTL_RECEIPTS_KEY": key])
        #expect(run.status == 0)
        #expect(!run.standardOutput.contains(key))
        let verify = await fixture.run(["receipts", "verify"], environment: ["OPSCTL_RECEIPTS_KEY": key])
        #expect(verify.status == 0, "\(verify.standardError)")
    }

    @Test func unreadableLogExitsOne() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        try FileManager.default.createDirectory(atPath: fixture.logPath, withIntermediateDirectories: true)

        let run = await fixture.run(["receipts", "repair"])
        #expect(run.status == 1)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.hasPrefix("opsctl: error: cannot open '\(fixture.logPath)'"))
    }
}
