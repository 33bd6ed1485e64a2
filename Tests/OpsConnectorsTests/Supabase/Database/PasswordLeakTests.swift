import Foundation
import OpsCore
import Testing

@testable import OpsConnectors

/// A canary password, used for real (password authentication over the socket), must not
/// appear in any error, check, change, payload or migration script.
@Suite("Database password never leaks")
struct PasswordLeakTests {
    static let canary = TestPostgres.canaryPassword

    /// Everything a plan or apply could show a user, as text.
    static func exposedText(_ plan: PlanResponse, script: String?, results: [DatabaseBatchResult]) -> String {
        var text = plan.checks.map { "\($0)" }.joined(separator: "\n")
        text += plan.changes.map { change in
            "\(change) \(JSONWriter.canonical(change.payload)) \(JSONWriter.canonical(change.before)) \(JSONWriter.canonical(change.after))"
        }.joined(separator: "\n")
        text += script ?? ""
        text += results.map { "\($0)" }.joined(separator: "\n")
        return text
    }

    @Test func connectsWithThePasswordAndNeverShowsIt() async throws {
        let database = try TestPostgres.cluster().makeDatabase()
        // Prove the password is really used: the role authenticates with scram-sha-256.
        let connection = try PostgresConnection(uri: database.canaryURI)
        #expect(try connection.query("select current_user as u").rows.first?["u"] == TestPostgres.canaryRole)

        let context = ConnectorContext(environment: ["SUPABASE_DB_URL": database.canaryURI], redactor: Redactor(registry: SecretRegistry()))
        let connector = try SupabaseDatabaseConnector.connector(context: context, directDatabaseApply: true).get()
        var desired = SupabaseFixture.desired(prune: true)
        desired.tables[0].columns.append(SupabaseColumn(name: "tenant", type: "uuid", nullable: false))
        let plan = await connector.plan(desired)
        #expect(!plan.changes.isEmpty)
        let script = try MigrationScript(changes: plan.changes).text()
        let results = await connector.applyAll(plan.changes)
        #expect(results.allSatisfy { if case .failed = $0.response { true } else { false } }, "the tenant column makes it fail")
        let text = Self.exposedText(plan, script: script, results: results)
        #expect(!text.isEmpty)
        #expect(!text.contains(Self.canary))
    }

    @Test func wrongPasswordErrorDoesNotEchoIt() throws {
        let cluster = try TestPostgres.cluster()
        let database = try cluster.makeDatabase(loading: nil)
        let wrong = "Wrong-" + Self.canary
        let error = #expect(throws: PostgresError.self) { try PostgresConnection(uri: cluster.canaryURI(database: database.name, password: wrong)) }
        let message = try #require(error?.diagnostic.message)
        #expect(message.contains("password authentication failed"))
        #expect(message.contains(TestPostgres.canaryRole))
        #expect(!message.contains(wrong) && !message.contains(Self.canary))
    }

    @Test func unreachableHostErrorDoesNotEchoIt() async throws {
        let context = ConnectorContext(
            environment: ["SUPABASE_DB_URL": "postgresql://postgres:\(Self.canary)@/postgres?host=/nonexistent/socket/dir"],
            redactor: Redactor(registry: SecretRegistry())
        )
        let connector = try SupabaseDatabaseConnector.connector(context: context, directDatabaseApply: true).get()
        let plan = await connector.plan(SupabaseFixture.desired(prune: false))
        #expect(plan.checks.map(\.status) == [.error])
        #expect(plan.checks.first?.message.contains("cannot connect to PostgreSQL at postgres@/nonexistent/socket/dir/postgres") == true)
        #expect(!Self.exposedText(plan, script: nil, results: []).contains(Self.canary))
    }

    /// Socket hosts that do not exist, so every attempt fails fast and offline.
    @Test(arguments: [
        "postgresql://postgres:\(PasswordLeakTests.canary)@%2Fnonexistent/postgres?sslmode=bogus",
        "postgresql://postgres:\(PasswordLeakTests.canary)@%2Fnonexistent:notaport/postgres",
        "postgresql://postgres:\(PasswordLeakTests.canary)@%2Fnonexistent/postgres?unknown_option=\(PasswordLeakTests.canary)",
        "postgresql://postgres:\(PasswordLeakTests.canary)@%2Fnonexistent/postgres?sslmode=%zz\(PasswordLeakTests.canary)",
        "postgresql://postgres:\(PasswordLeakTests.canary)%zz@%2Fnonexistent/postgres",
        "host=/nonexistent password='\(PasswordLeakTests.canary)' port=x sslmode=bogus",
        "host=/nonexistent password='\(PasswordLeakTests.canary) unterminated",
    ])
    func malformedURIErrorDoesNotEchoIt(uri: String) {
        let context = ConnectorContext(environment: ["SUPABASE_DB_URL": uri], redactor: Redactor(registry: SecretRegistry()))
        switch SupabaseDatabaseConnector.connector(context: context, directDatabaseApply: true) {
        case .failure(let missing):
            #expect(missing.variables == ["SUPABASE_DB_URL"])
            #expect(!missing.message.contains(Self.canary))
        case .success(let connector):
            // libpq accepts some of these at parse time; connecting must then fail cleanly.
            #expect(!connector.database.settings.target.contains(Self.canary))
            #expect(throws: PostgresError.self) {
                do throws(PostgresError) {
                    _ = try PostgresConnection(settings: connector.database.settings)
                } catch {
                    #expect(!error.diagnostic.message.contains(Self.canary))
                    throw error
                }
            }
        }
    }

    @Test func scrubberMasksEveryEncodingOfThePassword() {
        let scrubber = PostgresSecretScrubber(uri: "postgresql://u:p%40ss%2Fw0rd@host/db")
        #expect(scrubber.scrub("a p%40ss%2Fw0rd b p@ss/w0rd c") == "a [REDACTED] b [REDACTED] c")
        #expect(PostgresSecretScrubber.passwordText(in: "host=h password='se cret' user=u") == "se cret")
        #expect(PostgresSecretScrubber.passwordText(in: "postgresql://user@host/db") == nil)
    }
}
