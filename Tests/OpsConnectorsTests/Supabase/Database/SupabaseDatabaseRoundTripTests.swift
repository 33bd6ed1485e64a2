import Foundation
import OpsCore
import Testing

@testable import OpsConnectors

/// The database connector end to end against a real PostgreSQL: plan finds every kind of
/// drift in the fixture, direct apply runs it as one transaction, and a fresh plan is clean.
@Suite("Supabase database round trip")
struct SupabaseDatabaseRoundTripTests {
    static func connector(_ database: TestDatabase, direct: Bool = true, uri: String? = nil) throws -> SupabaseDatabaseConnector {
        let context = ConnectorContext(environment: ["SUPABASE_DB_URL": uri ?? database.uri], redactor: Redactor(registry: SecretRegistry()))
        return try SupabaseDatabaseConnector.connector(context: context, directDatabaseApply: direct).get()
    }

    @Test func planFindsEveryDriftAndApplyConverges() async throws {
        let database = try TestPostgres.cluster().makeDatabase()
        let connector = try Self.connector(database)
        let desired = SupabaseFixture.desired(prune: true)

        let plan = await connector.plan(desired)
        #expect(plan.checks.filter { $0.status == .error }.map(\.message) == [])
        #expect(plan.changes.map(\.id.description) == SupabaseFixture.expectedChanges + SupabaseFixture.expectedPruneChanges)
        let failing = Set(plan.checks.filter { $0.status == .fail }.compactMap(\.changeID))
        #expect(failing == Set(plan.changes.map(\.id)), "every change has a failing check that names it")
        #expect(plan.checks.contains { $0.id == "supabase.policy.public.profiles.read own profile" && $0.status == .pass })
        #expect(plan.checks.contains { $0.id == "supabase.column.public.posts.id" && $0.status == .pass }, "bigserial's nextval default is not drift")
        #expect(plan.checks.contains { $0.id == "supabase.column.public.posts.published" && $0.status == .pass }, "bool is boolean")
        #expect(plan.checks.contains { $0.id == "supabase.index.public.posts_author_idx" && $0.status == .pass })

        let byID = Dictionary(uniqueKeysWithValues: plan.changes.map { ($0.id.description, $0) })
        let alterEmail = try #require(byID["supabase.column.alter.public.profiles.email"])
        #expect(alterEmail.payload["sql"] == ["alter table public.profiles alter column email set not null"])
        #expect(alterEmail.hazards == [.accessExclusiveLock])
        #expect(alterEmail.observed == PlanDigest.of(alterEmail.before))
        #expect(byID["supabase.column.alter.public.profiles.plan"]?.after["default"] == "'pro'::text")
        #expect(byID["supabase.column.alter.public.profiles.display_name"]?.after["type"] == "text")
        #expect(byID["supabase.index.create.public.profiles_email_key"]?.hazards == [.indexBuild])
        #expect(byID["supabase.index.create.public.comments_post_idx"]?.hazards == [], "an index on a new table builds nothing")
        #expect(byID["supabase.table.drop.public.audit_log"]?.hazards == [.deletesData, .accessExclusiveLock])
        #expect(byID["supabase.table.drop.public.audit_log"]?.risk == .critical)
        #expect(byID["supabase.table.create.public.comments"]?.risk == .high)
        let replace = try #require(byID["supabase.policy.replace.public.profiles.update-own-profile"])
        #expect(replace.before["using"] == "(auth.uid() = id)")
        #expect(replace.after["using"] == "((auth.uid() = id) AND (plan <> 'banned'::text))")

        // Every planned change is fresh before it runs.
        for change in plan.changes {
            #expect(await connector.refresh(RefreshRequest(change: change)) == .unchanged, "\(change.id)")
        }
        let results = await connector.applyAll(plan.changes)
        #expect(results.map(\.changeID) == plan.changes.map(\.id))
        for result in results {
            guard case .applied(_, let after, _) = result.response else {
                Issue.record("\(result.changeID) was not applied: \(result.response)")
                continue
            }
            let change = try #require(byID[result.changeID.description])
            #expect(after == change.after, "\(change.id) left the object as planned")
            #expect(await connector.refresh(RefreshRequest(change: change)) == .alreadyApplied, "\(change.id)")
        }

        let again = await connector.plan(desired)
        #expect(again.changes.map(\.id.description) == [])
        #expect(again.checks.filter { $0.status != .pass }.map(\.message) == [])
    }

