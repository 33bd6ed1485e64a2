import Testing

@testable import OpsCore

/// Grants, restrictive policies and forced row-level security in desired-state.yaml.
@Suite("Supabase grants and policy modes")
struct SupabaseGrantDecodingTests {
    @Test func grantsRestrictivePoliciesAndForceDecode() throws {
        let result = ConfigFixture.desiredState("""
            supabase:
              tables:
                - name: documents
                  rls: true
                  rlsForce: true
                  rlsPolicies:
                    - { name: live only, using: "org_id is not null", restrictive: true }
                  grants:
                    - { role: anon, privileges: [] }
                    - { role: authenticated, privileges: [update, select, select] }
            """)
        #expect(result.diagnostics.isEmpty, "\(result.summary)")
        let table = try #require(result.model?.supabase?.tables.first)
        #expect(table.rlsForce == true)
        #expect(table.rlsPolicies.first?.restrictive == true)
        #expect(table.grants.map(\.role) == ["anon", "authenticated"])
        #expect(table.grants[0].privileges == [])
        #expect(table.grants[1].privileges == [.select, .update])
    }

    @Test func anUnknownPrivilegeIsReported() {
        let result = ConfigFixture.desiredState("""
            supabase:
              tables:
                - name: documents
                  grants:
                    - { role: anon, privileges: [read] }
            """)
        #expect(result.diagnostics.first?.message.contains("expected one of select, insert, update, delete") == true, "\(result.summary)")
    }
}
