import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

@Suite("Slack connector: bot token, scopes and approval channel")
struct SlackConnectorTests {
    @Test func everyCheckPassesWhenTheBotIsInTheChannel() async throws {
        let bed = try SlackTestbed()
        try await bed.createChannel("ops-approvals")
        let plan = await bed.plan("#ops-approvals")
        #expect(plan.checks.map(\.id) == ["slack.approval_channel", "slack.auth", "slack.scopes"])
        #expect(plan.checks.allSatisfy { $0.status == .pass }, "\(plan.checks)")
        #expect(plan.check("slack.auth")?.message == "authenticated as @opsctl in sandbox (T0SANDBOX1)")
        #expect(plan.changes.isEmpty)
        #expect(plan.isComplete)
    }

    @Test func aChannelIDIsLookedUpWithConversationsInfo() async throws {
        let bed = try SlackTestbed()
        let id = try await bed.createChannel("deploys")
        let plan = await bed.plan(id)
        let channel = try #require(plan.check("slack.approval_channel"))
        #expect(channel.status == .pass)
        #expect(channel.message == "#deploys (\(id)) exists and the bot is a member")
        #expect(plan.requests == 2)
    }

    @Test func aMissingChannelFailsWithTheExactFix() async throws {
        let bed = try SlackTestbed()
        let plan = await bed.plan("#ops-approvals")
        let channel = try #require(plan.check("slack.approval_channel"))
        #expect(channel.status == .fail)
        #expect(channel.suggestedAction == "create #ops-approvals in Slack (or correct slack.approvalChannel in desired-state.yaml), then type /invite @opsctl in it")
    }

    @Test func anUnknownChannelIDFails() async throws {
        let bed = try SlackTestbed()
        let plan = await bed.plan("C0NOSUCH99")
        let channel = try #require(plan.check("slack.approval_channel"))
        #expect(channel.status == .fail)
        #expect(channel.message.hasPrefix("channel C0NOSUCH99 does not exist or the bot cannot see it"))
    }

    @Test func aChannelWithoutTheBotFails() async throws {
        let bed = try SlackTestbed()
        let id = try await bed.createChannel("ops-approvals", asBot: false)
        let plan = await bed.plan("#ops-approvals")
        let channel = try #require(plan.check("slack.approval_channel"))
        #expect(channel.status == .fail)
        #expect(channel.message == "the bot is not a member of #ops-approvals (\(id)), so it cannot post there")
        #expect(channel.suggestedAction == "type /invite @opsctl in #ops-approvals")

        // The fix works: once the bot joins, the check passes.
        try await bed.slack("conversations.join", [("channel", id)])
        #expect(await bed.plan("#ops-approvals").check("slack.approval_channel")?.status == .pass)
    }

    @Test func aPrivateChannelTheBotIsNotInIsInvisible() async throws {
        let bed = try SlackTestbed()
        try await bed.createChannel("secret-approvals", isPrivate: true, asBot: false)
        let channel = try #require(await bed.plan("#secret-approvals").check("slack.approval_channel"))
        #expect(channel.status == .fail)
        #expect(channel.message.contains("private ones are visible to members only"))
    }

    @Test func missingEssentialScopesFailAndNameWhatEachIsFor() async throws {
        let bed = try SlackTestbed(options: SlackEmulator.Options(scopesByToken: [SlackTestbed.token: ["chat:write"]]))
        let plan = await bed.plan("#ops-approvals")
        let scopes = try #require(plan.check("slack.scopes"))
        #expect(scopes.status == .fail)
        #expect(scopes.message.contains("channels:read or groups:read (finding the approval channel"))
        #expect(scopes.message.contains("reactions:read (reading approval reactions)"))
        #expect(scopes.suggestedAction?.hasPrefix("add the bot scopes channels:read, reactions:read, users:read, users:read.email under OAuth & Permissions") == true)
        let channel = try #require(plan.check("slack.approval_channel"))
        #expect(channel.status == .fail)
        #expect(channel.message.contains("neither channels:read nor groups:read"))
        #expect(plan.requests == 1)
    }

    @Test func missingApprovalScopesAreOnlyAWarning() async throws {
        let bed = try SlackTestbed(options: SlackEmulator.Options(scopesByToken: [SlackTestbed.token: ["chat:write", "channels:read", "channels:manage"]]))
        try await bed.createChannel("ops-approvals")
        let plan = await bed.plan("#ops-approvals")
        #expect(plan.check("slack.scopes")?.status == .warning)
        // Only public channels are listed: asking for private ones without groups:read would fail.
        #expect(plan.check("slack.approval_channel")?.status == .pass)
    }

    @Test func missingScopeAnswersCarryNeededAndProvided() async throws {
        let bed = try SlackTestbed(options: SlackEmulator.Options(scopesByToken: [SlackTestbed.token: ["chat:write", "channels:read"]]))
        let api = try bed.connector().api
        let error = await #expect(throws: SlackAPIError.self) { try await api.conversations(types: ["public_channel", "private_channel"]) }
        #expect(error?.code == "missing_scope")
        #expect(error?.diagnostic.message == "Slack refused conversations.list: missing_scope (needed groups:read; the token has chat:write,channels:read)")
    }

    @Test func paginationFollowsTheCursorPastThreePages() async throws {
        let bed = try SlackTestbed()
        for index in 1...8 { try await bed.createChannel("team-\(index)", asBot: false) }
        try await bed.createChannel("ops-approvals")
        let connector = try bed.connector(pageSize: 2)
        let response = await connector.plan(PlanRequest(desired: DesiredState(slack: SlackConfig(approvalChannel: "#ops-approvals"))))
        #expect(response.checks.first { $0.id == "slack.approval_channel" }?.status == .pass)
        // auth.test, then nine channels two at a time: five pages.
        #expect(response.requestCount == 6)
    }

