import Testing
@testable import OpsCore

@Suite("Hazard rules")
struct HazardRuleTests {
    static let policyText = """
        version: 1
        roles:
          admin: [alice@example.com]
          dba: [bob@example.com, dave@example.com]
        autoApplyAllowed: { supabase: true }
        approvalRules:
          supabase.*:
            requiresApproval: true
            approvers: [admin]
          hazard:DELETES_DATA:
            requiresApproval: true
            approvers: [dba]
            minApprovals: 2
        """

    static func change(_ id: String, hazards: [ChangeHazard]) -> Change {
        Change(id: ChangeID(id)!, description: id, risk: .high, hazards: hazards, before: .null, after: .null, observed: "sha256:0")
    }

    @Test func aHazardRuleWinsOverKindPatternsForChangesCarryingIt() throws {
        let loaded = ConfigLoader.loadChangePolicy(SourceText(path: "change-policy.yaml", text: Self.policyText))
        #expect(loaded.diagnostics.isEmpty)
        let policy = try #require(loaded.model)
        let drop = PolicyEvaluator.decide(for: Self.change("supabase.column.drop.public.t.c", hazards: [.deletesData]), policy: policy)
        #expect(drop.rule == "hazard:DELETES_DATA")
        #expect(drop.approverRoles == ["dba"])
        #expect(drop.minApprovals == 2)
        let add = PolicyEvaluator.decide(for: Self.change("supabase.column.add.public.t.c", hazards: [.accessExclusiveLock]), policy: policy)
        #expect(add.rule == "supabase.*")
        #expect(add.approverRoles == ["admin"])
    }

    @Test func anUnknownHazardIsAnErrorWithASuggestion() {
        let text = """
            version: 1
            roles: { admin: [alice@example.com] }
            approvalRules:
              hazard:DELETE_DATA:
                requiresApproval: true
                approvers: [admin]
            """
        let loaded = ConfigLoader.loadChangePolicy(SourceText(path: "change-policy.yaml", text: text))
        let diagnostic = loaded.diagnostics.first
        #expect(diagnostic?.location?.line == 4)
        #expect(diagnostic?.location?.column == 3)
        #expect(diagnostic?.message.contains("unknown hazard") == true)
        #expect(diagnostic?.hint == "did you mean 'hazard:DELETES_DATA'?")
        #expect(loaded.model?.approvalRules.isEmpty == true)
    }
}
