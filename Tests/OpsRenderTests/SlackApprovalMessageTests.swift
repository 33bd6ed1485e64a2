import OpsCore
import Testing

@testable import OpsRender

/// The approval request opsctl posts to Slack, and the replies `serve slack` sends.
@Suite("Slack approval messages")
struct SlackApprovalMessageTests {
    @Test func theRequestCarriesTheDiffTheDigestsAndButtonsNamingTheExactChange() throws {
        let change = RenderFixtures.envAdd
        let message = SlackApprovalMessage.request(for: change, planDigest: "sha256:plan", requestedBy: "carol@example.com")
        let blocks = try #require(message.blocks.arrayValue)
        let section = try #require(blocks.first?["text"]?["text"]?.stringValue)
        #expect(section.contains("+ vercel.env.add.STRIPE_SECRET_KEY"))
        #expect(section.contains("value"))
        #expect(section.contains(sensitiveMarker))
        let buttons = try #require(blocks.last?["elements"]?.arrayValue)
        #expect(buttons.map { $0["action_id"]?.stringValue } == ["opsctl_approve", "opsctl_reject"])
        #expect(buttons.allSatisfy { $0["value"]?.stringValue == "vercel.env.add.STRIPE_SECRET_KEY|\(PlanDigest.of(change))" })
        #expect(message.text == "opsctl: carol@example.com asks for approval of vercel.env.add.STRIPE_SECRET_KEY")
    }

    @Test func aLongDiffIsCutToSlacksSectionLimit() throws {
        var change = RenderFixtures.envAdd
        change.after = ["key": .string(String(repeating: "k", count: 5000))]
        let message = SlackApprovalMessage.request(for: change, planDigest: "sha256:plan", requestedBy: "carol@example.com")
        let section = try #require(message.blocks.arrayValue?.first?["text"]?["text"]?.stringValue)
        #expect(section.count <= 3000)
        #expect(section.hasSuffix("…\n```"))
    }

    @Test func aButtonVerdictReplacesTheRequestAndARefusalIsEphemeral() {
        let recorded = SlackApprovalOutcome.recorded(
            verdict: .approve, changeID: "c", approver: "alice@example.com", slackUser: "U1", seq: 7,
            state: .approved(by: [CountedApproval(identity: "alice@example.com", method: .slack(kind: .button, user: "U1"))]))
        let replaced = SlackApprovalMessage.reply(recorded, replacingRequest: true)
        #expect(replaced["replace_original"] == true)
        #expect(replaced["text"]?.stringValue == "c approved by alice@example.com (slack U1), receipt #7; approved by alice@example.com (slack button by U1)")
        let refused = SlackApprovalMessage.reply(.refused(changeID: "c", slackUser: "U2", Diagnostic(message: "no", hint: "ask")), replacingRequest: true)
        #expect(refused["replace_original"] == false)
        #expect(refused["response_type"] == "ephemeral")
        #expect(refused["text"]?.stringValue == "Not recorded for c (slack U2): no; ask")
    }
}
