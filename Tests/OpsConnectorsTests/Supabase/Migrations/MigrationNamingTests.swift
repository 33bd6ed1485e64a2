import Foundation
import OpsCore
import Testing

@testable import OpsConnectors

/// File, branch and pull request naming for migrations: pure, no network.
@Suite("Supabase migrations: names and pull request text")
struct MigrationNamingTests {
    /// 2025-03-04 05:06:07.9 UTC.
    static let date = Date(timeIntervalSince1970: 1_741_064_767.9)

    static func entry(_ id: String, _ description: String, hazards: [ChangeHazard] = []) -> MigrationProposal.Entry {
        MigrationProposal.Entry(id: ChangeID(id)!, description: description, hazards: hazards)
    }

    @Test("timestamps are UTC YYYYMMDDHHMMSS with fractions dropped")
    func timestamp() {
        #expect(MigrationNaming.timestamp(Self.date) == "20250304050607")
        #expect(MigrationNaming.timestamp(Date(timeIntervalSince1970: 0)) == "19700101000000")
    }

    @Test(
        "slugs keep lower-case letters and digits joined by single underscores",
        arguments: [
            ("Create public.profiles", "create_public_profiles"),
            ("--add  RLS / policies--", "add_rls_policies"),
            ("already_ok_1", "already_ok_1"),
            ("émoji 🚀 ok", "moji_ok"),
        ]
    )
    func slug(input: String, expected: String) {
        #expect(MigrationNaming.slug(input) == expected)
    }

