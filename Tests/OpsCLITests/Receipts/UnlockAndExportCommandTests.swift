import Foundation
import OpsCore
import Testing
@testable import OpsCLI

/// `unlock`, `receipts export`, `import` and `init` on the file log, in-process.
struct UnlockAndExportCommandTests {
    static let holder = ApplyLock.Holder(
        actor: "carol@example.com", pid: 4242, since: "2026-11-22T14:02:00Z", plan: "plan.json", host: "ci-runner-7",
        planDigest: "sha256:" + String(repeating: "ab", count: 32))

    @Test func unlockShowsTheHolderAndForceBreaksItWithAReceipt() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        try fixture.appendApprovals(1)
        let free = await fixture.run(["unlock"])
        #expect(free.status == 0)
        #expect(free.standardOutput == "Apply is not locked on \(fixture.logPath).\n")

        let lease = try ApplyLock.acquire(beside: fixture.logPath, holder: Self.holder)
        defer { lease.release() }
        let shown = await fixture.run(["unlock"])
        #expect(shown.status == 1)
        #expect(shown.standardError.contains("apply is locked by carol@example.com on ci-runner-7 since 2026-11-22T14:02:00Z for plan sha256:abab"))

        let broken = await fixture.run(["unlock", "--force"], environment: ["OPSCTL_ACTOR": "alice@example.com"])
        #expect(broken.status == 0, "\(broken.standardError)")
        #expect(broken.standardOutput.hasPrefix("Broke the apply lock on \(fixture.logPath) held by carol@example.com on ci-runner-7"))
        let unlock = try #require(try fixture.log.list(kind: .unlock, changeID: nil).first)
        #expect(unlock.actor == "alice@example.com")
        #expect(UnlockReceiptBody(unlock)?.holder == Self.holder)
        #expect(try fixture.log.verify(expectHead: nil).isIntact)
        // A new apply can take the lock although the old holder still has its descriptor.
        let next = try ApplyLock.acquire(beside: fixture.logPath, holder: .init(actor: "dave", pid: 1, since: "now", plan: "p"))
        next.release()
    }

    @Test func exportWritesTheSameBytesAndRefusesToOverwrite() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        try fixture.appendApprovals(3)
        let out = fixture.directory.file("export.jsonl")
        let run = await fixture.run(["receipts", "export", "--out", out])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.hasPrefix("Exported 3 receipts from \(fixture.logPath) to \(out), head seq 2 sha256:"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data(contentsOf: URL(fileURLWithPath: fixture.logPath)))

        let again = await fixture.run(["receipts", "export", "--out", out])
        #expect(again.status == 1)
        #expect(again.standardError.contains("already exists"))
        #expect(await fixture.run(["receipts", "export", "--out", out, "--force"]).status == 0)

        // A torn tail is not exported away: the export is refused until `repair` records it.
        try fixture.writeLines(try fixture.lines() + ["{\"v\":1,\"seq\":3"], terminated: false)
        let torn = await fixture.run(["receipts", "export", "--out", fixture.directory.file("torn.jsonl")])
        #expect(torn.status == 2)
        #expect(torn.standardError.contains("is not intact"))
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.file("torn.jsonl")))
    }

    @Test func importRefusesABrokenFileAndANonEmptyLog() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        try fixture.appendApprovals(2)
        let source = fixture.directory.file("source.jsonl")
        try FileManager.default.copyItem(atPath: fixture.logPath, toPath: source)

        let intoNonEmpty = await fixture.run(["receipts", "import", source])
        #expect(intoNonEmpty.status == 1)
        #expect(intoNonEmpty.standardError.contains("the log already holds receipts"))

        let target = fixture.directory.file("target/receipts.jsonl")
        let imported = await runOpsctl(["--receipts", target, "receipts", "import", source], environment: ["OPSCTL_ACTOR": "tester"])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data(contentsOf: URL(fileURLWithPath: source)))

        var text = try String(contentsOfFile: source, encoding: .utf8)
        text = text.replacingOccurrences(of: "alice", with: "mallory")
        try text.write(toFile: source, atomically: true, encoding: .utf8)
        let broken = await runOpsctl(
            ["--receipts", fixture.directory.file("other/r.jsonl"), "receipts", "import", source], environment: ["OPSCTL_ACTOR": "tester"])
        #expect(broken.status == 1)
        #expect(broken.standardError.contains("does not verify"))
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.file("other/r.jsonl")))
    }

    @Test func initOnTheFileLogHasNothingToDo() async throws {
        let fixture = try ReceiptsFixture.make()
        defer { fixture.remove() }
        let run = await fixture.run(["receipts", "init"])
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("Nothing to create"))
        let grant = await fixture.run(["receipts", "init", "--grant-to", "ci"])
        #expect(grant.status == 1)
    }
}
