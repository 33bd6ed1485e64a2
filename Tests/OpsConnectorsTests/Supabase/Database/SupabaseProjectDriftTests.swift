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
        #expect(plan.coverage.first { $0.collection == "tables" }.map { "\($0.managed)/\($0.total)" } == "7/8")
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
                alter table public.documents add column search tsvector generated always as (to_tsvector('simple', title)) stored;
                create index documents_search_idx on public.documents using gin (search)
                """,
            changes: [],
            reportedOnly: ["supabase.column.public.documents.search"]
        ),
        Drift(
            name: "gin index dropped",
            sql: "drop index public.documents_search_idx",
            changes: ["supabase.index.create.public.documents_search_idx"]
        ),
        Drift(
            name: "gin index rebuilt by hand as a btree over another column",
            sql: "drop index public.documents_search_idx; create index documents_search_idx on public.documents (title)",
            changes: ["supabase.index.replace.public.documents_search_idx"]
        ),
        Drift(
            name: "trigram index without its operator class",
            sql: "drop index public.documents_title_trgm_idx; create index documents_title_trgm_idx on public.documents (title)",
            changes: ["supabase.index.replace.public.documents_title_trgm_idx"]
        ),
        Drift(
            name: "partial index lost its WHERE and its descending key",
            sql: "drop index public.documents_org_recent_idx; create index documents_org_recent_idx on public.documents (org_id, id)",
            changes: ["supabase.index.replace.public.documents_org_recent_idx"]
        ),
        Drift(
            name: "INCLUDE column dropped",
            sql: "drop index public.memberships_user_idx; create index memberships_user_idx on public.memberships (user_id)",
            changes: ["supabase.index.replace.public.memberships_user_idx"]
        ),
        Drift(
            name: "expression index no longer unique",
            sql: "drop index public.profiles_username_lower_idx; create index profiles_username_lower_idx on public.profiles (lower(username))",
            changes: ["supabase.index.replace.public.profiles_username_lower_idx"]
        ),
        Drift(
            name: "index left INVALID by a failed concurrent build",
            sql: "update pg_catalog.pg_index set indisvalid = false where indexrelid = 'public.documents_title_trgm_idx'::regclass",
            changes: ["supabase.index.replace.public.documents_title_trgm_idx"]
        ),
        Drift(
            name: "index with a collation the file cannot declare",
            sql: """
                drop index public.profiles_username_lower_idx;
                create unique index profiles_username_lower_idx on public.profiles (lower(username) collate "C")
                """,
            changes: [],
            reportedOnly: ["supabase.index.public.profiles_username_lower_idx"]
        ),
        Drift(
            name: "function body changed",
            sql: """
                create or replace function public.handle_new_user() returns trigger
                    language plpgsql security definer set search_path = ''
                as $$ begin insert into public.profiles (id) values (new.id); return new; end; $$
                """,
            changes: ["supabase.function.replace.public.handle_new_user"]
        ),
        Drift(
            name: "SQL-standard body changed",
            sql: """
                create or replace function public.member_count(org uuid) returns bigint language sql stable
                begin atomic
                    select count(*) + 1 from public.memberships m where m.org_id = member_count.org;
                end
                """,
            changes: ["supabase.function.replace.public.member_count.org-uuid"]
        ),
        Drift(
            name: "security definer dropped",
            sql: "alter function public.is_member_of(uuid) security invoker",
            changes: ["supabase.function.replace.public.is_member_of.org-uuid"]
        ),
        Drift(
            name: "search_path reset on a security definer function",
            sql: "alter function public.handle_new_user() reset search_path",
            changes: ["supabase.function.replace.public.handle_new_user"]
        ),
        Drift(
            name: "volatility changed",
            sql: "alter function public.is_member_of(uuid) volatile",
            changes: ["supabase.function.replace.public.is_member_of.org-uuid"]
        ),
        Drift(
            name: "signup function and its trigger dropped",
            sql: "drop trigger on_auth_user_created on auth.users; drop function public.handle_new_user()",
            changes: [
                "supabase.function.create.public.handle_new_user",
                "supabase.trigger.create.auth.users.on_auth_user_created",
                "supabase.function_grant.update.public.handle_new_user.public",
                "supabase.function_grant.update.public.handle_new_user.anon",
                "supabase.function_grant.update.public.handle_new_user.authenticated",
            ]
        ),
        Drift(
            name: "anon may call the membership check",
            sql: "grant execute on function public.is_member_of(uuid) to anon",
            changes: ["supabase.function_grant.update.public.is_member_of.org-uuid.anon"]
        ),
        Drift(
            name: "EXECUTE given back to PUBLIC",
            sql: "grant execute on function public.handle_new_user() to public",
            changes: ["supabase.function_grant.update.public.handle_new_user.public"]
        ),
        Drift(
            name: "EXECUTE given back to PUBLIC on a function the file only closes to anon",
            sql: "grant execute on function public.touch_updated_at() to public",
            changes: [],
            reportedOnly: ["supabase.function_grant.public.touch_updated_at().anon"]
        ),
        Drift(
            name: "authenticated lost EXECUTE",
            sql: "revoke execute on function public.is_member_of(uuid) from authenticated",
            changes: ["supabase.function_grant.update.public.is_member_of.org-uuid.authenticated"]
        ),
        Drift(
            name: "trigger disabled",
            sql: "alter table public.profiles disable trigger profiles_touch",
            changes: ["supabase.trigger.replace.public.profiles.profiles_touch"]
        ),
        Drift(
            name: "trigger lost its WHEN and fires after",
            sql: """
                drop trigger profiles_touch on public.profiles;
                create trigger profiles_touch after update on public.profiles for each row execute function public.touch_updated_at()
                """,
            changes: ["supabase.trigger.replace.public.profiles.profiles_touch"]
        ),
        Drift(
            name: "signup trigger dropped",
            sql: "drop trigger on_auth_user_created on auth.users",
            changes: ["supabase.trigger.create.auth.users.on_auth_user_created"]
        ),
        Drift(
            name: "trigger narrowed to UPDATE OF a column",
            sql: """
                drop trigger profiles_touch on public.profiles;
                create trigger profiles_touch before update of username on public.profiles
                    for each row execute function public.touch_updated_at()
                """,
            changes: [],
            reportedOnly: ["supabase.trigger.public.profiles.profiles_touch"]
        ),
        Drift(
            name: "storage policy checks another folder",
            sql: """
                drop policy "members upload their own avatar" on storage.objects;
                create policy "members upload their own avatar" on storage.objects for insert to authenticated
                    with check (bucket_id = 'avatars' and (storage.foldername(name))[2] = auth.uid()::text)
                """,
            changes: ["supabase.policy.replace.storage.objects.members-upload-their-own-avatar"]
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

    @Test func aDeclaredIndexThatExistsWithAShapeTheFileCannotSayIsAFailingCheckNeverAChange() async throws {
        let (database, connector) = try Self.project()
        try database.connect().execute(script: """
            create index documents_title_idx on public.documents (title nulls first);
            create index documents_body_idx on public.documents (body) with (fillfactor = 70)
            """)
        var desired = SupabaseProjectFixture.desired(prune: false)
        let documents = try #require(desired.tables.firstIndex { $0.name == "documents" })
        desired.tables[documents].indexes += [
            SupabaseIndex(name: "documents_title_idx", columns: ["title"]),
            SupabaseIndex(name: "documents_body_idx", columns: ["body"]),
        ]
        let plan = await connector.plan(desired)
        #expect(plan.changes.map(\.id.description) == [])
        let failing = plan.checks.filter { $0.status == .fail }
        #expect(failing.map(\.id).sorted() == ["supabase.index.public.documents_body_idx", "supabase.index.public.documents_title_idx"])
        #expect(failing.allSatisfy { $0.changeID == nil && $0.message.contains("cannot declare") })
        #expect(failing.contains { $0.message.contains("NULLS FIRST on key 1") })
        #expect(failing.contains { $0.message.contains("storage parameters (fillfactor=70)") })
    }

    @Test func declaredIndexesAreReadBackInTheirWholeShape() throws {
        let (database, _) = try Self.project()
        let snapshot = try SchemaReader(connection: database.connect()).read(schemas: ["public"])
        let recent = try #require(snapshot.index(schema: "public", name: "documents_org_recent_idx"))
        #expect(recent.shape == "btree (org_id, id DESC) WHERE body IS NOT NULL")
        #expect(snapshot.index(schema: "public", name: "documents_title_trgm_idx")?.shape == "gin (title gin_trgm_ops)")
        #expect(snapshot.index(schema: "public", name: "memberships_user_idx")?.shape == "btree (user_id) INCLUDE (role)")
        #expect(snapshot.index(schema: "public", name: "profiles_username_lower_idx")?.shape == "unique btree (lower(username))")
        #expect(snapshot.index(schema: "public", name: "profiles_username_key")?.constraint == "profiles_username_key")
        let handleNewUser = try #require(snapshot.functions.first { $0.name == "handle_new_user" })
        #expect(handleNewUser.securityDefiner && handleNewUser.config == ["search_path=\"\""])
        #expect(!handleNewUser.executors.contains("public") && !handleNewUser.executors.contains("anon"))
        #expect(snapshot.functions.first { $0.name == "is_member_of" }?.executors.contains("authenticated") == true)
        let touch = try #require(snapshot.table(schema: "public", name: "profiles")?.trigger(named: "profiles_touch"))
        #expect(touch.when == "old.* IS DISTINCT FROM new.*")
        #expect(touch.timing == "before" && touch.events == ["update"] && touch.level == "row")
    }

    @Test func pruneDropsUndeclaredIndexesAndConstraintsButNothingThatBacksOrBelongsElsewhere() async throws {
        let (database, connector) = try Self.project()
        try database.connect().execute(script: """
            create index documents_title_idx on public.documents (title);
            alter table public.documents add constraint title_not_blank check (title <> '');
            create index objects_owner_idx on storage.objects (owner);
            create index events_payload_idx on public.events using gin (payload)
            """)
        var desired = SupabaseProjectFixture.desired(prune: true)
        let events = try #require(desired.tables.firstIndex { $0.name == "events" })
        desired.tables[events].indexes = [SupabaseIndex(name: "events_payload_idx", keys: [.init(.column("payload"))], method: .gin)]
        let plan = await connector.plan(desired)
        #expect(plan.changes.map(\.id.description) == [
            "supabase.constraint.drop.public.documents.title_not_blank",
            "supabase.index.drop.public.documents_title_idx",
            "supabase.table.drop.public.scratch",
        ])
        let byID = Dictionary(uniqueKeysWithValues: plan.changes.map { ($0.id.description, $0) })
        #expect(byID["supabase.index.drop.public.documents_title_idx"]?.hazards == [.accessExclusiveLock])
        #expect(byID["supabase.index.drop.public.documents_title_idx"]?.risk == .critical)
        #expect(byID["supabase.constraint.drop.public.documents.title_not_blank"]?.description.contains("CHECK ((title <> ''::text))") == true)
        let results = await connector.applyAll(plan.changes.filter { !$0.id.description.contains("scratch") })
        #expect(results.allSatisfy { if case .applied = $0.response { true } else { false } }, "\(results)")
        #expect(await connector.plan(desired).changes.map(\.id.description) == ["supabase.table.drop.public.scratch"])
    }

    @Test func anIndexBuildRunsConcurrentlyAfterTheTransactionWhenPolicyAsks() async throws {
        let (database, connector) = try Self.project()
        let connection = try database.connect()
        try connection.execute(script: """
            drop index public.documents_search_idx;
            drop index public.documents_org_recent_idx;
            create index documents_org_recent_idx on public.documents (org_id);
            alter function public.is_member_of(uuid) volatile
            """)
        let desired = SupabaseProjectFixture.desired(prune: false)
        let plan = await connector.plan(desired)
        #expect(plan.changes.map(\.id.description) == [
            "supabase.function.replace.public.is_member_of.org-uuid",
            "supabase.index.create.public.documents_search_idx",
            "supabase.index.replace.public.documents_org_recent_idx",
        ])
        let script = try MigrationScript(changes: plan.changes, concurrentIndexBuilds: true)
        #expect(script.steps.map(\.changeID.description) == ["supabase.function.replace.public.is_member_of.org-uuid"])
        #expect(script.afterCommitSteps.map(\.changeID.description) == [
            "supabase.index.create.public.documents_search_idx", "supabase.index.replace.public.documents_org_recent_idx",
        ])
        #expect(!script.text().contains("concurrently"), "the transaction's text never holds a concurrent build")
        #expect(script.afterCommitSteps[1].statements == [
            "drop index concurrently if exists public.documents_org_recent_idx",
            "create index concurrently documents_org_recent_idx on public.documents using btree (org_id, id desc) where (body is not null)",
        ])
        let results = await connector.applyAll(plan.changes, concurrentIndexBuilds: true)
        for result in results {
            guard case .applied(_, _, let detail) = result.response else {
                Issue.record("\(result.changeID) was not applied: \(result.response)")
                continue
            }
            if result.changeID.description.contains("index") { #expect(detail.contains("concurrently"), "\(detail)") }
        }
        #expect(await connector.plan(desired).changes.map(\.id.description) == [])
    }

    @Test func aConcurrentBuildThatFailsFailsAloneAndTheNextPlanRebuildsTheInvalidIndex() async throws {
        let (database, connector) = try Self.project()
        let connection = try database.connect()
        // Two profiles with the same name in different case: the unique expression index cannot be built.
        try connection.execute(script: """
            drop index public.profiles_username_lower_idx;
            insert into auth.users (id) values ('00000000-0000-0000-0000-00000000000a'), ('00000000-0000-0000-0000-00000000000b');
            update public.profiles set username = 'Ada' where id = '00000000-0000-0000-0000-00000000000a';
            update public.profiles set username = 'ada' where id = '00000000-0000-0000-0000-00000000000b'
            """)
        let desired = SupabaseProjectFixture.desired(prune: false)
        let plan = await connector.plan(desired)
        #expect(plan.changes.map(\.id.description) == ["supabase.index.create.public.profiles_username_lower_idx"])
        let results = await connector.applyAll(plan.changes, concurrentIndexBuilds: true)
        guard case .failed(let diagnostic) = results.first?.response else {
            Issue.record("the build should have failed: \(results)")
            return
        }
        #expect(diagnostic.hint?.contains("INVALID") == true)
        let again = await connector.plan(desired)
        #expect(again.changes.map(\.id.description) == ["supabase.index.replace.public.profiles_username_lower_idx"])
        #expect(again.changes.first?.description.contains("INVALID") == true)
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
