import OpsCore
import OpsRender
import Testing

@testable import OpsCLI

/// Canary: a value the run knows as secret never leaves in an approval request or a reply,
/// wherever in the Block Kit it sits.
@Suite("Slack request redaction")
struct SlackRequestRedactionTests {
    static let canary = "sk_live_CANARY_9b8a7c6d5e4f3a2b1c0d"

    @Test func everyTextOfTheRequestPassesTheRedactor() throws {
        let redactor = Redactor(registry: SecretRegistry())
        redactor.register(secret: Self.canary)
        let change = Change(
            id: try #require(ChangeID("vercel.env.modify.STRIPE_KEY")), description: "set STRIPE_KEY to \(Self.canary)", risk: .high,
            before: ["value": .string(Self.canary)], after: ["value": "rotated"], observed: "", payload: .null, source: nil, requiresApproval: true)
        let message = SlackApprovalMessage.request(for: change, planDigest: "sha256:plan", requestedBy: "carol@example.com")
        #expect(JSONWriter.canonical(message.blocks).contains(Self.canary), "the fixture must carry the canary for the test to mean anything")
        let sent = JSONWriter.canonical(ServeSlackCommand.redacted(message.blocks, redactor))
        #expect(!sent.contains(Self.canary))
        #expect(sent.contains("STRIPE_KEY"))
    }
}
