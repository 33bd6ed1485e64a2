import Foundation
import OpsCore
import Testing

@testable import OpsConnectors

/// The connector against a database shaped like a real Supabase project
/// (`SupabaseProjectFixture`): the declared project plans to zero drift, each kind of drift
/// made by SQL behind the plan's back gives exactly its change IDs, and applying them, directly
/// or as the pull request's migration file, leaves zero drift again.
@Suite("Supabase project drift")
struct SupabaseProjectDriftTests {
    static func project() throws -> (TestDatabase, SupabaseDatabaseConnector) {
        let database = try TestPostgres.cluster().makeDatabase(loading: SupabaseProjectFixture.sql)
        return (database, try SupabaseDatabaseRoundTripTests.connector(database))
    }

    static func notPassing(_ plan: PlanResponse) -> [String] {
        plan.checks.filter { $0.status != .pass && $0.status != .unmanaged }.map { "\($0.id): \($0.message)" }
    }

    @Test func theDeclaredProjectPlansToZeroDrift() async throws {
        let (_, connector) = try Self.project()
        let plan = await connector.plan(SupabaseProjectFixture.desired(prune: false))
        #expect(Self.notPassing(plan) == [])
        #expect(plan.changes.map(\.id.description) == [])
        // Partitions, the extension's table and Supabase's own tables are nobody's drift.
        let unmanaged = plan.checks.filter { $0.status == .unmanaged }.map(\.id)
        #expect(unmanaged.count == 1)
        #expect(unmanaged.allSatisfy { $0.contains("scratch") }, "\(unmanaged)")
        #expect(plan.checks.contains { $0.id == "supabase.policy.public.memberships.members see their colleagues" && $0.status == .pass })
        #expect(plan.checks.contains { $0.id == "supabase.column.public.documents.search" && $0.status == .pass })
        #expect(plan.checks.contains { $0.id == "supabase.column.public.documents.id" && $0.status == .pass })
    }

    @Test func pruneDropsOnlyWhatIsPlainlyUndeclared() async throws {
        let (_, connector) = try Self.project()
        let plan = await connector.plan(SupabaseProjectFixture.desired(prune: true))
        #expect(Self.notPassing(plan).allSatisfy { $0.contains("scratch") })
        #expect(plan.changes.map(\.id.description) == ["supabase.table.drop.public.scratch"])
        let drop = try #require(plan.changes.first)
        #expect(drop.description.contains("about 40 rows by pg_class.reltuples"), "\(drop.description)")
        #expect(plan.coverage.first { $0.collection == "tables" }.map { "\($0.managed)/\($0.total)" } == "6/7")
    }

    /// Drift made by SQL, the change IDs it must give, and the checks that must fail
    /// without a change (what cannot be changed safely is reported, never half-fixed).
    struct Drift: Sendable, CustomTestStringConvertible {
        var name: String
        var sql: String
        var changes: [String]
        var reportedOnly: [String] = []

        var testDescription: String { name }
    }

    static let drifts: [Drift] = [
        Drift(
            name: "identity switched from by default to always",
            sql: "alter table public.documents alter column revision set generated always",
            changes: ["supabase.column.alter.public.documents.revision"]
        ),
        Drift(
            name: "identity dropped",
            sql: "alter table public.documents alter column id drop identity",
            changes: ["supabase.column.alter.public.documents.id"]
        ),
        Drift(
            name: "membership policy rewritten",
            sql: """
                drop policy "members see their colleagues" on public.memberships;
                create policy "members see their colleagues" on public.memberships for select to authenticated
                    using (exists (select 1 from public.memberships mine where mine.user_id = auth.uid() and mine.role = 'owner'))
                """,
            changes: ["supabase.policy.replace.public.memberships.members-see-their-colleagues"]
        ),
        Drift(
            name: "storage policy dropped",
            sql: "drop policy \"members upload their own avatar\" on storage.objects",
            changes: ["supabase.policy.create.storage.objects.members-upload-their-own-avatar"]
        ),
        Drift(
            name: "a plain default dropped next to a generated column",
            sql: "alter table public.profiles alter column updated_at drop default",
            changes: ["supabase.column.alter.public.profiles.updated_at"]
        ),
        Drift(
            name: "foreign key to auth.users switched from cascade to set null",
            sql: """
                alter table public.profiles drop constraint profiles_id_fkey;
                alter table public.profiles add constraint profiles_id_fkey foreign key (id) references auth.users (id) on delete set null
                """,
            changes: ["supabase.constraint.replace.public.profiles.profiles_id_fkey"]
        ),
        Drift(
            name: "foreign key dropped",
            sql: "alter table public.memberships drop constraint memberships_user_id_fkey",
            changes: ["supabase.constraint.create.public.memberships.memberships_user_id_fkey"]
        ),
        Drift(
            name: "check constraint loosened",
            sql: """
                alter table public.profiles drop constraint username_length;
                alter table public.profiles add constraint username_length check (char_length(username) >= 1)
                """,
            changes: ["supabase.constraint.replace.public.profiles.username_length"]
        ),
        Drift(
            name: "unique constraint dropped",
            sql: "alter table public.profiles drop constraint profiles_username_key",
            changes: ["supabase.constraint.create.public.profiles.profiles_username_key"]
        ),
        Drift(
            name: "restrictive policy made permissive",
            sql: """
                drop policy "only live organisations" on public.documents;
                create policy "only live organisations" on public.documents for all to authenticated using (org_id is not null)
                """,
            changes: ["supabase.policy.replace.public.documents.only-live-organisations"]
        ),
        Drift(
            name: "row-level security no longer forced",
            sql: "alter table public.documents no force row level security",
            changes: ["supabase.rls.force.public.documents"]
        ),
        Drift(
            name: "enum type made by hand without a value the file lists",
            sql: """
                alter table public.memberships alter column role drop default;
                alter table public.memberships alter column role type text;
                drop type public.member_role;
                create type public.member_role as enum ('owner', 'viewer');
                alter table public.memberships alter column role type public.member_role using role::public.member_role;
                alter table public.memberships alter column role set default 'viewer'
                """,
            changes: ["supabase.enum.add_value.public.member_role"]
        ),
        Drift(
            name: "enum value the file does not list",
            sql: "alter type public.member_role add value 'billing'",
            changes: [],
            reportedOnly: ["supabase.enum.public.member_role"]
        ),
        Drift(
            name: "anon granted more than the file says",
            sql: "grant insert, delete on table public.profiles to anon",
            changes: ["supabase.grant.update.public.profiles.anon"]
        ),
        Drift(
            name: "authenticated lost a privilege",
            sql: "revoke update on table public.profiles from authenticated",
            changes: ["supabase.grant.update.public.profiles.authenticated"]
        ),
        Drift(
            name: "generated expression changed",
            sql: """
                alter table public.documents drop column search;
                alter table public.documents add column search tsvector generated always as (to_tsvector('simple', title)) stored
                """,
            changes: [],
            reportedOnly: ["supabase.column.public.documents.search"]
        ),
    ]

