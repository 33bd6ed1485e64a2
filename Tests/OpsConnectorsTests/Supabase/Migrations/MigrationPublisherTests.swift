import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// Migration delivery through a pull request, against the sandbox's GitHub emulator over HTTP.
@Suite("Supabase migrations: publishing a pull request")
struct MigrationPublisherTests {
    static let token = "ghp_MIGRATIONcanaryMIGRATIONcanary12345"
    /// 2025-03-04 05:06:07 UTC.
    static let date = Date(timeIntervalSince1970: 1_741_064_767)
    static let sql = """
        create table public.profiles (id uuid primary key, email text not null);
        alter table public.profiles enable row level security;
        """

    struct Setup {
        let server: SandboxServer
        let repo: String
        let registry = SecretRegistry()
        let environment: [String: String]

        init() throws {
            server = try SandboxServer(configuration: SandboxConfiguration(port: 0))
            let base = try server.start()
            repo = "app-\(UUID().uuidString.prefix(8).lowercased())"
            environment = [
                "OPSCTL_SANDBOX_URL": base, "OPS_GITHUB_TOKEN": MigrationPublisherTests.token, "OPS_GITHUB_OWNER": "acme",
                "OPS_GITHUB_REPO": repo,
            ]
        }

        var redactor: Redactor { Redactor(registry: registry) }

        func publisher() throws -> MigrationPublisher {
            try MigrationPublisher.make(context: ConnectorContext(environment: environment, redactor: redactor)).get()
        }

        /// The GitHub API as a test script would use it, to seed and inspect the repository.
        var api: GitHubAPI {
            let client = ServiceHTTPClient(
                configuration: .github(baseURL: URL(string: environment["OPSCTL_SANDBOX_URL"]! + "/github")!, token: MigrationPublisherTests.token),
                redactor: redactor)
            return GitHubAPI(client: client, owner: "acme", repo: repo)
        }

        func pullRequests() async throws -> [GitHubPullRequestSummary] {
            try await api.openPullRequests()
        }
    }

    static func proposal(sql: String = sql, slug: String = "create profiles", date: Date = date) throws(MigrationPublishError) -> MigrationProposal {
        try MigrationProposal(
            sql: sql,
            slug: slug,
            entries: [
                MigrationProposal.Entry(
                    id: ChangeID("supabase.table.create.public.profiles")!, description: "create the table public.profiles"),
                MigrationProposal.Entry(
                    id: ChangeID("supabase.rls.enable.public.profiles")!, description: "enable row-level security on public.profiles",
                    hazards: [.accessExclusiveLock]),
            ],
            createdAt: date)
    }

    @Test("opens a pull request from a new branch with the migration at the exact path, content round-tripping through base64")
    func opensPullRequest() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        let proposal = try Self.proposal()
        let pull = try await setup.publisher().publish(proposal)

        #expect(pull.number == 1)
        #expect(pull.reused == false)
        #expect(pull.branch == "opsctl/migration-20250304050607-create_profiles")
        #expect(pull.base == "main")
        #expect(pull.path == "supabase/migrations/20250304050607_opsctl_create_profiles.sql")
        #expect(pull.htmlURL.hasSuffix("/github/acme/\(setup.repo)/pull/1"))
        #expect(pull.proposal == "proposed in pull request #1 (\(pull.htmlURL)), supabase/migrations/20250304050607_opsctl_create_profiles.sql")

        let file = try #require(try await setup.api.file(at: pull.path, ref: pull.branch))
        #expect(file.content == Array((Self.sql + "\n").utf8))
        #expect(try await setup.api.file(at: pull.path, ref: "main") == nil)

        let pulls = try await setup.pullRequests()
        #expect(pulls.count == 1)
        let opened = try #require(pulls.first)
        #expect(opened.headRef == pull.branch)
        #expect(opened.baseRef == "main")
        #expect(opened.title == "opsctl: database migration create_profiles (2 changes)")

