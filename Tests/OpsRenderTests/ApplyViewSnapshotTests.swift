@testable import OpsCore
import Testing
@testable import OpsRender

/// What `apply` reports, one entry per kind of outcome, in the wording the `Applier` and the
/// connectors produce.
struct ApplyViewSnapshotTests {
    static let report = ApplyReport(
        planPath: "plan.json",
        entries: [
            .init(changeID: RenderFixtures.labelCreate.id, outcome: .applied(detail: "created the label 'security'")),
            .init(changeID: RenderFixtures.labelUpdate.id, outcome: .alreadyApplied(detail: "applied before (receipt 7)")),
            .init(
                changeID: RenderFixtures.tableCreate.id,
                outcome: .proposed(
                    location: "https://github.com/acme/autorisen/pull/42",
                    detail: "opened pull request #42 with supabase/migrations/20261122100000_opsctl_profiles.sql"
                )
            ),
            .init(
                changeID: RenderFixtures.branchProtectionUpdate.id,
                outcome: .awaitingApproval(
                    .pending(
                        counted: [CountedApproval(identity: "bob@example.com")],
                        needed: 2,
                        refused: [
                            .selfApproval(approver: RenderFixtures.planner),
                            .expired(approver: "carol@example.com", age: 90_000, ttl: 86_400),
                        ]
                    ),
                    reason: "its risk is high"
                )
            ),
            .init(
                changeID: RenderFixtures.columnDrop.id,
                outcome: .rejected(by: "dave@example.com", reason: "the reporting job still reads legacy_score")
            ),
            .init(
                changeID: RenderFixtures.id("github.label.update.enhancement"),
                outcome: .stale(observed: RenderFixtures.digest("enhancement"), now: RenderFixtures.digest("enhancement, recoloured"), detail: "color changed")
            ),
            .init(
                changeID: RenderFixtures.envAdd.id,
                outcome: .failed(Diagnostic(
                    message: "cannot apply vercel.env.add.STRIPE_SECRET_KEY: the value of env:STRIPE_SECRET_KEY changed since the plan",
                    hint: "re-run plan, review the change and approve it again"
                ))
            ),
        ],
        receiptsHead: ReceiptHead(seq: 12, hash: RenderFixtures.hash("head after apply"))
    )

    static func view(_ format: ViewFormat) -> ApplyView {
        ApplyView(format: format, redactor: Redactor(registry: SecretRegistry()))
    }

    @Test func everyOutcomeAsPlainText() {
        let text = Self.view(.human(.plain)).render(Self.report)
        assertSnapshot(text, named: "apply-plain")
        #expect(text.hasSuffix("Apply: 2 applied, 1 proposed, 1 awaiting approval, 1 rejected, 2 failed. Receipts head: seq 12 \(RenderFixtures.hash("head after apply").prefix(12))…\n"))
    }

    @Test func everyOutcomeWithColour() {
        let text = Self.view(.human(.ansi)).render(Self.report)
        assertSnapshot(text, named: "apply-ansi")
        #expect(PlanViewSnapshotTests.strippingEscapes(text) == Self.view(.human(.plain)).render(Self.report))
    }

    @Test func everyOutcomeAsJSON() throws {
        let text = Self.view(.json).render(Self.report)
        assertSnapshot(text, named: "apply-json")
        let document = try JSONParser.parse(Array(text.utf8))
        #expect(document["formatVersion"] == .string(JSONDocument.formatVersion))
        #expect(document["changes"]?.arrayValue?.compactMap { $0["result"]?.stringValue } == [
            "applied", "already-applied", "proposed", "awaiting-approval", "rejected", "stale", "failed",
        ])
    }

    @Test func anApplyThatWroteNoReceiptHasNoHead() {
        let report = ApplyReport(planPath: "plan.json", entries: [], receiptsHead: nil)
        #expect(Self.view(.human(.plain)).render(report) == "\nApply: 0 applied, 0 awaiting approval, 0 failed.\n")
    }
}
