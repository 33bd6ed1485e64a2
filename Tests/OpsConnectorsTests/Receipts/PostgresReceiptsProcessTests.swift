import Foundation
import OpsCore
import OpsSandbox
import Testing

@testable import OpsConnectors

/// Several processes and "machines" (working directories) sharing one PostgreSQL log, as a
/// team's laptops and CI runners do.
@Suite("PostgreSQL receipts across processes")
struct PostgresReceiptsProcessTests {
    static let writers = 8
    static let receiptsPerWriter = 100

    @Test func eightProcessesAppendingAtOnceMakeOneContiguousChain() throws {
        let fresh = try ReceiptStoreBackend.postgres.makeStore()
        let address = try #require(fresh.address)
        let appender = try BuiltTools.url("opsctl-test-appender")
        var processes: [(Process, Pipe)] = []
        for writer in 0..<Self.writers {
            let process = Process()
            let errors = Pipe()
            process.executableURL = appender
            process.arguments = [address, String(Self.receiptsPerWriter), "writer-\(writer)"]
            process.standardError = errors
            processes.append((process, errors))
        }
        for (process, _) in processes { try process.run() }
        for (process, errors) in processes {
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0, "\(message)")
        }

        let total = Self.writers * Self.receiptsPerWriter
        let receipts = try fresh.store.list(kind: nil, changeID: nil)
        try #require(receipts.count == total)
        #expect(receipts.map(\.seq) == Array(0..<total))
        var nextIndex: [String: Int] = [:]
        for receipt in receipts {
            // Each writer's receipts appear in the order it wrote them.
            #expect(receipt.body["i"] == .int(nextIndex[receipt.actor, default: 0]))
            nextIndex[receipt.actor, default: 0] += 1
        }
        #expect(nextIndex.count == Self.writers)

        let report = try fresh.store.verify(expectHead: nil)
        #expect(report.isIntact)
        #expect(report.entries == total)

        // The export is byte for byte the file the file backend would hold.
        let exported = try fresh.store.exportedBytes()
        let expected = receipts.flatMap(\.line)
        #expect(exported == expected)
        #expect(try ReceiptLog.verify(bytes: exported).head == report.head)
    }

    @Test func aSecondApplyIsRefusedUntilTheFirstIsKilled() throws {
        let fresh = try ReceiptStoreBackend.postgres.makeStore()
        let address = try #require(fresh.address)
        let holder = try LockHoldingProcess(log: address, actor: "carol@example.com")
        let other = try fresh.fromAnotherMachine()
        let dave = ApplyLock.Holder(actor: "dave", pid: getpid(), since: "2026-11-22T14:05:00Z", plan: "plan.json")
        #expect {
            _ = try other.acquireApplyLock(holder: dave)
        } throws: { error in
            guard let error = error as? ApplyError, case .locked(_, let current?) = error else { return false }
            return current.actor == "carol@example.com" && current.backendPID != nil
                && error.diagnostic.message.hasPrefix("apply is locked by carol@example.com on ")
        }

        holder.killHard()
        let killed = ContinuousClock.now
        var lease: (any ApplyLease)?
        while lease == nil, ContinuousClock.now - killed < .seconds(5) {
            lease = try? other.acquireApplyLock(holder: dave)
            if lease == nil { usleep(20_000) }
        }
        let waited = ContinuousClock.now - killed
        #expect(lease != nil)
        #expect(waited < .seconds(1), "the lock came free \(waited) after the holder was killed")
        lease?.release()
    }

    /// A killed runner's holder record stays in the log's row, but nobody holds the lock:
    /// the record is ignored, so nobody is told a dead runner holds it.
    @Test func aKilledHoldersRecordIsIgnored() throws {
        let fresh = try ReceiptStoreBackend.postgres.makeStore()
        let address = try #require(fresh.address)
        let holder = try LockHoldingProcess(log: address, actor: "carol@example.com")
        #expect(try fresh.store.applyLockHolder()?.actor == "carol@example.com")
        holder.killHard()
        let killed = ContinuousClock.now
        while try fresh.store.applyLockHolder() != nil, ContinuousClock.now - killed < .seconds(5) { usleep(20_000) }
        #expect(try fresh.store.applyLockHolder() == nil)
        let row = try PostgresConnection(uri: address).query("select apply_holder::text as h from opsctl.log").rows.first?["h"]
        #expect(row?.contains("carol@example.com") == true, "the stale record is still there")
    }
}

/// The whole loop through the built binary, on two "machines" (working directories) that
/// share one PostgreSQL log: an approval made on one is seen by an apply on the other, and
/// the apply lock and `unlock --force` work across them.
@Suite("PostgreSQL receipts: plan, approve and apply from two machines")
final class PostgresReceiptsTwoMachinesTests: @unchecked Sendable {
    static let token = "ghp_PGRECEIPTSe2eCANARY0000000000000000"

    static let desiredState = """
        version: 1
        github:
          labels:
            - { name: security, color: b60205 }
          branchProtection:
            - branch: main
              requiredReviews: 1
              requiredStatusChecks: [ci]
              enforceAdmins: true
        """

