import OpsCore
import Testing

@testable import OpsRender

/// The notification document and the Slack message: counts, the riskiest changes first,
/// the digest and receipts head, every string through the redactor.
@Suite("Notification view")
struct NotificationViewTests {
    static let secret = "CANARY-notification-secret-77aa"

    static func change(_ id: String, _ risk: Risk, approval: Bool = false, description: String? = nil) -> Change {
        Change(
            id: ChangeID(id)!, description: description ?? "change \(id)", risk: risk, before: .null, after: .null,
            observed: PlanDigest.of(JSONValue.null), requiresApproval: approval
        )
    }

    static let plan = Plan(
        createdAt: "2026-11-22T10:00:00Z", createdBy: "alice@example.com", scope: [.github, .vercel], inputs: [],
        checks: [Check(id: "github.labels", scope: .github, name: "labels", status: .fail, message: "x")],
        changes: [
            change("github.label.create.a", .low), change("github.label.create.b", .low),
            change("vercel.env.add.TOKEN", .medium, description: "add TOKEN = \(secret)"),
            change("github.branch_protection.update.main", .high, approval: true),
            change("supabase.table.drop.public.old", .critical, approval: true),
            change("github.label.update.c", .low),
        ]
    )

    var view: NotificationView {
        let registry = SecretRegistry()
        registry.register(Self.secret)
        return NotificationView(redactor: Redactor(registry: registry))
    }

    @Test func theDocumentListsTheRiskiestChangesFirstAndCountsTheRest() throws {
        let document = NotificationDocument(plan: Self.plan, planDigest: "sha256:abc", createdAt: "2026-11-22T10:00:00Z", actor: "ci@example.com")
        let json = view.document(document)
        #expect(json["formatVersion"] == "1.0")
        #expect(json["command"] == "plan")
        #expect(json["summary"] == ["toAdd": 3, "toChange": 2, "toDestroy": 1, "awaitingApproval": 2, "failingChecks": 1, "changes": 6])
        let ids = json["topChanges"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
        #expect(ids == [
            "supabase.table.drop.public.old", "github.branch_protection.update.main", "vercel.env.add.TOKEN", "github.label.create.a",
            "github.label.create.b",
        ])
        #expect(json["topChanges"]?.arrayValue?.first == [
            "id": "supabase.table.drop.public.old", "risk": "critical", "description": "change supabase.table.drop.public.old", "requiresApproval": true,
        ])
        #expect(json["receiptsHead"] == nil)
        let bytes = String(decoding: view.documentBytes(document), as: UTF8.self)
        #expect(bytes.hasPrefix(#"{"actor":"ci@example.com","command":"plan","createdAt":"2026-11-22T10:00:00Z","formatVersion":"1.0""#))
        #expect(!bytes.contains(Self.secret))
        #expect(bytes.contains("add TOKEN = [REDACTED]"))
    }

    @Test func theSlackMessageHasCountsChangesAndTheDigest() throws {
        var document = NotificationDocument(plan: Self.plan, planDigest: "sha256:" + String(repeating: "d", count: 64), createdAt: "t", actor: "ci@example.com")
        document.receiptsHead = ReceiptHead(seq: 12, hash: String(repeating: "e", count: 64))
        let message = view.slackMessage(document)
        #expect(message.text == "opsctl plan: 3 to add, 2 to change, 1 to destroy; 2 awaiting approval; 1 failing check")
        let blocks = try #require(message.blocks.arrayValue)
        #expect(blocks.count == 3)
        let changes = try #require(blocks[1]["text"]?["text"]?.stringValue)
        #expect(changes.hasPrefix("• [critical] `supabase.table.drop.public.old`: change supabase.table.drop.public.old (needs approval)"))
        #expect(changes.hasSuffix("… and 1 more"))
        #expect(!changes.contains(Self.secret))
        #expect(blocks[2]["elements"]?.arrayValue?.first?["text"] == "plan sha256:dddddddddddd… · receipts head 12 eeeeeeeeeeee…")
    }

    @Test func driftIsChangesOrFailingChecks() {
        let clean = Plan(createdAt: "t", createdBy: "a", scope: [.slack], inputs: [], checks: [], changes: [])
        let document = NotificationDocument(plan: clean, planDigest: "sha256:0", createdAt: "t", actor: "a")
        #expect(!document.hasDrift)
        #expect(!NotificationTrigger.drift.fires(for: document))
        #expect(NotificationTrigger.always.fires(for: document))
        #expect(NotificationTrigger.drift.fires(for: NotificationDocument(plan: Self.plan, planDigest: "sha256:0", createdAt: "t", actor: "a")))
    }

    @Test func targetsParseAndNameWebhooksByOriginOnly() throws {
        #expect(try NotificationTarget.parse("slack").get() == .slack)
        let hook = try NotificationTarget.parse("webhook:https://hooks.example.com/T0/B0/secretpart").get()
        #expect(hook.description == "webhook https://hooks.example.com")
        #expect(throws: NotificationTarget.ParseProblem.self) { try NotificationTarget.parse("webhook:https:///nohost").get() }
    }
}
