import Testing

@testable import OpsCore

/// Generated and identity columns in desired-state.yaml: what they decode to, and the
/// combinations PostgreSQL refuses, reported at the line to fix.
@Suite("Supabase generated and identity columns")
struct SupabaseColumnValuesDecodingTests {
    @Test func generatedAndIdentityColumnsDecode() throws {
        let result = ConfigFixture.desiredState("""
            supabase:
              tables:
                - name: documents
                  columns:
                    - { name: id, type: bigint, primaryKey: true, identity: always }
                    - { name: revision, type: integer, identity: by default }
                    - { name: title, type: text }
                    - name: search
                      type: tsvector
                      generated: "to_tsvector('english', title)"
            """)
        #expect(result.diagnostics.isEmpty, "\(result.summary)")
        let columns = try #require(result.model?.supabase?.tables.first?.columns)
        #expect(columns[0].identity == .always && columns[0].defaultExpression == nil)
        #expect(columns[1].identity == .byDefault)
        #expect(columns[1].nullable == false, "an identity column is NOT NULL")
        #expect(columns[3].generated == "to_tsvector('english', title)" && columns[3].identity == nil)
    }

    @Test(arguments: [
        ("{ name: a, type: int, default: '0', generated: 'b + 1' }", "'default'"),
        ("{ name: a, type: int, default: '0', identity: always }", "'default'"),
        ("{ name: a, type: int, generated: 'b + 1', identity: always }", "'generated'"),
    ])
    func aColumnTakesItsValuesFromOneSource(column: String, first: String) {
        let result = ConfigFixture.desiredState("""
            supabase:
              tables:
                - name: t
                  columns:
                    - \(column)
            """)
        #expect(result.diagnostics.count == 1)
        let message = result.diagnostics.first?.message ?? ""
        #expect(message.contains("cannot be combined with \(first)"), "\(message)")
        #expect(result.diagnostics.first?.hint?.contains("keep one of") == true)
    }

    @Test func identityIsAlwaysOrByDefault() {
        let result = ConfigFixture.desiredState("""
            supabase:
              tables:
                - name: t
                  columns:
                    - { name: id, type: bigint, identity: sometimes }
            """)
        #expect(result.diagnostics.first?.message.contains("expected one of always, by default") == true, "\(result.summary)")
    }

    @Test func anIdentityColumnCannotBeNullable() {
        let result = ConfigFixture.desiredState("""
            supabase:
              tables:
                - name: t
                  columns:
                    - { name: id, type: bigint, identity: always, nullable: true }
            """)
        #expect(result.diagnostics.first?.message.contains("cannot be true for an identity column") == true, "\(result.summary)")
    }
}
