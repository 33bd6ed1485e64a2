import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// The whole Supabase scope: the database against a real PostgreSQL, migrations delivered as
/// pull requests to the sandbox's GitHub emulator over loopback, or run directly.
@Suite("Supabase connector")
struct SupabaseConnectorTests {
    static let githubToken = "ghp_SUPABASEcanarySUPABASEcanary12345678"

    struct Setup {
        let server: SandboxServer
        let database: TestDatabase
        let environment: [String: String]
        let repo = "app-\(UUID().uuidString.prefix(8).lowercased())"

        init() throws {
            server = try SandboxServer(configuration: SandboxConfiguration(port: 0))
            let base = try server.start()
            database = try TestPostgres.cluster().makeDatabase()
            environment = [
                "SUPABASE_DB_URL": database.uri,
                "OPSCTL_SANDBOX_URL": base,
                "OPS_GITHUB_TOKEN": SupabaseConnectorTests.githubToken,
                "OPS_GITHUB_OWNER": "acme",
                "OPS_GITHUB_REPO": repo,
            ]
        }

        func connector() throws -> any Connector {
            try SupabaseConnector.make(context: ConnectorContext(environment: environment, redactor: Redactor(registry: SecretRegistry()))).get()
        }

        var client: ServiceHTTPClient {
            ServiceHTTPClient(
                configuration: .github(baseURL: URL(string: environment["OPSCTL_SANDBOX_URL"]! + "/github")!, token: SupabaseConnectorTests.githubToken),
                redactor: Redactor(registry: SecretRegistry())
            )
        }

        /// The branch a pull request of the emulated repository proposes.
        func branch(ofPullRequest number: String) async throws -> String {
            struct Pull: Decodable {
                struct Head: Decodable { var ref: String }
                var head: Head
            }
            return try await client.send(.get("/repos/acme/\(repo)/pulls/\(number)")).decodeJSON(Pull.self).head.ref
        }

        /// A file on a branch of the emulated repository, decoded.
        func file(_ path: String, ref: String) async throws -> String {
            let response = try await client.send(.get("/repos/acme/\(repo)/contents/\(path)?ref=\(ref)"))
            struct Contents: Decodable { var content: String }
            let encoded = try response.decodeJSON(Contents.self).content.replacingOccurrences(of: "\n", with: "")
            return String(decoding: Data(base64Encoded: encoded) ?? Data(), as: UTF8.self)
        }
    }

    static let secrets = SecretResolver { reference in .failure(SecretResolutionError(reference: reference, reason: "none")) }

    @Test func theDefaultPolicyOpensAPullRequestWhoseSQLConvergesAFreshCopy() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        let desired = DesiredState(supabase: SupabaseFixture.desired(prune: true))
        let connector = try setup.connector()
        let plan = await connector.plan(PlanRequest(desired: desired))
        #expect(plan.changes.map(\.id.description) == SupabaseFixture.expectedChanges + SupabaseFixture.expectedPruneChanges)

        let responses = await connector.apply(batch: ApplyBatchRequest(changes: plan.changes, secrets: Self.secrets))
        var pullRequests: Set<String> = []
        var paths: Set<String> = []
        for response in responses {
            // Proposed, not applied: nothing changes until someone merges the pull request.
            guard case .proposed(let location, let detail) = response else {
                Issue.record("not proposed: \(response)")
                continue
            }
            #expect(detail.hasPrefix("proposed in pull request #"))
            pullRequests.insert(location)
            if let path = detail.firstMatch(of: /supabase\/migrations\/[^ ]+\.sql/) { paths.insert(String(path.output)) }
        }
        #expect(pullRequests.count == 1, "one migration, one pull request")
        let path = try #require(paths.first)
        #expect(path.wholeMatch(of: /supabase\/migrations\/\d{14}_opsctl_[a-z0-9_]+\.sql/) != nil)

        // The database itself is untouched until someone merges and runs the migration.
        #expect(await connector.plan(PlanRequest(desired: desired)).changes.count == plan.changes.count)

