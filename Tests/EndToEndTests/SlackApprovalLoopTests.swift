import Foundation
import FoundationNetworking
import Glibc
import OpsCore
import OpsSandbox
import Testing

/// Slack approvals with the built binary, over loopback: `approve --request` posts to the
/// sandbox's Slack, `serve slack` receives the clicks and slash commands the sandbox signs and
/// sends, and `approve --wait` reads reactions. The bot token and the signing secret are
/// canaries that must appear nowhere opsctl writes.
final class SlackApprovalLoopTests: Sendable {
    static let githubToken = "ghp_SLACKLOOPcanarySLACKLOOPcanary1234"
    static let botToken = "xoxb-SLACKBOTCANARY-4242-abcdefabcdef"
    static let signingSecret = "signing-CANARY-8f742231b10e8888abcd"
    static let change = "github.branch_protection.update.main"

    static let desiredState = """
        version: 1
        github:
          branchProtection:
            - branch: main
              requiredReviews: 1
              requiredStatusChecks: [ci]
              enforceAdmins: true
        slack:
          approvalChannel: "#ops-approvals"
        """

    static let policy = """
        version: 1
        roles:
          admin: [alice@example.com, carol@example.com]
        autoApplyAllowed:
          github: true
        approvalRules:
          github.branch_protection.*:
            requiresApproval: true
            approvers: [admin]
        separationOfDuties: true
        approvalTTL: 1h
        """

    let binary: OpsctlBinary
    let workspace: Workspace
    let server: SandboxServer
    let baseURL: String
    let repo = "slack-\(UUID().uuidString.prefix(8).lowercased())"

    init() throws {
        binary = try OpsctlBinary.locate()
        workspace = try Workspace.make()
        server = try SandboxServer(configuration: SandboxConfiguration(port: 0), emulators: SandboxServer.defaultEmulators(slackSigningSecret: Self.signingSecret))
        baseURL = try server.start()
        try workspace.write("desired-state.yaml", Self.desiredState)
        try workspace.write("change-policy.yaml", Self.policy)
    }

    deinit {
        server.stop()
        workspace.remove()
    }

    var environment: [String: String] {
        [
            "OPSCTL_SANDBOX_URL": baseURL, "OPS_GITHUB_TOKEN": Self.githubToken, "OPS_GITHUB_OWNER": "acme", "OPS_GITHUB_REPO": repo,
            "SLACK_BOT_TOKEN": Self.botToken, "SLACK_SIGNING_SECRET": Self.signingSecret,
        ]
    }

    func opsctl(_ arguments: [String], as actor: String = "carol@example.com") throws -> OpsctlBinary.Output {
        try binary.run(arguments, in: workspace.url, environment: environment.merging(["OPSCTL_ACTOR": actor]) { _, new in new })
    }

    /// A JSON request to the sandbox; the parsed answer.
    @discardableResult
    func sandbox(_ path: String, _ body: JSONValue, token: String? = nil) async throws -> JSONValue {
        var request = URLRequest(url: try #require(URL(string: baseURL + path)))
        request.httpMethod = "POST"
        request.timeoutInterval = 30
        request.httpBody = Data(JSONWriter.canonicalBytes(body))
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, _) = try await URLSession.shared.data(for: request)
        return try JSONParser.parse(Array(data))
    }