    @Test func aThrottledCallWaitsForRetryAfterAndSucceeds() async throws {
        let bed = try SlackTestbed()
        try await bed.createChannel("ops-approvals")
        try await bed.script(["path": "/slack/api/conversations.list", "responses": [["status": 429, "headers": ["Retry-After": "1"]]]])
        let connector = try bed.connector()
        let response = await connector.plan(PlanRequest(desired: DesiredState(slack: SlackConfig(approvalChannel: "#ops-approvals"))))
        #expect(response.checks.allSatisfy { $0.status == .pass }, "\(response.checks)")
        let metrics = connector.metrics.snapshot()
        #expect(metrics.retries == 1)
        #expect(metrics.throttled == 1)
    }

    @Test func aRetryAfterBeyondTheDeadlineIsAnErrorCheck() async throws {
        let bed = try SlackTestbed()
        try await bed.script(["path": "/slack/api/auth.test", "responses": [["status": 429, "headers": ["Retry-After": "600"]]]])
        let plan = await bed.plan("#ops-approvals")
        let auth = try #require(plan.check("slack.auth"))
        #expect(auth.status == .error)
        #expect(auth.message.contains("was rate limited (429)"))
        #expect(auth.message.contains("rate_limited"))
        #expect(!plan.isComplete)
    }

    @Test func okFalseWithStatus200IsAnError() async throws {
        let bed = try SlackTestbed(options: SlackEmulator.Options(revokedTokens: [SlackTestbed.token]))
        let plan = await bed.plan("#ops-approvals")
        #expect(plan.checks.count == 1)
        let auth = try #require(plan.check("slack.auth"))
        #expect(auth.status == .error)
        #expect(auth.message == "Slack refused auth.test: token_revoked")
        #expect(auth.suggestedAction == "set SLACK_BOT_TOKEN to the app's current Bot User OAuth Token (xoxb-…) from OAuth & Permissions")
    }

    @Test func aServerErrorOnTheListingIsAnErrorCheck() async throws {
        let bed = try SlackTestbed()
        try await bed.script(["path": "/slack/api/conversations.list", "responses": [["status": 500, "repeat": 4]]])
        let plan = await bed.plan("#ops-approvals")
        #expect(plan.check("slack.auth")?.status == .pass)
        #expect(plan.check("slack.approval_channel")?.status == .error)
    }

    @Test(arguments: [
        ("xoxp-1234-5678-abcdef", "SLACK_BOT_TOKEN holds a user token (xoxp-), which acts as a person; opsctl needs the app's bot token"),
        ("xoxa-2-legacy-workspace-token", "SLACK_BOT_TOKEN is not a Slack bot token (it does not start with xoxb-)"),
        ("not-a-token", "SLACK_BOT_TOKEN is not a Slack bot token (it does not start with xoxb-)"),
    ])
    func wrongTokenShapesAreRefusedBeforeAnyRequest(token: String, message: String) async throws {
        let bed = try SlackTestbed()
        let plan = await bed.plan("#ops-approvals", token: token)
        #expect(plan.checks.count == 1)
        #expect(plan.check("slack.auth")?.status == .error)
        #expect(plan.check("slack.auth")?.message == message)
        #expect(plan.requests == 0)
    }

    @Test func aMissingTokenNamesTheVariable() async throws {
        let bed = try SlackTestbed()
        let plan = await bed.plan("#ops-approvals", token: "")
        #expect(plan.checks.map(\.message) == ["slack was not audited: SLACK_BOT_TOKEN is not set"])
    }

    @Test func refreshAndApplyRefuseAsReadOnly() async throws {
        let bed = try SlackTestbed()
        let connector = try bed.connector()
        let change = Change(id: ChangeID("slack.channel.create.ops")!, description: "x", risk: .low, before: .null, after: .null, observed: "sha256:0")
        guard case .failed(let refresh) = await connector.refresh(RefreshRequest(change: change)) else {
            Issue.record("refresh did not fail")
            return
        }
        #expect(refresh.message.contains("read-only"))
        let applied = await connector.apply(ApplyRequest(change: change, secrets: SecretResolver { _ in .failure(SecretResolutionError(reference: "", reason: "")) }))
        guard case .failed(let diagnostic) = applied else {
            Issue.record("apply did not fail")
            return
        }
        #expect(diagnostic.message == "slack.channel.create.ops cannot be applied: opsctl audits Slack read-only and makes no Slack changes")
    }

    @Test func theTokenAppearsInNoCheckErrorOrPlanFile() async throws {
        let bed = try SlackTestbed()
        try await bed.createChannel("ops-approvals")
        // The listing fails with a body that quotes the token back.
        try await bed.script([
            "path": "/slack/api/conversations.list",
            "responses": [["status": 400, "body": ["ok": false, "error": .string("invalid token \(SlackTestbed.token)")]]],
        ])
        let failing = await bed.plan("#ops-approvals")
        let passing = await bed.plan("#ops-approvals")
        let channel = try #require(failing.check("slack.approval_channel"))
        #expect(channel.status == .error)
        #expect(channel.message.contains("[REDACTED]"))
        var everything = PlanFile.encode(failing) + PlanFile.encode(passing)
        for check in failing.checks + passing.checks { everything += check.message + (check.suggestedAction ?? "") }
        #expect(!everything.contains(SlackTestbed.token))
        #expect(!everything.contains(String(SlackTestbed.token.dropFirst(5))))
        #expect(!everything.contains("CANARY"))
    }
}
