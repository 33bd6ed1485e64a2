import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// GitHub's protection PUT replaces the whole protection: a member left out is turned off. A
/// change to what desired-state.yaml declares must leave everything else as GitHub has it.
@Suite("GitHub branch protection keeps what is not declared")
struct GitHubProtectionKeepsUndeclaredTests {
    static let resolver = SecretResolver { _ in .failure(SecretResolutionError(reference: "", reason: "none")) }

    /// An organisation's protection with every setting opsctl cannot declare switched on.
    static let existing: JSONValue = [
        "required_status_checks": ["strict": false, "contexts": [], "checks": [["context": "ci", "app_id": 15368], ["context": "lint"]]],
        "enforce_admins": false,
        "required_pull_request_reviews": [
            "required_approving_review_count": 1, "dismiss_stale_reviews": false, "require_code_owner_reviews": false,
            "require_last_push_approval": true,
            "dismissal_restrictions": ["users": ["octocat"], "teams": ["leads"]],
            "bypass_pull_request_allowances": ["users": ["release-bot"], "teams": [], "apps": ["dependabot"]],
        ],
        "restrictions": ["users": ["octocat"], "teams": ["release"], "apps": []],
        "required_linear_history": false, "allow_force_pushes": false, "allow_deletions": false,
        "block_creations": true, "required_conversation_resolution": true, "lock_branch": true, "allow_fork_syncing": true,
    ]

    @Test func aDeclaredChangeLeavesTheRestAsItWas() async throws {
        let setup = try GitHubConnectorTests.Setup()
        defer { setup.server.stop() }
        let repo = setup.environment["OPS_GITHUB_REPO"]!
        let path = "/repos/acme/\(repo)/branches/main/protection"
        _ = try await setup.send("PUT", path, Self.existing)

        // Only the declared settings change: two reviews, admins included.
        let desired = GitHubConnectorTests.desired([], protection: [
            BranchProtection(branch: "main", requiredReviews: 2, requiredStatusChecks: ["ci", "lint"], enforceAdmins: true)
        ])
        let connector = try setup.connector()
        let plan = await connector.plan(PlanRequest(desired: desired))
        let change = try #require(plan.changes.first)
        guard case .applied = await connector.apply(ApplyRequest(change: change, secrets: Self.resolver)) else {
            Issue.record("applying \(change.id) failed")
            return
        }

        let now = try JSONParser.parse(try await setup.send("GET", path).body)
        #expect(now["required_pull_request_reviews"]?["required_approving_review_count"] == 2)
        #expect(now["enforce_admins"]?["enabled"] == true)
        // Everything else is as it was.
        #expect(now["required_status_checks"]?["strict"] == false)
        let checks = now["required_status_checks"]?["checks"]?.arrayValue ?? []
        #expect(checks.contains(["context": "ci", "app_id": 15368]), "\(checks)")
        #expect(now["required_pull_request_reviews"]?["require_last_push_approval"] == true)
        #expect(now["required_pull_request_reviews"]?["dismissal_restrictions"]?["users"]?.arrayValue?.compactMap { $0["login"]?.stringValue } == ["octocat"])
        #expect(now["required_pull_request_reviews"]?["dismissal_restrictions"]?["teams"]?.arrayValue?.compactMap { $0["slug"]?.stringValue } == ["leads"])
        #expect(now["required_pull_request_reviews"]?["bypass_pull_request_allowances"]?["apps"]?.arrayValue?.compactMap { $0["slug"]?.stringValue } == ["dependabot"])
        #expect(now["restrictions"]?["teams"]?.arrayValue?.compactMap { $0["slug"]?.stringValue } == ["release"])
        for setting in ["block_creations", "required_conversation_resolution", "lock_branch", "allow_fork_syncing"] {
            #expect(now[setting]?["enabled"] == true, "\(setting) was turned off")
        }
        #expect(await connector.plan(PlanRequest(desired: desired)).changes.isEmpty)
    }

    @Test func aNewProtectionGetsGitHubsDefaultsAndStrictChecks() throws {
        let wanted = ProtectionSnapshot(BranchProtection(branch: "main", requiredReviews: 1, requiredStatusChecks: ["ci"]))
        let body = wanted.putBody(keeping: .none)
        #expect(body["required_status_checks"] == ["strict": true, "contexts": ["ci"]])
        #expect(body["restrictions"] == .null)
        #expect(body["lock_branch"] == nil)
        #expect(body["required_pull_request_reviews"] == [
            "required_approving_review_count": 1, "dismiss_stale_reviews": false, "require_code_owner_reviews": false,
        ])
    }
}
