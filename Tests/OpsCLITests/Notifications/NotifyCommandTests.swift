import Foundation
import OpsCore
import Testing

@testable import OpsCLI

@Suite("plan and apply --notify: Slack and signed webhooks")
struct NotifyCommandTests {
    typealias Bed = NotificationBed

    @Test func driftPostsOneSlackMessageAndOneSignedWebhookDocument() async throws {
        let bed = try Bed(posthog: true)
        try await bed.createApprovalChannel()
        let run = await bed.plan(["--notify", "slack", "--notify", "webhook:\(bed.webhookURL)"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(!run.standardError.contains("warning"), "\(run.standardError)")

        let messages = try await bed.postedMessages()
        #expect(messages.count == 1)
        let message = try #require(messages.first)
        #expect(message["text"]?.stringValue?.hasPrefix("opsctl plan: 0 to add, 0 to change, 0 to destroy; 0 awaiting approval; 1 failing check") == true)
        let blocks = try #require(message["blocks"]?.arrayValue)
        #expect(blocks.first?["type"]?.stringValue == "section")
        #expect(blocks.last?["type"]?.stringValue == "context")

        let delivery = try #require(bed.sink.deliveries.first)
        #expect(bed.sink.deliveries.count == 1)
        #expect(delivery.path == "/opsctl")
        #expect(delivery.headers["Content-Type"] == "application/json")
        // The signature, computed here independently over the bytes as received.
        let expected = try HMACSHA256.authenticationCode(for: delivery.body, key: Array(Bed.webhookSecret.utf8))
        #expect(delivery.headers["X-Opsctl-Signature"] == "sha256=" + Hex.encode(expected))

        let document = try JSONParser.parse(delivery.body)
        #expect(document["formatVersion"]?.stringValue == "1.0")
        #expect(document["command"]?.stringValue == "plan")
        #expect(document["summary"]?["failingChecks"]?.intValue == 1)
        #expect(document["planDigest"]?.stringValue?.hasPrefix("sha256:") == true)
        #expect(document["receiptsHead"] == nil)
        #expect(document["actor"]?.stringValue == "ci@example.com")

        let everything = String(decoding: delivery.body, as: UTF8.self) + JSONWriter.canonical(message) + run.standardOutput + run.standardError
        #expect(!everything.contains("CANARY"))
    }

    @Test func driftIsSilentOnACleanPlan() async throws {
        let bed = try Bed(posthog: false)
        try await bed.createApprovalChannel()
        let run = await bed.plan(["--notify", "slack", "--notify", "webhook:\(bed.webhookURL)", "--notify-on", "drift"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try await bed.postedMessages().isEmpty)
        #expect(bed.sink.deliveries.isEmpty)
    }

    @Test func alwaysPostsOnACleanPlan() async throws {
        let bed = try Bed(posthog: false)
        try await bed.createApprovalChannel()
        let run = await bed.plan(["--notify", "slack", "--notify-on", "always"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try await bed.postedMessages().count == 1)
    }

    @Test func aFailedNotificationIsAWarningAndLeavesTheExitStatus() async throws {
        let bed = try Bed(posthog: true)
        // No channel: chat.postMessage answers channel_not_found; the second webhook answers 500.
        let run = await bed.plan(["--notify", "slack", "--notify", "webhook:\(bed.brokenWebhookURL)", "--detailed-exitcode"])
        #expect(run.status == 2)
        #expect(run.standardError.contains("warning: the slack notification was not sent: Slack refused chat.postMessage: channel_not_found"))
        #expect(run.standardError.contains("warning: the webhook http://127.0.0.1:"))
        #expect(run.standardError.contains("failed with 500"))
        #expect(!run.standardError.contains("CANARY"))
        #expect(bed.brokenSink.deliveries.count == 1)
    }

    @Test func aSlackAnswerQuotingTheTokenIsRedactedInTheWarning() async throws {
        let bed = try Bed(posthog: true)
        try await bed.createApprovalChannel()
        try await bed.script([
            "path": "/slack/api/chat.postMessage",
            "responses": [["status": 200, "body": ["ok": false, "error": .string("invalid_auth for \(Bed.token) and \(Bed.webhookSecret)")]]],
        ])
        let run = await bed.plan(["--notify", "slack", "--notify", "webhook:\(bed.webhookURL)"])
        #expect(run.status == 0)
        #expect(run.standardError.contains("warning: the slack notification was not sent: Slack refused chat.postMessage: invalid_auth for [REDACTED]"))
        #expect(!run.standardError.contains("CANARY"))
        #expect(!run.standardOutput.contains("CANARY"))
        let plan = try String(contentsOfFile: bed.directory.file("plan.json"), encoding: .utf8)
        let receipts = try String(contentsOfFile: bed.directory.file("receipts.jsonl"), encoding: .utf8)
        #expect(!(plan + receipts).contains("CANARY"))
        #expect(bed.sink.deliveries.count == 1)
        #expect(!String(decoding: bed.sink.deliveries[0].body, as: UTF8.self).contains("CANARY"))
    }

    @Test func applyNotifiesWithTheReceiptsHead() async throws {
        let bed = try Bed(posthog: false)
        try await bed.createApprovalChannel()
        let planned = await bed.plan([])
        #expect(planned.status == 0, "\(planned.standardError)")
        let run = await bed.run("apply", [bed.directory.file("plan.json"), "--notify", "webhook:\(bed.webhookURL)", "--notify-on", "always"])
        #expect(run.status == 0, "\(run.standardError)")
        let delivery = try #require(bed.sink.deliveries.first)
        let document = try JSONParser.parse(delivery.body)
        #expect(document["command"]?.stringValue == "apply")
        #expect(document["summary"]?["applied"]?.intValue == 0)
        #expect(document["receiptsHead"]?["hash"]?.stringValue?.isEmpty == false)
    }

    @Test func aWebhookWithoutItsSecretIsNotSent() async throws {
        let bed = try Bed(posthog: true)
        var environment = bed.environment
        environment["OPSCTL_WEBHOOK_SECRET"] = nil
        let run = await runOpsctl(
            ["plan", "-f", bed.directory.file("desired-state.yaml"), "-p", bed.directory.file("change-policy.yaml"),
             "--receipts", bed.directory.file("receipts.jsonl"), "--out", bed.directory.file("plan.json"), "--notify", "webhook:\(bed.webhookURL)"],
            environment: environment
        )
        #expect(run.status == 0)
        #expect(run.standardError.contains("OPSCTL_WEBHOOK_SECRET is not set, so the document cannot be signed"))
        #expect(bed.sink.deliveries.isEmpty)
    }

    @Test(arguments: [
        (["--notify", "email"], "expected 'slack' or 'webhook:URL'"),
        (["--notify", "webhook:ftp://example.com"], "the webhook URL must start with https:// or http://"),
        (["--notify-on", "sometimes"], "expected drift or always"),
    ])
    func badNotifyValuesAreUsageErrors(arguments: [String], reason: String) async throws {
        let bed = try Bed(posthog: false)
        let run = await bed.plan(arguments)
        #expect(run.status == 64)
        #expect(run.standardError.contains(reason), "\(run.standardError)")
    }
}
