import Foundation
import OpsCore
import Testing

@testable import OpsConnectors

/// `prune: [envVars]`: undeclared variables become removals that need a human, and apply
/// deletes exactly the object the plan saw.
@Suite("Vercel env var prune")
struct VercelPruneTests {
    @Test func undeclaredVariablesAreProposedForRemovalAndApplyRemovesThem() async throws {
        let bed = try VercelTestbed()
        _ = try await bed.createEnv("LEGACY_URL", value: "https://old.example.com", type: "plain", targets: ["production"])
        let config = VercelConfig(envVars: [], crons: [], prune: [.envVars])
        let plan = await bed.plan(config)
        let remove = try #require(plan.changes.first)
        #expect(plan.changes.map(\.id.description) == ["vercel.env.remove.LEGACY_URL"])
        #expect(remove.isDestructive && remove.requiresApproval, "a removal always needs approval")
        #expect(!plan.checks.contains { $0.status == .unmanaged })
        #expect(plan.coverage == [Coverage(scope: .vercel, collection: "env vars", managed: 0, total: 1)])

        let connector = try VercelConnector.make(context: bed.context()).get()
        #expect(await connector.refresh(RefreshRequest(change: remove)) == .unchanged)
        guard case .applied(_, let after, let detail) = await connector.apply(ApplyRequest(change: remove, secrets: bed.resolver)) else {
            Issue.record("the variable was not removed")
            return
        }
        #expect(after == .null)
        #expect(detail.hasPrefix("removed LEGACY_URL ("))
        #expect(await connector.refresh(RefreshRequest(change: remove)) == .alreadyApplied)
        #expect(await bed.plan(config).changes.isEmpty)
    }

    @Test func pruneIsDeclaredPerCollection() {
        let loaded = ConfigLoader.loadDesiredState(SourceText(path: "desired-state.yaml", text: "version: 1\nvercel:\n  prune: [envVars]\n"))
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.model?.vercel?.prune == [.envVars])
        let wrong = ConfigLoader.loadDesiredState(SourceText(path: "desired-state.yaml", text: "version: 1\nvercel:\n  prune: [crons]\n"))
        #expect(wrong.diagnostics.first?.message.contains("names 'crons', which opsctl cannot prune in vercel") == true)
    }
}
