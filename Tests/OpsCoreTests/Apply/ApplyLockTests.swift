import Foundation
import Testing
@testable import OpsCore

@Suite("Apply lock")
struct ApplyLockTests {
    static func receiptsPath() -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("opsctl-lock-\(UUID().uuidString)/.opsctl/receipts.jsonl").path
    }

    @Test func aSecondApplyIsRefusedNamingTheHolder() throws {
        let path = Self.receiptsPath()
        let holder = ApplyLock.Holder(actor: "carol@example.com", pid: 4242, since: "2026-11-22T10:00:00Z", plan: "plan.json")
        let first = try ApplyLock.acquire(beside: path, holder: holder)
        defer { first.release() }
        do {
            _ = try ApplyLock.acquire(beside: path, holder: .init(actor: "dave", pid: 1, since: "now", plan: "other.json"))
            Issue.record("a second apply got the lock")
        } catch {
            #expect(error == .locked(path: first.path, holder: holder))
            let message = error.diagnostic.message
            #expect(message == "apply is locked by carol@example.com since 2026-11-22T10:00:00Z for plan.json (pid 4242)")
        }
    }

    @Test func theLockIsFreeAgainAfterRelease() throws {
        let path = Self.receiptsPath()
        let holder = ApplyLock.Holder(actor: "carol", pid: 1, since: "now", plan: "plan.json")
        try ApplyLock.acquire(beside: path, holder: holder).release()
        let again = try ApplyLock.acquire(beside: path, holder: holder)
        again.release()
    }

    @Test func applyRefusesChangeIDsThatAreNotInThePlan() async throws {
        let applier = Applier(
            registry: ConnectorRegistry(),
            context: ConnectorContext(environment: [:], redactor: Redactor(registry: SecretRegistry())),
            log: ReceiptLog(path: Self.receiptsPath()),
            policy: ChangePolicy(),
            secrets: SecretResolver { _ in .failure(SecretResolutionError(reference: "", reason: "")) }
        )
        let request = Applier.Request(plan: samplePlan(), planPath: "plan.json", only: [ChangeID("github.label.create.nope")!], actor: "carol")
        await #expect(throws: ApplyError.unknownChanges(["github.label.create.nope"])) {
            try await applier.apply(request)
        }
    }

    @Test func changesWithoutAConnectorFailWithoutTouchingAnything() async throws {
        let path = Self.receiptsPath()
        let applier = Applier(
            registry: ConnectorRegistry(),
            context: ConnectorContext(environment: [:], redactor: Redactor(registry: SecretRegistry())),
            log: ReceiptLog(path: path),
            policy: ChangePolicy(autoApplyAllowed: [.github: true]),
            secrets: SecretResolver { _ in .failure(SecretResolutionError(reference: "", reason: "")) }
        )
        let plan = samplePlan()
        let report = try await applier.apply(Applier.Request(plan: plan, planPath: "plan.json", only: nil, actor: "carol"))
        #expect(report.entries.count == 2)
        guard case .failed(let diagnostic) = report.entries[0].outcome else {
            Issue.record("expected a failure, got \(report.entries[0].outcome)")
            return
        }
        #expect(diagnostic.message.contains("no github connector"))
        guard case .awaitingApproval = report.entries[1].outcome else {
            Issue.record("the branch protection change should await approval")
            return
        }
        #expect(report.failed == 1)
        #expect(report.waiting == 1)
        #expect(try ReceiptLog(path: path).list().isEmpty)
    }
}
