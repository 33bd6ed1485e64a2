import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

typealias GitHubLabel = OpsCore.GitHubLabel
typealias BranchProtection = OpsCore.BranchProtection

/// The GitHub connector against the sandbox's GitHub emulator, over real HTTP on loopback.
@Suite("GitHub connector")
struct GitHubConnectorTests {
    static let token = "ghp_CANARYcanaryCANARYcanaryCANARY123456"

    struct Setup {
        let server: SandboxServer
        let environment: [String: String]
        let redactor: Redactor

        init(repo: String = "app-\(UUID().uuidString.prefix(8))") throws {
            server = try SandboxServer(configuration: SandboxConfiguration(port: 0))
            let base = try server.start()
            environment = [
                "OPSCTL_SANDBOX_URL": base,
                "OPS_GITHUB_TOKEN": GitHubConnectorTests.token,
                "OPS_GITHUB_OWNER": "acme",
                "OPS_GITHUB_REPO": repo,
            ]
            redactor = Redactor(registry: SecretRegistry())
        }

        var context: ConnectorContext { ConnectorContext(environment: environment, redactor: redactor) }

        func connector() throws -> any Connector {
            try GitHubConnector.make(context: context).get()
        }

        /// Seeds state through the emulated API itself, as a user's script would.
        func send(_ method: String, _ target: String, _ body: JSONValue? = nil) async throws -> ServiceResponse {
            let client = ServiceHTTPClient(
                configuration: .github(baseURL: URL(string: environment["OPSCTL_SANDBOX_URL"]! + "/github")!, token: GitHubConnectorTests.token),
                redactor: redactor
            )
            let request = body.map { ServiceRequest.json(method, target, body: $0) } ?? ServiceRequest(method: method, target: target)
            return try await client.send(request)
        }
    }

    static func desired(_ labels: [GitHubLabel], protection: [BranchProtection] = []) -> DesiredState {
        DesiredState(github: GitHubConfig(labels: labels, branchProtection: protection))
    }