    @Test func changesApplyOneByOneInPlanOrderToo() async throws {
        let database = try TestPostgres.cluster().makeDatabase()
        let connector = try Self.connector(database)
        let desired = SupabaseFixture.desired(prune: false)
        let plan = await connector.plan(desired)
        #expect(plan.changes.map(\.id.description) == SupabaseFixture.expectedChanges)
        let secrets = SecretResolver { reference in .failure(SecretResolutionError(reference: reference, reason: "no secrets here")) }
        // What the Applier does: refresh, then apply, one change at a time in plan order.
        for change in plan.changes {
            #expect(await connector.refresh(RefreshRequest(change: change)) == .unchanged, "\(change.id)")
            guard case .applied = await connector.apply(ApplyRequest(change: change, secrets: secrets)) else {
                Issue.record("\(change.id) was not applied")
                continue
            }
        }
        #expect(await connector.plan(desired).changes.isEmpty)
    }

    @Test func refreshReportsMovedObjects() async throws {
        let database = try TestPostgres.cluster().makeDatabase()
        let connector = try Self.connector(database)
        let plan = await connector.plan(SupabaseFixture.desired(prune: false))
        let byID = Dictionary(uniqueKeysWithValues: plan.changes.map { ($0.id.description, $0) })
        let connection = try database.connect()
        try connection.execute(script: """
            alter table public.profiles alter column email type varchar(200);
            create table public.comments (id int);
            """)
        let alter = try #require(byID["supabase.column.alter.public.profiles.email"])
        guard case .moved(let now, let detail) = await connector.refresh(RefreshRequest(change: alter)) else {
            Issue.record("the altered column was not reported as moved")
            return
        }
        #expect(now != alter.observed)
        #expect(detail == "type changed")
        let create = try #require(byID["supabase.table.create.public.comments"])
        guard case .moved(_, let created) = await connector.refresh(RefreshRequest(change: create)) else {
            Issue.record("the table created behind the plan's back was not reported as moved")
            return
        }
        #expect(created == "it was created by someone else")
    }

    @Test func aFailingStatementLeavesTheDatabaseExactlyAsItWas() async throws {
        let database = try TestPostgres.cluster().makeDatabase()
        let connector = try Self.connector(database)
        var desired = SupabaseFixture.desired(prune: true)
        // profiles has rows, so adding a NOT NULL column without a default fails, after the
        // new table and before everything else.
        desired.tables[0].columns.append(SupabaseColumn(name: "tenant", type: "uuid", nullable: false))
        let plan = await connector.plan(desired)
        let ids = plan.changes.map(\.id.description)
        let failingIndex = try #require(ids.firstIndex(of: "supabase.column.add.public.profiles.tenant"))
        #expect(failingIndex > 0 && failingIndex < ids.count - 1, "the failure is in the middle of the migration")

        let connection = try database.connect()
        let before = try CatalogFingerprint.take(connection)
        let results = await connector.applyAll(plan.changes)
        #expect(results.count == plan.changes.count)
        for result in results {
            guard case .failed(let diagnostic) = result.response else {
                Issue.record("\(result.changeID) reported success although the migration failed")
                continue
            }
            #expect(diagnostic.message.contains("statement 3 of"))
            #expect(diagnostic.message.contains("SQLSTATE 23502"))
            // The statement that failed, not the comment naming its change or the header.
            #expect(diagnostic.message.contains("in: alter table public.profiles add column tenant uuid not null"), "\(diagnostic.message)")
            #expect(!diagnostic.message.contains("in: --"))
            #expect(diagnostic.hint?.contains("rolled back") == true)
        }
        #expect(try CatalogFingerprint.take(connection) == before)
    }