    @Test(arguments: drifts)
    func driftGivesExactlyItsChangesAndApplyingConverges(_ drift: Drift) async throws {
        let (database, connector) = try Self.project()
        try database.connect().execute(script: drift.sql)
        let desired = SupabaseProjectFixture.desired(prune: false)
        let plan = await connector.plan(desired)
        #expect(plan.changes.map(\.id.description) == drift.changes)
        let failing = plan.checks.filter { $0.status == .fail }
        #expect(failing.filter { $0.changeID == nil }.map(\.id) == drift.reportedOnly)
        #expect(plan.checks.filter { $0.status == .error }.map(\.message) == [])
        for change in plan.changes {
            #expect(!change.description.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(change.description)")
        }
        for check in plan.checks {
            #expect(!check.message.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(check.message)")
        }
        guard !plan.changes.isEmpty else { return }
        let results = await connector.applyAll(plan.changes)
        for result in results {
            guard case .applied = result.response else {
                Issue.record("\(result.changeID) was not applied: \(result.response)")
                continue
            }
        }
        let again = await connector.plan(desired)
        #expect(again.changes.map(\.id.description) == [])
        #expect(Self.notPassing(again) == [])
    }

    @Test(arguments: drifts.filter { !$0.changes.isEmpty })
    func thePullRequestMigrationConvergesToo(_ drift: Drift) async throws {
        let (database, connector) = try Self.project()
        let connection = try database.connect()
        try connection.execute(script: drift.sql)
        let desired = SupabaseProjectFixture.desired(prune: false)
        let plan = await connector.plan(desired)
        // What a migration runner does with the file the pull request commits.
        try connection.execute(script: try MigrationScript(changes: plan.changes).text())
        #expect(await connector.plan(desired).changes.map(\.id.description) == [])
    }

    @Test func identityAndGeneratedColumnsAreReadForWhatTheyAre() throws {
        let (database, _) = try Self.project()
        let snapshot = try SchemaReader(connection: database.connect()).read(schemas: ["public"], table: "documents")
        let table = try #require(snapshot.tables.first)
        let search = try #require(table.column(named: "search"))
        #expect(search.defaultExpression == nil)
        #expect(search.generated?.contains("to_tsvector") == true)
        #expect(table.column(named: "id")?.identity == "always")
        #expect(table.column(named: "revision")?.identity == "by default")
        #expect(table.column(named: "id")?.defaultExpression == nil)
    }

    @Test func anIndexOfAShapeThatCannotBeDeclaredIsAFailingCheckNeverAChange() async throws {
        let (database, connector) = try Self.project()
        try database.connect().execute(script: """
            create index documents_title_idx on public.documents (title) where body is not null
            """)
        var desired = SupabaseProjectFixture.desired(prune: false)
        let documents = try #require(desired.tables.firstIndex { $0.name == "documents" })
        desired.tables[documents].indexes = [
            SupabaseIndex(name: "documents_search_idx", columns: ["search"]),
            SupabaseIndex(name: "documents_title_idx", columns: ["title"]),
        ]
        let plan = await connector.plan(desired)
        #expect(plan.changes.map(\.id.description) == [])
        let failing = plan.checks.filter { $0.status == .fail }
        #expect(failing.map(\.id).sorted() == ["supabase.index.public.documents_search_idx", "supabase.index.public.documents_title_idx"])
        #expect(failing.allSatisfy { $0.changeID == nil && $0.message.contains("cannot express") })
        #expect(failing.contains { $0.message.contains("USING gin (search)") })
        #expect(failing.contains { $0.message.contains("WHERE (body IS NOT NULL)") })
    }

    @Test func aPartitionOfAnUndeclaredTableGoesWithItsParent() async throws {
        let (_, connector) = try Self.project()
        var desired = SupabaseProjectFixture.desired(prune: true)
        desired.tables.removeAll { $0.name == "events" }
        let plan = await connector.plan(desired)
        #expect(plan.changes.map(\.id.description) == ["supabase.table.drop.public.events", "supabase.table.drop.public.scratch"])
        #expect(plan.changes.first?.description.contains("with its 2 partitions") == true)
    }
}