    func slackState() async throws -> JSONValue {
        let (data, _) = try await URLSession.shared.data(from: try #require(URL(string: baseURL + "/_sandbox/state")))
        return try #require(try JSONParser.parse(Array(data))["slack"])
    }

    /// The channel, the members, a plan by carol, and a request posted for the change.
    func prepare() async throws -> (channel: String, ts: String) {
        let created = try await sandbox("/slack/api/conversations.create", ["name": "ops-approvals"], token: Self.botToken)
        let channel = try #require(created["channel"]?["id"]?.stringValue, "\(created)")
        for (id, name) in [("U0ALICE", "alice"), ("U0CAROL", "carol"), ("U0MALLORY", "mallory")] {
            try await sandbox("/slack/_sandbox/users", ["id": .string(id), "name": .string(name), "email": .string("\(name)@example.com")])
        }
        let plan = try opsctl(["plan", "--scope", "github", "--out", "plan.json"])
        #expect(plan.status == 0, "stderr: \(plan.standardError)")
        let request = try opsctl(["approve", "--request", Self.change, "--plan", "plan.json"])
        #expect(request.status == 0, "stderr: \(request.standardError)")
        #expect(request.standardOutput.contains("asked for approval of \(Self.change) in #ops-approvals"))
        let message = try #require(try await slackState()["messages"]?.arrayValue?.last)
        return (channel, try #require(message["ts"]?.stringValue))
    }

    func receipts() throws -> String {
        (try? String(contentsOfFile: workspace.url.appendingPathComponent(".opsctl/receipts.jsonl").path, encoding: .utf8)) ?? ""
    }

    /// The `response_url` answers recorded so far, once there are `count`.
    func responses(atLeast count: Int) async throws -> [JSONValue] {
        let end = Date().addingTimeInterval(30)
        while Date() < end {
            let responses = try await slackState()["responses"]?.arrayValue ?? []
            if responses.count >= count { return responses }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("no \(count) response_url answers within 30 s")
        return []
    }

    func startReceiver() throws -> (ServeProcess, String) {
        let receiver = try ServeProcess(binary: binary, arguments: ["serve", "slack", "--port", "0", "--plan", "plan.json"], directory: workspace.url,
                                        environment: environment)
        let url = try #require(receiver.readFirstLine(), "no URL; stderr: \(receiver.standardError())")
        return (receiver, url)
    }

    func assertNoCanary(_ text: String, _ where_: String) {
        for canary in [Self.botToken, Self.signingSecret, Self.githubToken] {
            #expect(!text.contains(canary), "a secret reached \(where_)")
        }
    }

    @Test func buttonsAreVerifiedJudgedByThePolicyAndCountedByApply() async throws {
        let (channel, ts) = try await prepare()
        let posted = try #require(try await slackState()["messages"]?.arrayValue?.last)
        let blocks = JSONWriter.canonical(posted["blocks"] ?? .null)
        #expect(blocks.contains("\"value\":\"\(Self.change)|sha256:"))
        #expect(blocks.contains("requiredReviews"))
        #expect(try receipts().contains("\"kind\":\"request\""))
        let (receiver, url) = try startReceiver()
        defer { receiver.terminateIfRunning() }
        let click: JSONValue = ["url": .string(url + "/slack/actions"), "channel": .string(channel), "ts": .string(ts), "action_id": "opsctl_approve"]
        func clickAs(_ user: String, _ extra: [String: JSONValue] = [:]) async throws -> JSONValue {
            var body = click.objectMembers
            body["user"] = .string(user)
            for (key, value) in extra { body[key] = value }
            return try await sandbox("/slack/_sandbox/interact", .object(body))
        }

        // Unsigned, stale and wrongly signed clicks are refused before anything is read.
        let before = try receipts()
        for signing in ["none", "stale", "wrong"] {
            let answer = try await clickAs("U0ALICE", ["signing": .string(signing)])
            #expect(answer["status"] == 401, "\(signing): \(answer)")
        }
        #expect(try receipts() == before)

        // Mallory holds no role; carol made the plan: both refused, with a reply, nothing recorded.
        #expect(try await clickAs("U0MALLORY")["status"] == 200)
        var answers = try await responses(atLeast: 1)
        #expect(answers.last?["body"]?["text"]?.stringValue?.contains("mallory@example.com holds none of the roles admin") == true, "\(answers)")
        #expect(try await clickAs("U0CAROL")["status"] == 200)
        answers = try await responses(atLeast: 2)
        #expect(answers.last?["body"]?["text"]?.stringValue?.contains("carol@example.com made the plan and cannot approve it (separationOfDuties)") == true)
        #expect(try receipts() == before)

        // Alice approves: the receipt holds the evidence, the request is replaced, apply counts it.
        #expect(try await clickAs("U0ALICE")["status"] == 200)
        answers = try await responses(atLeast: 3)
        #expect(answers.last?["body"]?["replace_original"] == true)
        #expect(answers.last?["body"]?["text"]?.stringValue?.contains("approved by alice@example.com (slack U0ALICE)") == true, "\(answers)")
        let log = try receipts()
        #expect(log.contains("\"bodyVersion\":3"))
        #expect(log.contains("\"kind\":\"button\""))
        #expect(log.contains("\"user\":\"U0ALICE\""))
        #expect(log.contains("\"team\":\"T0SANDBOX1\""))
        let message = try #require(try await slackState()["messages"]?.arrayValue?.last)
        #expect(message["text"]?.stringValue?.contains("approved by alice@example.com") == true)

        let status = try opsctl(["status", Self.change, "--plan", "plan.json"])
        #expect(status.standardOutput.contains("slack button by U0ALICE"), "\(status.standardOutput)")
        let applied = try opsctl(["apply", "plan.json"])
        #expect(applied.status == 0, "stdout: \(applied.standardOutput) stderr: \(applied.standardError)")

        #expect(receiver.send(SIGTERM))
        #expect(receiver.waitForExit(timeout: 30)?.status == 0)
        assertNoCanary(try receipts(), "the receipts")
        assertNoCanary(JSONWriter.canonical(try await slackState()), "Slack")
        assertNoCanary(receiver.standardError() + status.standardOutput + applied.standardOutput + applied.standardError, "the output")
    }

    @Test func slashCommandsRejectionsAndAnotherPlansButtonsAreJudgedAlike() async throws {
        let (channel, ts) = try await prepare()
        let (receiver, url) = try startReceiver()
        defer { receiver.terminateIfRunning() }
        let command: [String: JSONValue] = ["url": .string(url + "/slack/commands"), "channel": .string(channel), "user": "U0ALICE"]
        var body = command
        body["text"] = .string("status \(Self.change)")
        #expect(try await sandbox("/slack/_sandbox/command", .object(body))["status"] == 200)
        var answers = try await responses(atLeast: 1)
        #expect(answers.last?["body"]?["text"]?.stringValue?.contains("awaiting approval (0 of 1)") == true, "\(answers)")
        body["text"] = "dance"
        let usage = try await sandbox("/slack/_sandbox/command", .object(body))
        #expect(usage["body"]?.stringValue?.contains("usage: /ops approve ID") == true)
        body["text"] = .string("approve \(Self.change)")
        #expect(try await sandbox("/slack/_sandbox/command", .object(body))["status"] == 200)
        answers = try await responses(atLeast: 2)
        #expect(answers.last?["body"]?["text"]?.stringValue?.contains("approved by alice@example.com") == true, "\(answers)")
        #expect(try receipts().contains("\"kind\":\"slash-command\""))

        // The desired state changes and a new plan replaces the old: the old request's button
        // carries a digest the receiver's plan does not have.
        try workspace.write("desired-state.yaml", Self.desiredState.replacingOccurrences(of: "requiredReviews: 1", with: "requiredReviews: 2"))
        #expect(try opsctl(["plan", "--scope", "github", "--out", "plan.json"]).status == 0)
        let click: JSONValue = ["url": .string(url), "channel": .string(channel), "ts": .string(ts), "user": "U0ALICE", "action_id": "opsctl_reject"]
        #expect(try await sandbox("/slack/_sandbox/interact", click)["status"] == 200)
        answers = try await responses(atLeast: 3)
        #expect(answers.last?["body"]?["text"]?.stringValue?.contains("is for another version of \(Self.change)") == true, "\(answers)")

        // A reject button on a request for the new plan stops the change.
        #expect(try opsctl(["approve", "--request", Self.change, "--plan", "plan.json"]).status == 0)
        let fresh = try #require(try await slackState()["messages"]?.arrayValue?.last?["ts"]?.stringValue)
        let reject: JSONValue = ["url": .string(url), "channel": .string(channel), "ts": .string(fresh), "user": "U0ALICE", "action_id": "opsctl_reject"]
        #expect(try await sandbox("/slack/_sandbox/interact", reject)["status"] == 200)
        answers = try await responses(atLeast: 4)
        #expect(answers.last?["body"]?["text"]?.stringValue?.contains("rejected by alice@example.com") == true, "\(answers)")
        let applied = try opsctl(["apply", "plan.json"])
        #expect(applied.status == 2, "stdout: \(applied.standardOutput)")
        assertNoCanary(try receipts() + receiver.standardError() + applied.standardOutput, "the receipts or output")
    }

    @Test func waitAcceptsAReactionFromAMemberWithTheRoleAfterARateLimit() async throws {
        let (channel, ts) = try await prepare()
        try await sandbox("/slack/_sandbox/react", ["channel": .string(channel), "ts": .string(ts), "name": "white_check_mark", "user": "U0MALLORY"])
        try await sandbox("/slack/_sandbox/react", ["channel": .string(channel), "ts": .string(ts), "name": "white_check_mark", "user": "U0ALICE"])
        try await sandbox("/_sandbox/faults", [
            "path": "/slack/api/reactions.get", "responses": [["status": 429, "headers": ["Retry-After": "1"]]],
        ])
        let started = Date()
        let waited = try opsctl(["approve", "--wait", Self.change, "--plan", "plan.json", "--poll", "0.2", "--timeout", "20"])
        #expect(waited.status == 0, "stdout: \(waited.standardOutput) stderr: \(waited.standardError)")
        #expect(Date().timeIntervalSince(started) >= 1, "the Retry-After was not waited out")
        #expect(waited.standardOutput.contains("mallory@example.com holds none of the roles admin"))
        #expect(waited.standardOutput.contains("approved by alice@example.com (slack U0ALICE)"))
        #expect(try receipts().contains("\"kind\":\"reaction\""))
        let status = try opsctl(["status", Self.change, "--plan", "plan.json"])
        #expect(status.standardOutput.contains("slack reaction by U0ALICE"), "\(status.standardOutput)")
        let timedOut = try opsctl(["approve", "--wait", "github.branch_protection.update.main", "--plan", "plan.json", "--emoji", "rocket", "--timeout", "0.5", "--poll", "0.2"])
        #expect(timedOut.status == 1)
        assertNoCanary(waited.standardOutput + waited.standardError + timedOut.standardError + (try receipts()), "the output")
    }
}

extension JSONValue {
    fileprivate var objectMembers: [String: JSONValue] {
        if case .object(let members) = self { return members }
        return [:]
    }
}
