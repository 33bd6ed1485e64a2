import Testing

@testable import OpsCore

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