    static let policy = """
        version: 1
        roles:
          admin: [alice@example.com]
        autoApplyAllowed:
          github: true
        approvalRules:
          github.branch_protection.*:
            requiresApproval: true
            approvers: [admin]
        separationOfDuties: true
        approvalTTL: 1h
        """

    let server: SandboxServer
    let baseURL: String
    let database: TestDatabase
    let laptop: String
    let runner: String
    let repo = "pg-\(UUID().uuidString.prefix(8).lowercased())"

    init() throws {
        server = try SandboxServer(configuration: SandboxConfiguration(port: 0))
        baseURL = try server.start()
        database = try TestPostgres.cluster().makeDatabase(loading: nil)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pg-machines-\(UUID().uuidString)").path
        laptop = root + "/laptop"
        runner = root + "/runner"
        for directory in [laptop, runner] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(Self.desiredState.utf8).write(to: URL(fileURLWithPath: directory + "/desired-state.yaml"))
            try Data(Self.policy.utf8).write(to: URL(fileURLWithPath: directory + "/change-policy.yaml"))
        }
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: laptop).deletingLastPathComponent().path)
    }

    func opsctl(_ arguments: [String], on machine: String, as actor: String) throws -> BuiltTools.Output {
        try BuiltTools.run("opsctl", arguments, in: machine, environment: [
            "OPSCTL_SANDBOX_URL": baseURL,
            "OPS_GITHUB_TOKEN": Self.token,
            "OPS_GITHUB_OWNER": "acme",
            "OPS_GITHUB_REPO": repo,
            "OPSCTL_ACTOR": actor,
            "OPSCTL_RECEIPTS_URL": database.uri,
        ])
    }

    @Test func anApprovalOnOneMachineIsSeenByAnApplyOnAnother() throws {
        let initialized = try opsctl(["receipts", "init"], on: runner, as: "ci")
        #expect(initialized.status == 0, "\(initialized.standardError)")
        #expect(initialized.standardOutput.contains("Created the receipts schema (version 1)"))

        let plan = try opsctl(["plan", "--scope", "github", "--out", "plan.json"], on: runner, as: "ci")
        #expect(plan.status == 0, "stderr: \(plan.standardError)")
        let firstApply = try opsctl(["apply", "plan.json"], on: runner, as: "ci")
        #expect(firstApply.status == 2, "stdout: \(firstApply.standardOutput) stderr: \(firstApply.standardError)")
        #expect(firstApply.standardOutput.contains("awaiting-approval github.branch_protection.update.main"))

        // Alice approves on her laptop, from a copy of the plan; nothing is copied back.
        try FileManager.default.copyItem(atPath: runner + "/plan.json", toPath: laptop + "/plan.json")
        let approval = try opsctl(
            ["approve", "github.branch_protection.update.main", "--plan", "plan.json", "--reason", "reviewed"], on: laptop,
            as: "alice@example.com")
        #expect(approval.status == 0, "stderr: \(approval.standardError)")
        #expect(!FileManager.default.fileExists(atPath: laptop + "/.opsctl/receipts.jsonl"), "no local log on the laptop")

        // The lock: while another runner holds it, apply is refused and says who holds it.
        let holder = try LockHoldingProcess(log: database.uri, actor: "carol@example.com")
        let refused = try opsctl(["apply", "plan.json"], on: runner, as: "ci")
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("apply is locked by carol@example.com on "), "\(refused.standardError)")
        let shown = try opsctl(["unlock"], on: laptop, as: "alice@example.com")
        #expect(shown.status == 1)
        #expect(shown.standardError.contains("carol@example.com"))
        let broken = try opsctl(["unlock", "--force"], on: laptop, as: "alice@example.com")
        #expect(broken.status == 0, "\(broken.standardError)")
        #expect(broken.standardOutput.contains("Broke the apply lock"))
        holder.killHard()

        let secondApply = try opsctl(["apply", "plan.json"], on: runner, as: "ci")
        #expect(secondApply.status == 0, "stdout: \(secondApply.standardOutput) stderr: \(secondApply.standardError)")
        #expect(secondApply.standardOutput.contains("applied github.branch_protection.update.main"))

        let verify = try opsctl(["receipts", "verify"], on: laptop, as: "alice@example.com")
        #expect(verify.status == 0, "\(verify.standardError)")
        let export = try opsctl(["receipts", "export", "--out", "log.jsonl"], on: laptop, as: "alice@example.com")
        #expect(export.status == 0, "\(export.standardError)")
        let exported = try [UInt8](Data(contentsOf: URL(fileURLWithPath: laptop + "/log.jsonl")))
        let kinds = try ReceiptLog(path: laptop + "/log.jsonl").list().map(\.kind.rawValue)
        #expect(kinds == ["plan", "intent", "outcome", "approve", "unlock", "intent", "outcome"])
        #expect(try ReceiptLog.verify(bytes: exported).isIntact)

        // Import the export into a file log elsewhere: the same bytes.
        let imported = try BuiltTools.run(
            "opsctl", ["receipts", "import", "log.jsonl", "--receipts", "copy/receipts.jsonl"], in: laptop, environment: [:])
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: laptop + "/copy/receipts.jsonl"))) == exported)
    }
}