        let number = try #require(pullRequests.first?.split(separator: "/").last.map(String.init))
        let sql = try await setup.file(path, ref: try await setup.branch(ofPullRequest: number))
        for change in plan.changes { #expect(sql.contains(change.id.description)) }
        let fresh = try TestPostgres.cluster().makeDatabase()
        try fresh.connect().execute(script: sql)
        var freshEnvironment = setup.environment
        freshEnvironment["SUPABASE_DB_URL"] = fresh.uri
        let freshConnector = try SupabaseConnector.make(context: ConnectorContext(environment: freshEnvironment, redactor: Redactor(registry: SecretRegistry()))).get()
        let after = await freshConnector.plan(PlanRequest(desired: desired))
        #expect(after.changes.map(\.id.description) == [])
    }

    @Test func aConcurrentIndexBuildArrivesInAPullRequestOfItsOwnThatRunsOutsideTheMigration() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        let desired = DesiredState(supabase: SupabaseFixture.desired(prune: false))
        let connector = try setup.connector()
        let plan = await connector.plan(PlanRequest(desired: desired))
        let indexID = "supabase.index.create.public.profiles_email_key"
        #expect(plan.changes.contains { $0.id.description == indexID })
        let responses = await connector.apply(batch: ApplyBatchRequest(
            changes: plan.changes, secrets: Self.secrets, settings: ApplySettings(concurrentIndexBuilds: true)
        ))
        var files: [String: String] = [:]
        for (change, response) in zip(plan.changes, responses) {
            guard case .proposed(let location, let detail) = response,
                let path = detail.firstMatch(of: /supabase\/migrations\/[^ ]+\.sql/).map({ String($0.output) }),
                let number = location.split(separator: "/").last.map(String.init)
            else {
                Issue.record("\(change.id) was not proposed: \(response)")
                continue
            }
            files[change.id.description] = try await setup.file(path, ref: try await setup.branch(ofPullRequest: number))
        }
        let migration = try #require(files["supabase.column.add.public.profiles.bio"])
        let build = try #require(files[indexID])
        #expect(Set(files.values).count == 2, "the migration and the build, each in its own pull request")
        #expect(!migration.lowercased().contains("create unique index"))
        #expect(build.contains("create unique index concurrently profiles_email_key on public.profiles using btree (email);"))
        // What a migration runner does: the migration in a transaction, then the lone build.
        let connection = try setup.database.connect()
        try connection.execute(script: migration)
        _ = try connection.query(build)
        #expect(await connector.plan(PlanRequest(desired: desired)).changes.map(\.id.description) == [])
    }

    @Test func directDatabaseApplyRunsTheSameChangesInOneTransaction() async throws {
        let setup = try Setup()
        defer { setup.server.stop() }
        let desired = DesiredState(supabase: SupabaseFixture.desired(prune: false))
        let connector = try setup.connector()
        let plan = await connector.plan(PlanRequest(desired: desired))
        let responses = await connector.apply(batch: ApplyBatchRequest(
            changes: plan.changes, secrets: Self.secrets, settings: ApplySettings(directDatabaseApply: true)
        ))
        for response in responses {
            guard case .applied(_, _, let detail) = response else {
                Issue.record("not applied: \(response)")
                continue
            }
            #expect(detail.contains("transaction"))
        }
        #expect(await connector.plan(PlanRequest(desired: desired)).changes.isEmpty)
    }

    @Test func aDeclaredPartWithoutCredentialsIsOneErrorCheck() async throws {
        let context = ConnectorContext(environment: ["SUPABASE_DB_URL": "postgresql://localhost/none"], redactor: Redactor(registry: SecretRegistry()))
        let connector = try SupabaseConnector.make(context: context).get()
        let desired = DesiredState(supabase: SupabaseConfig(storage: SupabaseStorage(buckets: [StorageBucket(name: "avatars")])))
        let plan = await connector.plan(PlanRequest(desired: desired))
        let check = try #require(plan.checks.first)
        #expect(plan.checks.count == 1)
        #expect(check.status == .error)
        #expect(check.message.contains("Storage buckets were not audited"))
        #expect(check.message.contains("SUPABASE_SERVICE_ROLE_KEY"))
    }

    @Test func withNoCredentialsAtAllTheScopeIsNotBuilt() {
        let context = ConnectorContext(environment: [:], redactor: Redactor(registry: SecretRegistry()))
        guard case .failure(let missing) = SupabaseConnector.make(context: context) else {
            Issue.record("a Supabase connector was built without credentials")
            return
        }
        #expect(missing.variables.contains("SUPABASE_DB_URL"))
        #expect(missing.variables.contains("SUPABASE_SERVICE_ROLE_KEY"))
    }
}