        let body = try await setup.api.client.send(.get("/repos/acme/\(setup.repo)/pulls/1")).decodeJSON(PullText.self).body ?? ""
        #expect(body.contains("`supabase.table.create.public.profiles`"))
        #expect(body.contains("`supabase.rls.enable.public.profiles`"))
        #expect(body.contains("- `ACQUIRES_ACCESS_EXCLUSIVE_LOCK`: `supabase.rls.enable.public.profiles`"))
        #expect(body.contains(pull.path))
    }

    @Test("publishing again returns the open pull request instead of opening another, even at a later time")
    func idempotent() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        let publisher = try setup.publisher()
        let first = try await publisher.publish(try Self.proposal())
        let second = try await publisher.publish(try Self.proposal())
        let later = try await publisher.publish(try Self.proposal(date: Self.date.addingTimeInterval(3600)))
        #expect(second.number == first.number)
        #expect(second.reused)
        #expect(later.number == first.number)
        #expect(later.path == first.path)
        #expect(later.branch == first.branch)
        #expect(try await setup.pullRequests().count == 1)

        // Different SQL under the same name is a different migration: it gets its own pull request.
        let other = try await publisher.publish(try Self.proposal(sql: "select 1;", date: Self.date.addingTimeInterval(60)))
        #expect(other.number != first.number)
        #expect(try await setup.pullRequests().count == 2)
    }

    @Test("a taken branch name (422 Reference already exists) gets a -2 suffix")
    func referenceAlreadyExists() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        let proposal = try Self.proposal()
        let api = setup.api
        let main = try #require(try await api.branchHead("main"))
        #expect(try await api.createBranch(proposal.branch, at: main) == .created)
        _ = try await api.createFile(at: "README.md", branch: proposal.branch, content: Array("someone else's work\n".utf8), message: "wip")
        #expect(try await api.createBranch(proposal.branch, at: main) == .alreadyExists)

        let pull = try await setup.publisher().publish(proposal)
        #expect(pull.branch == proposal.branch + "-2")
        #expect(pull.reused == false)
        #expect(try await api.file(at: proposal.path, ref: pull.branch)?.content == proposal.fileContent)
        #expect(try await api.file(at: proposal.path, ref: proposal.branch) == nil)
    }

    @Test("a branch an interrupted run left behind (file committed, no pull request) is reused, not suffixed")
    func interruptedRunIsResumed() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        let proposal = try Self.proposal()
        let api = setup.api
        let main = try #require(try await api.branchHead("main"))
        _ = try await api.createBranch(proposal.branch, at: main)
        _ = try await api.createFile(at: proposal.path, branch: proposal.branch, content: proposal.fileContent, message: "earlier run")

        let pull = try await setup.publisher().publish(proposal)
        #expect(pull.branch == proposal.branch)
        #expect(try await setup.pullRequests().count == 1)
    }

    @Test("a migration already merged into the base branch is refused, naming the path")
    func alreadyOnBase() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        let proposal = try Self.proposal()
        _ = try await setup.api.createFile(at: proposal.path, branch: "main", content: proposal.fileContent, message: "merged")
        await #expect(throws: MigrationPublishError.alreadyOnBase(path: proposal.path, base: "main")) {
            try await setup.publisher().publish(proposal)
        }
    }

    @Test("SQL holding a registered secret, or a credential shape, is refused before anything reaches GitHub")
    func refusesSecrets() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        let publisher = try setup.publisher()
        setup.registry.register("hunter2-database-password")
        let leaky = try Self.proposal(sql: "alter role app with password 'hunter2-database-password';")
        await #expect(throws: MigrationPublishError.secretInContent(part: "the SQL script")) { try await publisher.publish(leaky) }
        let token = try Self.proposal(sql: "insert into config values ('\(Self.token)');")
        await #expect(throws: MigrationPublishError.secretInContent(part: "the SQL script")) { try await publisher.publish(token) }
        #expect(try await setup.pullRequests().isEmpty)
        #expect(try await setup.api.branchHead(leaky.branch) == nil)

        let error = MigrationPublishError.secretInContent(part: "the SQL script")
        #expect(!error.message.contains("hunter2"))
    }

    @Test("deliver answers every change of a batch with the one pull request, or fails them all alike")
    func deliverBatch() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        let changes = ["supabase.table.create.public.profiles", "supabase.index.create.public.profiles_email"].map { id in
            Change(
                id: ChangeID(id)!, description: "do \(id)", risk: .high, hazards: id.contains("index") ? [.indexBuild] : [],
                before: .null, after: ["wanted": true], observed: PlanDigest.of(JSONValue.null))
        }
        let publisher = try setup.publisher()
        let responses = await publisher.deliver(sql: Self.sql, changes: changes, createdAt: Self.date)
        #expect(responses.count == 2)
        for (change, response) in zip(changes, responses) {
            // A pull request proposes the change; nothing is applied until someone merges it.
            guard case .proposed(let location, let detail) = response else {
                Issue.record("\(change.id) was not proposed")
                continue
            }
            #expect(location.hasSuffix("/pull/1"))
            #expect(detail.hasPrefix("proposed in pull request #1"))
            #expect(detail.contains("supabase/migrations/20250304050607_opsctl_table_create_public_profiles_and_1_more.sql"))
        }
        let empty = await publisher.deliver(sql: "", changes: changes, createdAt: Self.date)
        #expect(empty == changes.map { _ in .failed(MigrationPublishError.emptyScript.diagnostic) })
    }

    @Test("a GitHub failure names the step, and the token never appears")
    func githubFailure() async throws {
        let environment = [
            "OPS_GITHUB_API_URL": "http://127.0.0.1:9", "OPS_GITHUB_TOKEN": Self.token, "OPS_GITHUB_OWNER": "acme", "OPS_GITHUB_REPO": "app",
        ]
        let publisher = try MigrationPublisher.make(context: ConnectorContext(environment: environment, redactor: Redactor(registry: SecretRegistry()))).get()
        do throws(MigrationPublishError) {
            _ = try await publisher.publish(try Self.proposal())
            Issue.record("publishing to an unreachable GitHub succeeded")
        } catch {
            #expect(error.message.hasPrefix("listing open pull requests failed: "))
            #expect(!error.message.contains(Self.token))
            #expect(error.hint != nil)
        }
        let missing = MigrationPublisher.make(context: ConnectorContext(environment: [:], redactor: Redactor(registry: SecretRegistry())))
        guard case .failure(let credentials) = missing else {
            Issue.record("a publisher was made without credentials")
            return
        }
        #expect(credentials.variables == ["OPS_GITHUB_TOKEN", "OPS_GITHUB_OWNER", "OPS_GITHUB_REPO"])
    }
}

/// The pull request body, as GitHub returns it.
private struct PullText: Decodable {
    var body: String?
}
