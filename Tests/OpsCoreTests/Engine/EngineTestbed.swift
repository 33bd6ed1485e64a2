import Foundation
import OpsCore
import OpsTesting

/// A receipts log in a fresh directory, fake connectors, a policy and a fixed clock: what the
/// planner and applier need, without HTTP.
struct EngineTestbed {
    static let planner = "planner@example.com"
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    let directory: URL
    let log: ReceiptLog
    var policy: ChangePolicy
    var fakes: [FakeConnector]

    init(policy: ChangePolicy = EngineTestbed.openPolicy, scopes: [ServiceScope] = [.github, .vercel, .supabase]) {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("opsctl-engine-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        log = ReceiptLog(path: directory.appendingPathComponent(".opsctl/receipts.jsonl").path)
        self.policy = policy
        fakes = scopes.map(FakeConnector.init(scope:))
    }

    /// Low-risk changes of every scope may apply without a human; separation of duties is on.
    static var openPolicy: ChangePolicy {
        ChangePolicy(
            roles: [PolicyRole(name: "admin", members: ["alice@example.com", "bob@example.com"])],
            autoApplyAllowed: [.github: true, .vercel: true, .supabase: true]
        )
    }

    /// Every change needs two admins.
    static var strictPolicy: ChangePolicy {
        var policy = openPolicy
        policy.approvalRules = [ApprovalRule(pattern: ChangeKindPattern("*")!, requiresApproval: true, approvers: ["admin"], minApprovals: 2)]
        return policy
    }

    func fake(_ scope: ServiceScope) -> FakeConnector {
        fakes.first { $0.scope == scope }!
    }

    var registry: ConnectorRegistry { .serving(fakes) }

    var context: ConnectorContext { ConnectorContext(environment: [:], redactor: Redactor(registry: SecretRegistry())) }

    func plan(_ changes: [Change], createdBy: String = EngineTestbed.planner) -> Plan {
        Plan(
            createdAt: "2026-11-20T10:00:00Z", createdBy: createdBy, scope: Array(Set(changes.map(\.scope))).sorted(),
            inputs: [], checks: changes.map(ChangeFactory.failingCheck(for:)), changes: PolicyEvaluator.annotate(changes, policy: policy)
        )
    }

    var applier: Applier {
        Applier(registry: registry, context: context, log: log, policy: policy, secrets: SecretResolver { reference in
            .failure(SecretResolutionError(reference: reference, reason: "no secrets in engine tests"))
        })
    }

    func apply(_ plan: Plan, only: [ChangeID]? = nil, at date: Date = EngineTestbed.now) async throws -> ApplyReport {
        try await applier.apply(Applier.Request(plan: plan, planPath: "plan.json", only: only, actor: "applier@example.com", now: { date }))
    }

    func approve(_ change: Change, in plan: Plan, by approver: String, at date: Date = EngineTestbed.now, verdict: ApprovalRecord.Verdict = .approve) throws {
        try log.append(
            VerdictReceiptBody(verdict: verdict, change: ChangeReference(change, planDigest: PlanDigest.of(plan)), reason: "looked at it"),
            actor: approver, date: date
        )
    }

    var receipts: [Receipt] { (try? log.list()) ?? [] }

    var kinds: [String] { receipts.map(\.kind.rawValue) }

    func outcomes() -> [OutcomeReceiptBody] { receipts.compactMap(OutcomeReceiptBody.init) }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

extension ApplyReport {
    func outcome(_ id: ChangeID) -> Outcome? { entries.first { $0.changeID == id }?.outcome }
}
