import OpsCore
import OpsRender
import Testing

/// The secrets drift table, rebuilt from a plan's checks alone (saved plans show it too).
@Suite("Secrets drift table")
struct SecretsDriftTableTests {
    static func check(_ id: String, _ status: CheckStatus) -> Check {
        Check(id: id, scope: .secrets, name: id, status: status, message: "m")
    }

    static let plan = Plan(
        createdAt: "2026-11-22T10:00:00Z", createdBy: "carol@example.com", scope: [.secrets], inputs: [],
        checks: [
            check("secrets.vercel.in-sync.DATABASE_URL", .pass),
            check("secrets.heroku.differs.DATABASE_URL", .fail),
            check("secrets.heroku.unmanaged.OLD_TOKEN", .unmanaged),
            check("secrets.heroku.missing-in-source.REDIS_URL", .fail),
            check("secrets.rotation.overdue.REDIS_URL", .warning),
            check("secrets.source", .error),
            Check(id: "github.label.bug", scope: .github, name: "bug", status: .pass, message: "m"),
        ],
        changes: []
    )

    @Test func rowsAreKeysAndColumnsAreTargets() throws {
        let table = try #require(SecretsDriftTable(Self.plan))
        #expect(table.targets == ["heroku", "vercel"])
        #expect(table.rows.map(\.key) == ["DATABASE_URL", "REDIS_URL", "OLD_TOKEN"])
        #expect(table.text(colour: .plain) == """

            Secrets drift (values compared by keyed fingerprint, never shown):
              key           heroku             vercel
              DATABASE_URL  differs            in sync
              REDIS_URL     missing in source  —
              OLD_TOKEN     extra in target    —

            """)
        #expect(table.markdown.contains("| `DATABASE_URL` | differs | in sync |"))
        #expect(table.text(colour: .ansi).contains("\u{1B}[32min sync"))
    }

    @Test func aPlanWithoutDriftChecksHasNoTable() {
        var plan = Self.plan
        // Rotation and source checks stay; they are not cells of the table.
        plan.checks = plan.checks.filter { SecretDriftState.parse(checkID: $0.id) == nil }
        #expect(plan.checks.count == 3)
        #expect(SecretsDriftTable(plan) == nil)
        #expect(!PlanTextRenderer.render(plan, colour: .plain).contains("Secrets drift"))
        #expect(PlanTextRenderer.render(Self.plan, colour: .plain).contains("Secrets drift"))
    }
}
