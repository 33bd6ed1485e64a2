import Foundation
import OpsConnectors
import OpsCore
import OpsSandbox

@testable import OpsCLI

/// A repository in the sandbox's GitHub emulator with a pull request from `feature` (pushed by
/// dave), a desired state of two labels, and a policy whose label rule says `method: github`:
/// what `plan --pr`, `apply` and `status` run against, over real HTTP on loopback.
final class GitHubReviewTestbed: Sendable {
    static let token = "ghp_REVIEWcanaryREVIEWcanaryREVIEW12345"
    static let owner = "acme"

    let server: SandboxServer
    let baseURL: String
    let directory: TemporaryDirectory
    let repo = "reviews-\(UUID().uuidString.prefix(8).lowercased())"
    let number: Int

    static func policy(method: String = "github", approvers: String = "[github:alice, github:bob, github:carol, github:dave]") -> String {
        """
        version: 1
        roles:
          reviewers: \(approvers)
        autoApplyAllowed:
          github: true
        approvalRules:
          github.label.*:
            requiresApproval: true
            approvers: [reviewers]
            method: \(method)
        separationOfDuties: true
        approvalTTL: 1h
        """
    }

    static let desiredState = """
        version: 1
        github:
          labels:
            - name: bug
              color: d73a4a
            - name: docs
              color: 0075ca
        """

    init(policy: String = GitHubReviewTestbed.policy(), desiredState: String = GitHubReviewTestbed.desiredState) async throws {
        server = try SandboxServer(configuration: SandboxConfiguration(port: 0))
        baseURL = try server.start()
        directory = try TemporaryDirectory.make()
        try directory.write("desired-state.yaml", desiredState)
        try directory.write("change-policy.yaml", policy)
        _ = try await Self.call(baseURL, "POST", "/_sandbox/repos/\(Self.owner)/\(repo)/push", ["branch": "feature", "login": "dave"])
        let pull = try await Self.call(
            baseURL, "POST", "/repos/\(Self.owner)/\(repo)/pulls", ["title": "Labels", "head": "feature", "base": "main"])
        number = pull["number"]?.intValue ?? 0
    }

    deinit {
        server.stop()
        directory.remove()
    }

    var environment: [String: String] {
        [
            "OPSCTL_SANDBOX_URL": baseURL, "OPS_GITHUB_TOKEN": Self.token, "OPS_GITHUB_OWNER": Self.owner, "OPS_GITHUB_REPO": repo,
            "NO_COLOR": "1",
        ]
    }

    /// opsctl in-process, with this testbed's files and `actor` as `OPSCTL_ACTOR`.
    func opsctl(_ arguments: [String], as actor: String = "github:carol", extra: [String: String] = [:]) async -> CapturedRun {
        let files = ["-f", directory.file("desired-state.yaml"), "-p", directory.file("change-policy.yaml"), "--receipts", directory.file("receipts.jsonl")]
        let environment = self.environment.merging(["OPSCTL_ACTOR": actor]) { _, new in new }.merging(extra) { _, new in new }
        return await runOpsctl(arguments + files, environment: environment)
    }

    func plan(extra: [String] = ["--pr"]) async -> CapturedRun {
        await opsctl(["plan", "--scope", "github", "--out", directory.file("plan.json")] + (extra == ["--pr"] ? ["--pr", String(number)] : extra))
    }

    /// Submits a review as `login` through the sandbox's control route.
    @discardableResult
    func review(_ login: String, _ event: String, body: String = "", commit: String? = nil) async throws -> Int {
        var payload: [String: JSONValue] = ["login": .string(login), "event": .string(event), "body": .string(body)]
        if let commit { payload["commit_id"] = .string(commit) }
        let review = try await Self.call(baseURL, "POST", "/_sandbox/repos/\(Self.owner)/\(repo)/pulls/\(number)/reviews", .object(payload))
        return review["id"]?.intValue ?? 0
    }

    func push(as login: String) async throws {
        _ = try await Self.call(baseURL, "POST", "/_sandbox/repos/\(Self.owner)/\(repo)/push", ["branch": "feature", "login": .string(login)])
    }

    func dismiss(_ reviewID: Int) async throws {
        _ = try await Self.call(
            baseURL, "PUT", "/repos/\(Self.owner)/\(repo)/pulls/\(number)/reviews/\(reviewID)/dismissals", ["message": "stale"])
    }

    func comments() async throws -> [JSONValue] {
        try await Self.call(baseURL, "GET", "/repos/\(Self.owner)/\(repo)/issues/\(number)/comments", nil).arrayValue ?? []
    }

    func labels() async throws -> [String] {
        (try await Self.call(baseURL, "GET", "/repos/\(Self.owner)/\(repo)/labels", nil).arrayValue ?? []).compactMap { $0["name"]?.stringValue }
    }

    func receipts() throws -> [Receipt] {
        try ReceiptLog(path: directory.file("receipts.jsonl")).list(kind: nil, changeID: nil)
    }

    func approvalReceipts() throws -> [Receipt] {
        try receipts().filter { $0.kind == .approve }
    }

    /// Scripts the sandbox's next answers for a GitHub path (`POST /_sandbox/faults`).
    func fault(path: String, status: Int) async throws {
        let client = ServiceHTTPClient(
            configuration: .github(baseURL: URL(string: baseURL)!, token: Self.token), redactor: Redactor(registry: SecretRegistry()))
        _ = try await client.send(.json("POST", "/_sandbox/faults", body: [
            "path": .string("/github/repos/\(Self.owner)/\(repo)\(path)"), "method": "GET", "responses": [["status": .int(status)]],
        ]))
    }

    static func call(_ base: String, _ method: String, _ target: String, _ body: JSONValue?) async throws -> JSONValue {
        let client = ServiceHTTPClient(
            configuration: .github(baseURL: URL(string: base + "/github")!, token: token), redactor: Redactor(registry: SecretRegistry()))
        let request = body.map { ServiceRequest.json(method, target, body: $0) } ?? ServiceRequest(method: method, target: target)
        let response = try await client.send(request)
        return try JSONParser.parse(response.body)
    }
}
