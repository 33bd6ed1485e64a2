import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// Labels that exist but are not declared: reported once as unmanaged with the collection's
/// coverage, or, with `prune: [labels]`, proposed for deletion, gated and applied.
@Suite("GitHub unmanaged labels")
struct GitHubUnmanagedLabelTests {
    typealias Setup = GitHubConnectorTests.Setup

    static func seed(_ setup: Setup, _ names: [String]) async throws {
        let repo = setup.environment["OPS_GITHUB_REPO"]!
        for name in names { _ = try await setup.send("POST", "/repos/acme/\(repo)/labels", ["name": .string(name), "color": "ededed"]) }
    }

    @Test func undeclaredLabelsAreUnmanagedAndCoverageCountsTheDeclaredOnes() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        try await Self.seed(setup, ["bug", "wontfix", "good first issue"])
        let plan = await (try setup.connector()).plan(PlanRequest(desired: DesiredState(github: GitHubConfig(labels: [GitHubLabel(name: "Bug", color: "ededed")]))))
        #expect(plan.changes.isEmpty)
        let unmanaged = plan.checks.filter { $0.status == .unmanaged }
        #expect(unmanaged.map(\.id) == ["github.label.unmanaged.good-first-issue", "github.label.unmanaged.wontfix"])
        #expect(unmanaged.first?.message == "the label 'good first issue' exists but is not declared in desired-state.yaml")
        #expect(plan.coverage == [Coverage(scope: .github, collection: "labels", managed: 1, total: 3)])
        #expect(plan.coverage.first?.percent == 33)
    }

    @Test func pruneProposesDeletionsThatNeedApprovalAndApplyRemovesTheLabel() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        try await Self.seed(setup, ["bug", "wontfix"])
        let desired = DesiredState(github: GitHubConfig(labels: [GitHubLabel(name: "bug", color: "ededed")], prune: [.labels]))
        let connector = try setup.connector()
        let plan = await connector.plan(PlanRequest(desired: desired))
        let delete = try #require(plan.changes.first)
        #expect(plan.changes.map(\.id.description) == ["github.label.delete.wontfix"])
        #expect(delete.isDestructive)
        #expect(!plan.checks.contains { $0.status == .unmanaged })
        // Open policy, yet a deletion still needs a human.
        let decision = PolicyEvaluator.decide(for: delete, policy: ChangePolicy(autoApplyAllowed: [.github: true]))
        #expect(decision.requiresApproval)
        #expect(decision.reason == "destructive changes always need approval")

        #expect(await connector.refresh(RefreshRequest(change: delete)) == .unchanged)
        let secrets = SecretResolver { _ in .success("") }
        guard case .applied(let before, let after, let detail) = await connector.apply(ApplyRequest(change: delete, secrets: secrets)) else {
            Issue.record("the label was not deleted")
            return
        }
        #expect(before["name"] == "wontfix" && after == .null)
        #expect(detail == "deleted the label 'wontfix'")
        #expect(await connector.refresh(RefreshRequest(change: delete)) == .alreadyApplied)
        #expect(await connector.plan(PlanRequest(desired: desired)).changes.isEmpty)
    }

    @Test func anIgnoreRuleHidesTheUnmanagedLabelUntilItExpires() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        try await Self.seed(setup, ["bug", "wontfix"])
        var registry = ConnectorRegistry()
        registry.register(scope: .github, factory: GitHubConnector.make)
        let planner = Planner(registry: registry, context: setup.context)
        let rule = IgnoreRule(
            match: "github.label.*.wontfix", reason: "kept for old issues", owner: "carol@example.com",
            expires: Date(timeIntervalSince1970: 1_801_353_600)  // 2027-01-31
        )
        func plan(at createdAt: String) async -> Plan {
            await planner.plan(Planner.Request(
                desired: DesiredState(github: GitHubConfig(labels: [GitHubLabel(name: "bug", color: "ededed")])),
                policy: ChangePolicy(ignore: [rule]), scopes: nil, actor: "carol@example.com", createdAt: createdAt, inputs: []
            ))
        }
        let during = await plan(at: "2027-01-30T23:59:59Z")
        #expect(!during.checks.contains { $0.status == .unmanaged || $0.status == .warning })
        let after = await plan(at: "2027-01-31T00:00:00Z")
        #expect(after.checks.contains { $0.id == "github.label.unmanaged.wontfix" })
        let warning = try #require(after.checks.first { $0.status == .warning })
        #expect(warning.message == "the ignore rule 'github.label.*.wontfix' (owner carol@example.com: kept for old issues) expired on 2027-01-31; 1 matching finding shows again")
    }
}
