import Testing

@testable import OpsCore

/// Foreign keys, check and unique constraints in desired-state.yaml.
@Suite("Supabase constraints")
struct SupabaseConstraintDecodingTests {
    @Test func eachFormDecodes() throws {
        let result = ConfigFixture.desiredState("""
            supabase:
              tables:
                - name: profiles
                  columns:
                    - { name: id, type: uuid, primaryKey: true }
                    - { name: username, type: text }
                  constraints:
                    - name: profiles_id_fkey
                      foreignKey: { columns: [id], references: auth.users, onDelete: cascade }
                    - { name: username_length, check: "char_length(username) >= 3" }
                    - { name: profiles_username_key, unique: [username] }
            """)
        #expect(result.diagnostics.isEmpty, "\(result.summary)")
        let constraints = try #require(result.model?.supabase?.tables.first?.constraints)
        #expect(constraints.map(\.name) == ["profiles_id_fkey", "username_length", "profiles_username_key"])
        #expect(constraints[0].definition == .foreignKey(SupabaseForeignKey(
            columns: ["id"], referencedSchema: "auth", referencedTable: "users", referencedColumns: ["id"], onDelete: .cascade
        )))
        #expect(constraints[1].definition == .check("char_length(username) >= 3"))
        #expect(constraints[2].definition == .unique(columns: ["username"]))
    }

    @Test(arguments: [
        ("{ name: c }", "must say what the constraint is"),
        ("{ name: c, check: 'x > 0', unique: [x] }", "one of foreignKey, check and unique"),
        ("{ name: c, foreignKey: { columns: [x], references: public.t, onDelete: explode } }", "expected one of no action, restrict, cascade, set null, set default"),
        ("{ name: c, foreignKey: { columns: [x], references: public.t, referencedColumns: [a, b] } }", "names 2 columns for 1"),
    ])
    func mistakesAreReported(entry: String, words: String) {
        let result = ConfigFixture.desiredState("""
            supabase:
              tables:
                - name: t
                  constraints:
                    - \(entry)
            """)
        #expect(result.diagnostics.count == 1, "\(result.summary)")
        #expect(result.diagnostics.first?.message.contains(words) == true, "\(result.summary)")
    }
}

/// Enum types in desired-state.yaml.
@Suite("Supabase enums")
struct SupabaseEnumDecodingTests {
    @Test func enumsDecodeWithTheirSchema() throws {
        let result = ConfigFixture.desiredState("""
            supabase:
              enums:
                - { name: member_role, values: [owner, editor, viewer] }
                - { name: billing.plan_tier, values: [free, pro] }
            """)
        #expect(result.diagnostics.isEmpty, "\(result.summary)")
        let enums = try #require(result.model?.supabase?.enums)
        #expect(enums == [
            SupabaseEnum(name: "member_role", values: ["owner", "editor", "viewer"], location: enums[0].location),
            SupabaseEnum(schema: "billing", name: "plan_tier", values: ["free", "pro"], location: enums[1].location),
        ])
    }

    @Test func aValueListedTwiceIsReported() {
        let result = ConfigFixture.desiredState("""
            supabase:
              enums:
                - { name: member_role, values: [owner, owner] }
            """)
        #expect(result.diagnostics.first?.message.contains("the value 'owner'") == true, "\(result.summary)")
    }
}

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
