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
