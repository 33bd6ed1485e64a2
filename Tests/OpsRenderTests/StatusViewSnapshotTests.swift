@testable import OpsCore
import Testing
@testable import OpsRender

/// `status`: one row per change, every lifecycle state once.
struct StatusViewSnapshotTests {
    static let rows: [StatusRenderer.Row] = [
        .init(
            change: RenderFixtures.branchProtectionUpdate,
            lifecycle: .pending(.pending(
                counted: [CountedApproval(identity: "bob@example.com")], needed: 2,
                refused: [.missingRole(approver: "erin@example.com", roles: ["maintainers"])]
            ))
        ),
        .init(change: RenderFixtures.labelUpdate, lifecycle: .approved(.notRequired)),
        .init(change: RenderFixtures.labelCreate, lifecycle: .approved(.approved(by: [CountedApproval(identity: "bob@example.com"), CountedApproval(identity: "ssh:carol@example.com", method: .sshSigned(fingerprint: "SHA256:Tm05/qHBKwZk7DamSzK0z69G3Cc1SqMgIPpN1Jyeinc"))]))),
        .init(change: RenderFixtures.columnDrop, lifecycle: .rejected(by: "dave@example.com", reason: "the reporting job still reads legacy_score")),
        .init(change: RenderFixtures.tableCreate, lifecycle: .awaitingMerge(seq: 9, location: "https://github.com/acme/autorisen/pull/42")),
        .init(change: RenderFixtures.envAdd, lifecycle: .applied(seq: 11)),
        .init(
            change: Change(
                id: RenderFixtures.id("vercel.env.update.DATABASE_URL"), description: "update DATABASE_URL", risk: .medium,
                before: .null, after: .null, observed: RenderFixtures.digest("DATABASE_URL")
            ),
            lifecycle: .failed(seq: 12, detail: "Vercel answered 403: the token cannot write this project")
        ),
    ]

    static func view(_ format: ViewFormat) -> StatusView {
        StatusView(format: format, redactor: Redactor(registry: SecretRegistry()))
    }

    @Test func everyStateAsPlainText() {
        let text = Self.view(.human(.plain)).render(Self.rows)
        assertSnapshot(text, named: "status-plain")
        #expect(text.split(separator: "\n").count == Self.rows.count)
    }

    @Test func everyStateWithColour() {
        let text = Self.view(.human(.ansi)).render(Self.rows)
        assertSnapshot(text, named: "status-ansi")
        #expect(PlanViewSnapshotTests.strippingEscapes(text) == Self.view(.human(.plain)).render(Self.rows))
    }

    @Test func everyStateAsJSON() throws {
        let text = Self.view(.json).render(Self.rows)
        assertSnapshot(text, named: "status-json")
        let document = try JSONParser.parse(Array(text.utf8))
        #expect(document["formatVersion"] == .string(JSONDocument.formatVersion))
        #expect(document["changes"]?.arrayValue?.compactMap { $0["state"]?.stringValue } == [
            "pending", "approved", "approved", "rejected", "awaiting-merge", "applied", "failed",
        ])
    }

    @Test func aPlanWithoutChanges() {
        #expect(Self.view(.human(.plain)).render([]) == "The plan has no changes.\n")
    }

    @Test func verdictLine() {
        let view = VerdictView(colour: .plain, redactor: Redactor(registry: SecretRegistry()))
        let line = view.recorded(
            verdict: .approve, change: RenderFixtures.branchProtectionUpdate.id, actor: "bob@example.com", seq: 8,
            state: .pending(counted: [CountedApproval(identity: "bob@example.com")], needed: 2, refused: [])
        )
        #expect(line == "Approved github.branch_protection.update.main as bob@example.com (receipt 8). Now: 1 of 2 approvals: bob@example.com (cli).\n")
    }
}
