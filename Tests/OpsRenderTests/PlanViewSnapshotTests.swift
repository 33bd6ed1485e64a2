import OpsCore
import Testing
@testable import OpsRender

/// `plan` and `show` as a person and a program see them. The snapshots are the reviewable
/// record of the layout; the `#expect`s below pin the rules a snapshot could silently lose
/// when someone re-records without reading.
struct PlanViewSnapshotTests {
    /// A registry of its own, so secrets other tests register never mask text here.
    static func view(_ format: ViewFormat) -> PlanView {
        PlanView(format: format, redactor: Redactor(registry: SecretRegistry()))
    }

    @Test func planAsPlainText() {
        let text = Self.view(.human(.plain)).render(RenderFixtures.plan)
        assertSnapshot(text, named: "plan-plain")
    }

    @Test func planWithColour() {
        let text = Self.view(.human(.ansi)).render(RenderFixtures.plan)
        assertSnapshot(text, named: "plan-ansi")
        // Colour only wraps text: removing the escapes gives the plain rendering back.
        #expect(Self.strippingEscapes(text) == Self.view(.human(.plain)).render(RenderFixtures.plan))
    }

    @Test func planAsJSON() {
        assertSnapshot(Self.view(.json).render(RenderFixtures.plan), named: "plan-json")
    }

    /// `plan --json` prints the plan file's own format, so a program can save it and apply it.
    @Test func planJSONReadsBackAsAPlanFile() throws {
        let plan = RenderFixtures.emptyPlan
        let json = Self.view(.json).render(plan)
        #expect(try PlanFile.decode(Array(json.utf8), path: "stdout") == plan)
    }

    /// The planner redacts a plan's text when it builds it (and its hints no longer look like
    /// credential assignments), so the view's own redaction leaves the JSON as digested and the
    /// printed plan reads back as a plan file that `apply` accepts.
    @Test func planJSONOfAFullPlanStillReadsBackAsAPlanFile() throws {
        let json = Self.view(.json).render(RenderFixtures.plan)
        #expect(try PlanFile.decode(Array(json.utf8), path: "stdout") == RenderFixtures.plan)
    }

    @Test func emptyPlan() {
        let text = Self.view(.human(.plain)).render(RenderFixtures.emptyPlan)
        assertSnapshot(text, named: "plan-empty-plain")
        #expect(text.hasPrefix("No changes. The services match desired-state.yaml.\n"))
        #expect(!text.contains("Checks that need attention"))
    }

    @Test func planAsMarkdown() {
        assertSnapshot(Self.view(.human(.plain)).markdown(RenderFixtures.plan), named: "plan-markdown")
    }

    @Test func emptyPlanAsMarkdown() {
        assertSnapshot(Self.view(.human(.plain)).markdown(RenderFixtures.emptyPlan), named: "plan-empty-markdown")
    }

    @Test func tableColumnsShowOneLinePerColumn() {
        let text = PlanTextRenderer.renderChange(RenderFixtures.tableCreate, colour: .plain)
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("+ column id uuid not null primary key"))
        #expect(lines.filter { $0.hasPrefix("+ column ") }.count == 3)
        // Not one unreadable JSON line for the whole list.
        #expect(!text.contains("[{"))
    }

    @Test func failingChecksWithAChangeAreFoldedIntoTheChange() throws {
        let attention = PlanTextRenderer.attentionChecks(RenderFixtures.plan).map(\.id)
        #expect(attention == ["supabase.storage.credentials", "posthog.connector"])
        let text = Self.view(.human(.plain)).render(RenderFixtures.plan)
        let section = try #require(text.range(of: "Checks that need attention:\n"))
        let listed = String(text[section.upperBound...])
        #expect(!listed.contains("github.label.bug"))
        #expect(!listed.contains("github.label.documentation"))
        #expect(listed.contains("posthog.connector"))
    }

    @Test func sensitiveValueStaysABareMarker() {
        let text = PlanTextRenderer.renderChange(RenderFixtures.envAdd, colour: .plain)
        #expect(text.contains("= (sensitive)\n"))
        #expect(!text.contains("\"(sensitive)\""))
    }

    static func strippingEscapes(_ text: String) -> String {
        text.replacing(/\x{1B}\[[0-9;]*m/, with: "")
    }
}

/// Unmanaged objects and coverage: one block, a line per collection, never a line per object.
@Suite("Plan view: unmanaged objects and coverage")
struct UnmanagedViewTests {
    static let plan = Plan(
        createdAt: "2026-11-20T10:00:00Z", createdBy: "carol@example.com", scope: [.github, .vercel], inputs: [],
        checks: [
            Check(id: "github.label.bug", scope: .github, name: "label bug", status: .pass, message: "the label 'bug' matches"),
            .unmanaged(.github, resource: "label", name: "wontfix", collection: "labels", description: "the label 'wontfix'"),
            .unmanaged(.github, resource: "label", name: "duplicate", collection: "labels", description: "the label 'duplicate'"),
            .unmanaged(.vercel, resource: "env", name: "LEGACY_URL", collection: "env vars", description: "LEGACY_URL"),
        ],
        changes: [],
        coverage: [
            Coverage(scope: .github, collection: "labels", managed: 12, total: 15),
            Coverage(scope: .vercel, collection: "env vars", managed: 4, total: 5),
        ]
    )

    @Test func unmanagedObjectsAndCoverageAsText() {
        let text = PlanView(format: .human(.plain), redactor: Redactor(registry: SecretRegistry())).render(Self.plan)
        assertSnapshot(text, named: "plan-unmanaged-plain")
        #expect(text.contains("  github labels (2): wontfix, duplicate\n"))
        #expect(text.contains("  github labels: 12 of 15 managed (80%)\n"))
        #expect(!text.contains("Checks that need attention"), "unmanaged objects are not failing checks")
        #expect(Self.plan.checks[1].id == "github.label.unmanaged.wontfix")
    }

    @Test func unmanagedObjectsAndCoverageAsMarkdown() {
        let markdown = PlanView(format: .human(.plain), redactor: Redactor(registry: SecretRegistry())).markdown(Self.plan)
        assertSnapshot(markdown, named: "plan-unmanaged-markdown")
        #expect(markdown.contains("### Coverage"))
    }
}