    @Test func plansCreateUpdateAndProtectionThenConvergesAfterApply() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        let repo = setup.environment["OPS_GITHUB_REPO"]!
        _ = try await setup.send("POST", "/repos/acme/\(repo)/labels", ["name": "bug", "color": "ee0701"])
        let desired = Self.desired(
            [GitHubLabel(name: "bug", color: "d73a4a"), GitHubLabel(name: "security", color: "b60205", description: "Security issue")],
            protection: [BranchProtection(branch: "main", requiredReviews: 1, requiredStatusChecks: ["ci"], enforceAdmins: true)]
        )
        let connector = try setup.connector()
        let response = await connector.plan(PlanRequest(desired: desired))
        #expect(response.changes.map(\.id.description).sorted() == [
            "github.branch_protection.update.main", "github.label.create.security", "github.label.update.bug",
        ])
        #expect(response.checks.filter { $0.status == .fail }.count == 3)
        #expect(response.requestCount >= 2)

        for change in response.changes {
            #expect(await connector.refresh(RefreshRequest(change: change)) == .unchanged)
            let resolver = SecretResolver { _ in .failure(SecretResolutionError(reference: "", reason: "none")) }
            guard case .applied = await connector.apply(ApplyRequest(change: change, secrets: resolver)) else {
                Issue.record("applying \(change.id) failed")
                continue
            }
            #expect(await connector.refresh(RefreshRequest(change: change)) == .alreadyApplied)
        }
        let again = await connector.plan(PlanRequest(desired: desired))
        #expect(again.changes.isEmpty)
        #expect(again.checks.allSatisfy { $0.status == .pass })
    }

    @Test func aLabelEditedAfterPlanIsReportedAsMoved() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        let repo = setup.environment["OPS_GITHUB_REPO"]!
        _ = try await setup.send("POST", "/repos/acme/\(repo)/labels", ["name": "bug", "color": "ee0701"])
        let connector = try setup.connector()
        let plan = await connector.plan(PlanRequest(desired: Self.desired([GitHubLabel(name: "bug", color: "d73a4a")])))
        let change = try #require(plan.changes.first)
        _ = try await setup.send("PATCH", "/repos/acme/\(repo)/labels/bug", ["color": "00ff00"])
        guard case .moved(let now, let detail) = await connector.refresh(RefreshRequest(change: change)) else {
            Issue.record("an edited label was not reported as moved")
            return
        }
        #expect(now != change.observed)
        #expect(detail.contains("color"))
    }

    @Test func a1000LabelRepositoryIsReadCompletely() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        let repo = setup.environment["OPS_GITHUB_REPO"]!
        try await withThrowingTaskGroup(of: Void.self) { group in
            for chunk in stride(from: 0, to: 250, by: 50) {
                group.addTask {
                    for index in chunk..<(chunk + 50) {
                        _ = try await setup.send("POST", "/repos/acme/\(repo)/labels", ["name": .string("label-\(index)"), "color": "ededed"])
                    }
                }
            }
            try await group.waitForAll()
        }
        let desired = Self.desired((0..<250).map { GitHubLabel(name: "label-\($0)", color: "ededed") })
        let response = await (try setup.connector()).plan(PlanRequest(desired: desired))
        #expect(response.changes.isEmpty)
        #expect(response.checks.count == 250)
        #expect(response.checks.allSatisfy { $0.status == .pass })
        // Three pages of 100: the first, then pages 2 and 3 concurrently.
        #expect(response.requestCount == 3)
    }

    @Test func missingCredentialsNameTheVariables() {
        let context = ConnectorContext(environment: ["OPS_GITHUB_OWNER": "acme"], redactor: Redactor(registry: SecretRegistry()))
        guard case .failure(let missing) = GitHubConnector.make(context: context) else {
            Issue.record("a connector was made without a token")
            return
        }
        #expect(missing.variables == ["OPS_GITHUB_TOKEN", "OPS_GITHUB_REPO"])
        #expect(missing.message == "OPS_GITHUB_TOKEN, OPS_GITHUB_REPO are not set")
    }

    /// `echo $TOKEN > file` keeps the newline; sent as it is, Foundation would drop the header
    /// and GitHub's 401 would blame the token.
    @Test func tokenEndingInANewlineIsNamedBeforeAnyRequest() {
        let environment = ["OPS_GITHUB_TOKEN": Self.token + "\n", "OPS_GITHUB_OWNER": "acme", "OPS_GITHUB_REPO": "app"]
        let context = ConnectorContext(environment: environment, redactor: Redactor(registry: SecretRegistry()))
        guard case .failure(let problem) = GitHubConnector.make(context: context) else {
            Issue.record("a connector was made with a token it cannot send")
            return
        }
        #expect(problem.variables == ["OPS_GITHUB_TOKEN"])
        #expect(problem.message == "OPS_GITHUB_TOKEN ends with a newline; remove it (echo -n …, or printf '%s' …, when setting it)")
        #expect(!problem.message.contains(Self.token))
    }

    @Test func anUnreachableServiceIsAnErrorCheckWithoutTheToken() async throws {
        let environment = [
            "OPS_GITHUB_API_URL": "http://127.0.0.1:9",
            "OPS_GITHUB_TOKEN": Self.token,
            "OPS_GITHUB_OWNER": "acme",
            "OPS_GITHUB_REPO": "app",
        ]
        let registry = SecretRegistry()
        let connector = try GitHubConnector.make(context: ConnectorContext(environment: environment, redactor: Redactor(registry: registry))).get()
        let response = await connector.plan(PlanRequest(desired: Self.desired([GitHubLabel(name: "bug", color: "d73a4a")])))
        let check = try #require(response.checks.first)
        #expect(check.status == .error)
        #expect(check.message.contains("GitHub"))
        #expect(!check.message.contains(Self.token))
    }
}
