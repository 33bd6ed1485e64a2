@testable import OpsCore
import Testing
@testable import OpsRender

/// Every view passes its output through the redactor: a registered secret that slipped into
/// a description, a check message, a hint or a reason never reaches the terminal or `--json`.
struct RedactionInViewsTests {
    /// Shaped like no vendor token, so only the registry can catch it.
    static let canary = "canary-3f9a1c77-not-a-real-secret"

    static func redactor() -> Redactor {
        let redactor = Redactor(registry: SecretRegistry())
        redactor.register(secret: canary)
        return redactor
    }

    static let formats: [ViewFormat] = [.human(.plain), .human(.ansi), .json]

    static func expectMasked(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(!text.contains(canary), "the canary reached the output:\n\(text)", sourceLocation: sourceLocation)
        #expect(text.contains(Redactor.placeholder), "nothing was masked, so the canary never made it into the text", sourceLocation: sourceLocation)
    }

    static var leakyPlan: Plan {
        var plan = RenderFixtures.plan
        plan.changes[0].description = "create the table public.profiles (seeded with \(canary))"
        plan.checks.append(Check(
            id: "vercel.cron./api/cleanup", scope: .vercel, name: "cron /api/cleanup", status: .fail,
            message: "the deployed cron calls /api/cleanup?trace=\(canary)",
            suggestedAction: "remove \(canary) from vercel.json"
        ))
        return plan
    }

    @Test(arguments: formats)
    func planView(_ format: ViewFormat) {
        Self.expectMasked(PlanView(format: format, redactor: Self.redactor()).render(Self.leakyPlan))
    }

    @Test func planMarkdown() {
        Self.expectMasked(PlanView(format: .human(.plain), redactor: Self.redactor()).markdown(Self.leakyPlan))
    }

    @Test(arguments: formats)
    func applyView(_ format: ViewFormat) {
        let report = ApplyReport(planPath: "plan.json", entries: [
            .init(changeID: RenderFixtures.labelCreate.id, outcome: .applied(detail: "created with \(Self.canary)")),
            .init(changeID: RenderFixtures.columnDrop.id, outcome: .rejected(by: "dave@example.com", reason: "contains \(Self.canary)")),
            .init(changeID: RenderFixtures.envAdd.id, outcome: .failed(Diagnostic(message: "Vercel said \(Self.canary)", hint: "rotate \(Self.canary)"))),
        ], receiptsHead: nil)
        Self.expectMasked(ApplyView(format: format, redactor: Self.redactor()).render(report))
    }

    @Test(arguments: formats)
    func statusView(_ format: ViewFormat) {
        let rows: [StatusRenderer.Row] = [
            .init(change: RenderFixtures.columnDrop, lifecycle: .rejected(by: "dave@example.com", reason: "see \(Self.canary)")),
            .init(change: RenderFixtures.envAdd, lifecycle: .failed(seq: 4, detail: "Vercel said \(Self.canary)")),
        ]
        Self.expectMasked(StatusView(format: format, redactor: Self.redactor()).render(rows))
    }

    @Test func verdictView() {
        let line = VerdictView(colour: .ansi, redactor: Self.redactor()).recorded(
            verdict: .reject, change: RenderFixtures.columnDrop.id, actor: "bob@example.com", seq: 3,
            state: .rejected(by: "bob@example.com", reason: "leaks \(Self.canary)")
        )
        Self.expectMasked(line)
    }

    /// The same views without the canary registered do show it: the tests above would pass
    /// for a view that dropped the text altogether, so this proves the text was there.
    @Test func withoutTheRegistryTheCanaryShows() {
        let text = PlanView(format: .human(.plain), redactor: Redactor(registry: SecretRegistry())).render(Self.leakyPlan)
        #expect(text.contains(Self.canary))
    }
}