    @Test("a slug with nothing usable is refused; a long one is cut")
    func slugLimits() throws {
        #expect(MigrationNaming.slug("--- !!! ---") == nil)
        #expect(MigrationNaming.slug(String(repeating: "ab_", count: 40))?.count ?? 0 <= MigrationNaming.maximumSlugLength)
        #expect(throws: MigrationPublishError.invalidSlug("///")) {
            try MigrationProposal(sql: "select 1;", slug: "///", entries: [Self.entry("supabase.table.create.x", "x")], createdAt: Self.date)
        }
        #expect(throws: MigrationPublishError.emptyScript) {
            try MigrationProposal(sql: " \n", slug: "x", entries: [Self.entry("supabase.table.create.x", "x")], createdAt: Self.date)
        }
        #expect(throws: MigrationPublishError.noChanges) {
            try MigrationProposal(sql: "select 1;", slug: "x", entries: [], createdAt: Self.date)
        }
    }

    @Test("a slug for changes names the first and counts the rest")
    func slugForChanges() {
        let ids = ["supabase.table.create.public.profiles", "supabase.rls.enable.public.profiles", "supabase.policy.create.public.profiles.read"]
            .compactMap(ChangeID.init)
        #expect(MigrationNaming.slug(for: ids) == "table_create_public_profiles_and_2_more")
        let long = ["supabase.index.create.public.subscriptions_stripe_customer_id_key", "supabase.rls.enable.public.s"].compactMap(ChangeID.init)
        let named = MigrationNaming.slug(for: long)
        #expect(named.hasSuffix("_and_1_more"))
        #expect(named.count <= MigrationNaming.maximumSlugLength)
        #expect(MigrationNaming.slug(for: [ids[0]]) == "table_create_public_profiles")
        #expect(MigrationNaming.slug(for: []) == "schema")
    }

    @Test("the file and branch follow from the slug and the timestamp")
    func proposalNames() throws {
        let proposal = try MigrationProposal(
            sql: "create table public.profiles (id uuid primary key);", slug: "Create Profiles",
            entries: [Self.entry("supabase.table.create.public.profiles", "create the table public.profiles")], createdAt: Self.date)
        #expect(proposal.slug == "create_profiles")
        #expect(proposal.path == "supabase/migrations/20250304050607_opsctl_create_profiles.sql")
        #expect(proposal.branch == "opsctl/migration-20250304050607-create_profiles")
        #expect(MigrationNaming.branch(timestamp: proposal.timestamp, slug: proposal.slug, attempt: 3) == proposal.branch + "-3")
        #expect(proposal.fileContent == Array("create table public.profiles (id uuid primary key);\n".utf8))
    }

    @Test(
        "opsctl's branches are recognised for their slug, suffixed or not, and nothing else is",
        arguments: [
            ("opsctl/migration-20250304050607-create_profiles", "20250304050607" as String?),
            ("opsctl/migration-20250304050607-create_profiles-2", "20250304050607"),
            ("opsctl/migration-20250304050607-create_profiles_v2", nil),
            ("opsctl/migration-20250304050607-create_profiles-x", nil),
            ("opsctl/migration-2025030405060-create_profiles", nil),
            ("feature/create_profiles", nil),
        ]
    )
    func branchRecognition(branch: String, timestamp: String?) {
        #expect(MigrationNaming.timestamp(ofBranch: branch, slug: "create_profiles") == timestamp)
    }

    @Test("the pull request lists every change ID and hazard, and says opsctl does not run the SQL")
    func text() throws {
        let proposal = try MigrationProposal(
            sql: "drop table public.old;\ncreate index concurrently x on public.profiles (email);",
            slug: "cleanup",
            entries: [
                Self.entry("supabase.table.drop.public.old", "drop the table public.old", hazards: [.deletesData, .accessExclusiveLock]),
                Self.entry("supabase.index.create.public.profiles_email", "create the index\nprofiles_email", hazards: [.indexBuild]),
                Self.entry("supabase.rls.enable.public.profiles", "enable row-level security on public.profiles"),
            ],
            createdAt: Self.date)
        let text = MigrationPullRequestText(proposal)
        #expect(text.title == "opsctl: database migration cleanup (3 changes)")
        #expect(text.commitMessage == "opsctl: add migration supabase/migrations/20250304050607_opsctl_cleanup.sql")
        #expect(text.body.contains("Migration file: `supabase/migrations/20250304050607_opsctl_cleanup.sql`"))
        #expect(text.body.contains("- `supabase.table.drop.public.old`: drop the table public.old (hazards: `DELETES_DATA`, `ACQUIRES_ACCESS_EXCLUSIVE_LOCK`)"))
        #expect(text.body.contains("- `supabase.index.create.public.profiles_email`: create the index profiles_email (hazards: `INDEX_BUILD`)"))
        #expect(text.body.contains("- `supabase.rls.enable.public.profiles`: enable row-level security on public.profiles\n"))
        #expect(text.body.contains("- `DELETES_DATA`: `supabase.table.drop.public.old`"))
        #expect(text.body.contains("- `INDEX_BUILD`: `supabase.index.create.public.profiles_email`"))
        #expect(text.body.contains("opsctl does not run this SQL itself"))
        #expect(proposal.hazards == [.deletesData, .accessExclusiveLock, .indexBuild])

        let quiet = try MigrationProposal(
            sql: "select 1;", slug: "one", entries: [Self.entry("supabase.rls.enable.public.t", "enable RLS")], createdAt: Self.date)
        #expect(MigrationPullRequestText(quiet).title == "opsctl: database migration one (1 change)")
        #expect(MigrationPullRequestText(quiet).body.contains("### Hazards\n\nNone reported."))
    }

    @Test("publish errors read as one sentence with a hint")
    func errors() {
        let errors: [MigrationPublishError] = [
            .emptyScript, .noChanges, .invalidSlug("!"), .secretInContent(part: "the SQL script"), .baseBranchMissing(branch: "main"),
            .alreadyOnBase(path: "p.sql", base: "main"), .conflictingFileOnBase(path: "p.sql", base: "main"),
            .branchNamesExhausted(branch: "b", attempts: 10), .pullRequestRejected(branch: "b", message: "Validation Failed"),
            .github(step: "creating the branch 'b'", Diagnostic(message: "POST /x failed with 403", hint: "permissions")),
        ]
        for error in errors {
            let diagnostic = error.diagnostic
            #expect(!diagnostic.message.isEmpty && !diagnostic.message.hasSuffix("."))
            #expect(!diagnostic.message.contains("\n"))
            #expect(diagnostic.hint?.isEmpty == false)
        }
        #expect(MigrationPublishError.github(step: "creating the branch 'b'", Diagnostic(message: "boom")).message == "creating the branch 'b' failed: boom")
    }
}