    @Test func applyRefusesWithoutDirectDatabaseApply() async throws {
        let database = try TestPostgres.cluster().makeDatabase()
        let connector = try Self.connector(database, direct: false)
        let plan = await connector.plan(SupabaseFixture.desired(prune: false))
        let change = try #require(plan.changes.first)
        let secrets = SecretResolver { reference in .failure(SecretResolutionError(reference: reference, reason: "none")) }
        guard case .failed(let diagnostic) = await connector.apply(ApplyRequest(change: change, secrets: secrets)) else {
            Issue.record("applied without directDatabaseApply")
            return
        }
        #expect(diagnostic.message.contains("directDatabaseApply is off"))
        #expect(await connector.refresh(RefreshRequest(change: change)) == .unchanged)
    }

    @Test func refusedDefinitionsBecomeErrorChecksForThatObjectOnly() async throws {
        let database = try TestPostgres.cluster().makeDatabase()
        let connector = try Self.connector(database)
        var desired = SupabaseFixture.desired(prune: false)
        desired.tables[1].rlsPolicies.append(RLSPolicy(name: "broken", command: .select, using: "no_such_column = 1"))
        desired.tables[2].columns[1].type = "no_such_type"
        let plan = await connector.plan(desired)
        let errors = plan.checks.filter { $0.status == .error }
        #expect(errors.map(\.id).sorted() == ["supabase.policy.public.posts.broken", "supabase.table.public.comments"])
        #expect(errors.allSatisfy { $0.message.contains("refused") && $0.suggestedAction != nil })
        #expect(!plan.changes.contains { $0.id.name.contains("comments") || $0.id.name.hasSuffix("broken") })
        #expect(plan.changes.contains { $0.id.description == "supabase.policy.create.public.posts.read-published-posts" })
    }

    @Test func unreachableDatabaseIsOneErrorCheck() async throws {
        let cluster = try TestPostgres.cluster()
        let context = ConnectorContext(
            environment: ["SUPABASE_DB_URL": cluster.uri(database: "no_such_database")], redactor: Redactor(registry: SecretRegistry())
        )
        let connector = try SupabaseDatabaseConnector.connector(context: context, directDatabaseApply: true).get()
        let plan = await connector.plan(SupabaseFixture.desired(prune: false))
        #expect(plan.changes.isEmpty)
        #expect(plan.checks.map(\.id) == ["supabase.database"])
        #expect(plan.checks.first?.status == .error)
        #expect(plan.checks.first?.message.contains("no_such_database") == true)
    }

    @Test func missingURLIsNamed() {
        let context = ConnectorContext(environment: [:], redactor: Redactor(registry: SecretRegistry()))
        guard case .failure(let missing) = SupabaseDatabaseConnector.connector(context: context, directDatabaseApply: false) else {
            Issue.record("made a connector without SUPABASE_DB_URL")
            return
        }
        #expect(missing.variables == ["SUPABASE_DB_URL"])
    }
}

/// Everything about a database's schema and data that a migration could touch, for
/// comparing before and after a failed one.
enum CatalogFingerprint {
    static func take(_ connection: PostgresConnection) throws -> [[String?]] {
        let snapshot = try SchemaReader(connection: connection).read(schemas: ["public", "auth"])
        var rows: [[String?]] = [[PlanDigest.of(.array(snapshot.tables.map(\.json)))]]
        rows += try connection.query("""
            select n.nspname, c.relname, c.relkind::text, c.relrowsecurity::text, c.relnatts::text
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
            order by 1, 2
            """).values
        rows += try connection.query("select polrelid::regclass::text, polname from pg_policy order by 1, 2").values
        rows += try connection.query("select to_json(p)::text from public.profiles p order by id").values
        return rows
    }
}

/// The database part as the Applier would drive it through `SupabaseConnector`: the payload
/// decoded from the plan, then one change's migration on its own.
extension SupabaseDatabaseConnector {
    func refresh(_ request: RefreshRequest) async -> RefreshResponse {
        await request.decoding(DatabaseChange.self) { await refresh(request.change, payload: $0) }
    }

    func apply(_ request: ApplyRequest) async -> ApplyResponse {
        await applyAll([request.change]).first?.response ?? .failed(Diagnostic(message: "nothing was applied"))
    }
}
