import Testing
@testable import OpsCore

@Suite struct ChangePolicyDecodingTests {
    @Test func emptyPolicyTakesTheCautiousDefaults() throws {
        let result = ConfigFixture.policy("")
        #expect(result.diagnostics.isEmpty)
        let policy = try #require(result.model)
        #expect(policy == ChangePolicy())
        #expect(policy.separationOfDuties)
        #expect(policy.approvalTTLSeconds == 86_400)
        #expect(!policy.directDatabaseApply)
        #expect(!policy.isAutoApplyAllowed(.github))
    }

    @Test func rootPolicyDecodes() throws {
        let result = ConfigLoader.loadChangePolicy(path: ConfigFixture.path("change-policy.yaml"))
        #expect(result.diagnostics.isEmpty, "\(result.summary)")
        let policy = try #require(result.model)
        #expect(policy.roles.map(\.name) == ["admin", "dba", "release"])
        #expect(policy.role(named: "admin")?.members == ["alice@autorisen.com", "github:alice"])
        #expect(policy.autoApplyAllowed == [.supabase: false, .vercel: true, .github: true, .secrets: false])
        #expect(policy.separationOfDuties && policy.approvalTTLSeconds == 24 * 3600 && !policy.directDatabaseApply)

        // `supabase.column.drop: *two_person_database_rule` reuses the anchored rule.
        let drop = try #require(policy.rule(for: "supabase.column.drop"))
        #expect(drop.pattern.description == "supabase.column.drop")
        #expect(drop.requiresApproval == true && drop.approvers == ["admin", "dba"])
        #expect(drop.minApprovals == 2 && drop.method == .slack && drop.risk == nil)

        let labels = try #require(policy.rule(for: "github.label.create"))
        #expect(labels.requiresApproval == false && labels.risk == .low && labels.approvers.isEmpty)
        #expect(policy.rule(for: "github.branch_protection.update")?.method == .github)
        #expect(policy.rule(for: "secrets.sync.heroku")?.risk == .critical)
        #expect(policy.rule(for: "stripe.price.check") == nil)
    }

    @Test func teamPolicyExample() throws {
        let policy = try #require(ConfigLoader.loadChangePolicy(path: ConfigFixture.path("examples/team-policy.yaml")).model)
        #expect(policy.approvalTTLSeconds == 8 * 3600)
        #expect(policy.directDatabaseApply)
        #expect(policy.members(of: ["admin", "dba"]) == ["alice@example.com", "github:alice", "bob@example.com", "dana@example.com"])
        // The catch-all `*` loses to every more specific rule.
        #expect(policy.rule(for: "supabase.table.create")?.pattern.description == "supabase.*")
        #expect(policy.rule(for: "vercel.env.update")?.pattern.description == "vercel.env.update")
        #expect(policy.rule(for: "vercel.env.add")?.pattern.description == "*")
    }

    @Test func rulesKeepTheirLocations() throws {
        let policy = try #require(ConfigFixture.policy("""
            roles:
              admin: [a@example.com]
            approvalRules:
              github.label.*:
                approvers: [admin]
            """).model)
        #expect(policy.roles.first?.location?.line == 2)
        #expect(policy.approvalRules.first?.location == SourceLocation(file: "change-policy.yaml", line: 5, column: 5))
    }

    @Test(arguments: [("30s", 30), ("90m", 5400), ("24h", 86_400), ("7d", 604_800), ("2w", 1_209_600), ("1h30m", 5400)])
    func approvalTTLDurations(_ text: String, _ seconds: Int) throws {
        let result = ConfigFixture.policy("approvalTTL: \(text)\n")
        #expect(result.diagnostics.isEmpty, "\(result.summary)")
        #expect(result.model?.approvalTTLSeconds == seconds)
    }

    @Test(arguments: ["0h", "h", "24", "-1h", "24 h", "1.5h", "99999999999999999999d"])
    func malformedDurations(_ text: String) {
        #expect(PolicyDuration.seconds(in: text) == nil || PolicyDuration.seconds(in: text) == 0)
        let result = ConfigFixture.policy("approvalTTL: \"\(text)\"\n")
        #expect(result.errors.count == 1, "\(text): \(result.summary)")
    }

    @Test func requiresApprovalFalseWithApproversIsAccepted() throws {
        let result = ConfigFixture.policy("""
            roles: { admin: [a@example.com] }
            approvalRules:
              github.label.*: { requiresApproval: false, approvers: [admin] }
            """)
        #expect(result.diagnostics.isEmpty, "\(result.summary)")
    }
}
