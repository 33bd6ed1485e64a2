import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// `plan --revert` for GitHub: each applied change's before-snapshot becomes the ordinary
/// change that restores it, against the sandbox's GitHub over HTTP, applied and then checked.
@Suite("GitHub revert")
struct GitHubRevertTests {
    typealias Setup = GitHubConnectorTests.Setup
    static let secrets = SecretResolver { _ in .success("") }

    /// Applies `change` and returns the revert request its outcome receipt would give.
    static func applied(_ change: Change, connector: any Connector, seq: Int = 7) async throws -> RevertRequest {
        guard case .applied(let before, let after, _) = await connector.apply(ApplyRequest(change: change, secrets: secrets)) else {
            throw RevertTestFailure()
        }
        return RevertRequest(changeID: change.id, before: before, after: after, outcomeSeq: seq)
    }

    struct RevertTestFailure: Error {}

    static func apply(_ response: PlanResponse, connector: any Connector) async throws {
        let change = try #require(response.changes.first)
        #expect(await connector.refresh(RefreshRequest(change: change)) == .unchanged)
        guard case .applied = await connector.apply(ApplyRequest(change: change, secrets: secrets)) else {
            Issue.record("the revert did not apply")
            return
        }
    }

    @Test func aCreatedLabelIsRevertedByAGatedDeletion() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        let connector = try setup.connector()
        let desired = DesiredState(github: GitHubConfig(labels: [GitHubLabel(name: "triage", color: "fbca04")]))
        let create = try #require(await connector.plan(PlanRequest(desired: desired)).changes.first)
        let revert = try await Self.applied(create, connector: connector)

        let response = await connector.planRevert(revert)
        #expect(response.changes.map(\.id.description) == ["github.label.delete.triage"])
        let delete = try #require(response.changes.first)
        #expect(delete.isDestructive)
        #expect(delete.description == "delete the label 'triage' (reverting receipt 7, which created it)")
        #expect(response.checks.map(\.id) == ["github.revert.label.triage"])
        try await Self.apply(response, connector: connector)
        #expect(await connector.planRevert(revert).checks.first?.status == .pass, "already reverted")
        #expect(await connector.planRevert(revert).changes.isEmpty)
    }

    @Test func anUpdatedLabelIsRestoredAndLaterEditsAreNamed() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        try await GitHubUnmanagedLabelTests.seed(setup, ["bug"])
        let connector = try setup.connector()
        let desired = DesiredState(github: GitHubConfig(labels: [GitHubLabel(name: "bug", color: "d73a4a", description: "Broken")]))
        let update = try #require(await connector.plan(PlanRequest(desired: desired)).changes.first)
        let revert = try await Self.applied(update, connector: connector)

        // Someone edits the label again after the apply.
        let repo = setup.environment["OPS_GITHUB_REPO"]!
        _ = try await setup.send("PATCH", "/repos/acme/\(repo)/labels/bug", ["color": "000000"])
        let response = await connector.planRevert(revert)
        let restore = try #require(response.changes.first)
        #expect(restore.id.description == "github.label.update.bug")
        #expect(restore.after["color"] == "ededed")
        #expect(restore.after["description"] == .null)
        #expect(restore.before["color"] == "000000", "compared with GitHub now, not with the receipt")
        #expect(response.checks.contains { $0.status == .warning && $0.message.contains("changed after receipt 7") })
        try await Self.apply(response, connector: connector)
        #expect(await connector.planRevert(revert).checks.first?.status == .pass)
    }

    @Test func aPrunedLabelIsRecreatedWithAWarningAboutItsIssues() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        try await GitHubUnmanagedLabelTests.seed(setup, ["wontfix"])
        let connector = try setup.connector()
        let desired = DesiredState(github: GitHubConfig(labels: [], prune: [.labels]))
        let delete = try #require(await connector.plan(PlanRequest(desired: desired)).changes.first)
        let revert = try await Self.applied(delete, connector: connector)

        let response = await connector.planRevert(revert)
        #expect(response.changes.map(\.id.description) == ["github.label.create.wontfix"])
        #expect(response.checks.contains { $0.message.contains("does not put it back on the issues") })
        try await Self.apply(response, connector: connector)
        let labels = try await (connector as! GitHubConnector).api.listLabels()
        #expect(labels.map(\.name) == ["wontfix"])
    }

    @Test func protectionThatDidNotExistBeforeCannotBeRevertedAndSaysWhy() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        let connector = try setup.connector()
        let desired = DesiredState(github: GitHubConfig(branchProtection: [BranchProtection(branch: "main", requiredReviews: 1)]))
        let protect = try #require(await connector.plan(PlanRequest(desired: desired)).changes.first)
        let revert = try await Self.applied(protect, connector: connector)
        let response = await connector.planRevert(revert)
        #expect(response.changes.isEmpty)
        #expect(response.checks.first?.status == .fail)
        #expect(response.checks.first?.message.contains("cannot be reverted: the branch 'main' had no protection before receipt 7") == true)
    }

    @Test func aConnectorWithoutRevertSaysSoAsAFailingCheck() async throws {
        let request = RevertRequest(changeID: ChangeID("stripe.price.update.pro")!, before: .null, after: .null, outcomeSeq: 3)
        var registry = ConnectorRegistry()
        registry.register(scope: .stripe, factory: StripeConnector.make)
        let planner = Planner(registry: registry, context: ConnectorContext(environment: ["STRIPE_SECRET_KEY": "sk_test_x"], redactor: Redactor()))
        let plan = await planner.planRevert(request, policy: ChangePolicy(), actor: "ci@example.com", createdAt: "2026-12-01T10:00:00Z", inputs: [])
        #expect(plan.changes.isEmpty)
        #expect(plan.checks.map(\.message) == [
            "stripe.price.update.pro cannot be reverted: the stripe connector cannot undo stripe.price.update changes; restore the before-snapshot in receipt 3 by hand"
        ])
        #expect(plan.scope == [.stripe])
    }
}
