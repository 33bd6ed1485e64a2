import OpsCore
import Testing

@testable import OpsConnectors

/// The pure comparison: IDs, risks, hazards, SQL and snapshots, without a server.
@Suite("Supabase schema diff")
struct SchemaDiffTests {
    static let existing = TableSnapshot(
        schema: "public",
        name: "Accounts",
        columns: [
            ColumnSnapshot(name: "id", type: "uuid", nullable: false, defaultExpression: nil, primaryKey: true),
            ColumnSnapshot(name: "balance", type: "integer", nullable: true, defaultExpression: "0", primaryKey: false),
            ColumnSnapshot(name: "old", type: "text", nullable: true, defaultExpression: nil, primaryKey: false),
        ],
        rowLevelSecurity: false,
        policies: [PolicySnapshot(name: "stale", command: "ALL", roles: ["public"], permissive: true, using: "true", withCheck: nil)]
    )

    static func desired(_ columns: [SupabaseColumn], rls: Bool? = nil, policies: [RLSPolicy] = [], indexes: [SupabaseIndex] = []) -> DesiredTable {
        DesiredTable(SupabaseTable(name: "Accounts", columns: columns, indexes: indexes, rls: rls, rlsPolicies: policies))
    }

    @Test func noDriftMeansOnlyPassingChecks() {
        let table = Self.desired([
            SupabaseColumn(name: "id", type: "uuid", nullable: false, primaryKey: true),
            SupabaseColumn(name: "balance", type: "int4", defaultExpression: "0"),
        ])
        let diff = SchemaDiff.compare(desired: [table], actual: DatabaseSnapshot(tables: [Self.existing]), prune: false)
        #expect(diff.changes.isEmpty)
        // Without prune the undeclared policy is reported, not dropped; nothing fails.
        #expect(diff.checks.filter { $0.status != .pass }.map(\.id) == ["supabase.policy.unmanaged.public.Accounts.stale"])
        #expect(diff.checks.first { $0.status != .pass }?.status == .unmanaged)
        #expect(diff.coverage == [
            Coverage(scope: .supabase, collection: "tables", managed: 1, total: 1),
            Coverage(scope: .supabase, collection: "RLS policies", managed: 0, total: 1),
        ])
    }

    @Test func alterCombinesTypeNullabilityAndDefaultInOneStatement() throws {
        let table = Self.desired([SupabaseColumn(name: "balance", type: "bigint", nullable: false, defaultExpression: "1")])
        let diff = SchemaDiff.compare(desired: [table], actual: DatabaseSnapshot(tables: [Self.existing]), prune: false)
        let change = try #require(diff.changes.first)
        #expect(change.id.description == "supabase.column.alter.public.Accounts.balance")
        #expect(change.payload["sql"] == [
            "alter table public.\"Accounts\" alter column balance drop default, alter column balance type bigint, alter column balance set default 1, alter column balance set not null",
        ])
        #expect(change.payload["object"] == ["type": "column", "schema": "public", "table": "Accounts", "column": "balance"])
        #expect(change.before == Self.existing.columns[1].json)
        #expect(change.after["type"] == "bigint")
        #expect(change.observed == PlanDigest.of(change.before))
        #expect(change.risk == .high)
        #expect(change.description == "alter the column public.Accounts.balance: type integer → bigint, not null, default 0 → 1")
    }

    @Test func prunedTablesNameTheirOwnPartitionsOnly() {
        let table = Self.desired([SupabaseColumn(name: "id", type: "uuid", nullable: false, primaryKey: true)])
        let events = TableSnapshot(schema: "public", name: "events")
        let logs = TableSnapshot(schema: "public", name: "logs")
        let partitions = [("events_2025", "public.events"), ("events_2026", "public.events"), ("logs_2026", "public.logs")].map { name, parent in
            TableSnapshot(schema: "public", name: name, ownership: TableOwnership(partitionOf: parent))
        }
        let diff = SchemaDiff.compare(desired: [table], actual: DatabaseSnapshot(tables: [Self.existing, events, logs] + partitions), prune: true)
        let drops = diff.changes.filter { $0.id.resource == "table" }
        #expect(drops.map(\.id.description) == ["supabase.table.drop.public.events", "supabase.table.drop.public.logs"])
        #expect(drops.first?.description.contains("with its 2 partitions and") == true)
        #expect(drops.last?.description.contains("with its 1 partition and") == true)
    }

    @Test func eachDeclaredTableIsMadeComparableOnceInOrder() {
        let tables = ["Accounts", "missing"].map { SupabaseTable(name: $0, columns: [SupabaseColumn(name: "id", type: "uuid")]) }
        var asked: [String] = []
        let diff = SchemaDiff.compare(declaring: tables, actual: DatabaseSnapshot(tables: [Self.existing]), prune: false) { table in
            asked.append(table.name)
            return DesiredTable(table)
        }
        #expect(asked == ["Accounts", "missing"])
        let whole = SchemaDiff.compare(desired: tables.map { DesiredTable($0) }, actual: DatabaseSnapshot(tables: [Self.existing]), prune: false)
        #expect(diff.checks == whole.checks)
        #expect(diff.changes == whole.changes)
    }

    @Test func pruneDropsUndeclaredObjectsLastWithCriticalRisk() {
        let table = Self.desired([SupabaseColumn(name: "id", type: "uuid", nullable: false, primaryKey: true)], rls: true)
        let other = TableSnapshot(schema: "public", name: "other")
        let elsewhere = TableSnapshot(schema: "private", name: "untouched")
        let actual = DatabaseSnapshot(tables: [Self.existing, other, elsewhere])
        let diff = SchemaDiff.compare(desired: [table], actual: actual, prune: true)
        #expect(diff.changes.map(\.id.description) == [
            "supabase.rls.enable.public.Accounts",
            "supabase.policy.drop.public.Accounts.stale",
            "supabase.column.drop.public.Accounts.balance",
            "supabase.column.drop.public.Accounts.old",
            "supabase.table.drop.public.other",
        ])
        let drops = diff.changes.filter { $0.id.action == "drop" }
        #expect(drops.allSatisfy { $0.risk == .critical && $0.after == .null })
        #expect(drops.filter { $0.id.resource != "policy" }.allSatisfy { $0.hazards.contains(.deletesData) })
        #expect(SchemaDiff.compare(desired: [table], actual: actual, prune: false).changes.map(\.id.description) == ["supabase.rls.enable.public.Accounts"])
    }

    @Test func policyExpressionsCompareInNormalisedForm() {
        var normalised = NormalisedTable()
        normalised.policyExpressions["own"] = .init(using: "(auth.uid() = id)", withCheck: nil)
        let policy = RLSPolicy(name: "own", command: .select, roles: ["authenticated"], using: "auth.uid() = id")
        let table = DesiredTable(SupabaseTable(name: "t", rlsPolicies: [policy]), normalised: normalised)
        let actual = TableSnapshot(schema: "public", name: "t", policies: [
            PolicySnapshot(name: "own", command: "SELECT", roles: ["authenticated"], permissive: true, using: "(auth.uid() = id)", withCheck: nil),
        ])
        let diff = SchemaDiff.compare(desired: [table], actual: DatabaseSnapshot(tables: [actual]), prune: false)
        #expect(diff.changes.isEmpty)
    }

    @Test func newTableCarriesItsIndexesSecurityAndPoliciesAsSeparateChanges() throws {
        let table = DesiredTable(SupabaseTable(
            schema: "app",
            name: "my table",
            columns: [
                SupabaseColumn(name: "id", type: "bigserial", nullable: false, primaryKey: true),
                SupabaseColumn(name: "Owner", type: "uuid", nullable: false),
                SupabaseColumn(name: "note", type: "text", defaultExpression: "'x' -- a comment"),
            ],
            indexes: [SupabaseIndex(name: "by owner", columns: ["Owner"], unique: true)],
            rls: true,
            rlsPolicies: [RLSPolicy(name: "mine", command: .all, roles: ["authenticated", "public"], using: "auth.uid() = \"Owner\"")]
        ))
        let diff = SchemaDiff.compare(desired: [table], actual: DatabaseSnapshot(), prune: true)
        #expect(diff.changes.map(\.id.description) == [
            "supabase.table.create.app.my-table",
            "supabase.index.create.app.by-owner",
            "supabase.rls.enable.app.my-table",
            "supabase.policy.create.app.my-table.mine",
        ])
        #expect(diff.changes.allSatisfy { $0.hazards.isEmpty && $0.risk == .high })
        #expect(diff.changes.filter { $0.id.resource != "rls" }.allSatisfy { $0.before == .null })
        #expect(diff.changes[2].before == ["schema": "app", "table": "my table", "rowLevelSecurity": false])
        #expect(diff.changes[0].payload["sql"] == [
            "create table app.\"my table\" (\n    id bigserial not null,\n    \"Owner\" uuid not null,\n    note text default 'x' -- a comment\n,\n    primary key (id)\n)",
        ])
        #expect(diff.changes[1].payload["sql"] == ["create unique index \"by owner\" on app.\"my table\" using btree (\"Owner\")"])
        #expect(diff.changes[3].payload["sql"] == [
            "create policy mine on app.\"my table\" as permissive for all to authenticated, public using (auth.uid() = \"Owner\")",
        ])
        #expect(diff.changes[3].after["roles"] == ["authenticated", "public"])
    }

    @Test func existingTableChangesCarryTheirHazards() {
        let table = Self.desired(
            [SupabaseColumn(name: "id", type: "uuid", nullable: false, primaryKey: true), SupabaseColumn(name: "extra", type: "text")],
            rls: true,
            policies: [RLSPolicy(name: "stale", command: .select, using: "false")],
            indexes: [SupabaseIndex(name: "accounts_extra", columns: ["extra"])]
        )
        let diff = SchemaDiff.compare(desired: [table], actual: DatabaseSnapshot(tables: [Self.existing]), prune: false)
        let hazards = Dictionary(uniqueKeysWithValues: diff.changes.map { ($0.id.kind, $0.hazards.map(\.rawValue)) })
        #expect(hazards == [
            "supabase.column.add": ["ACQUIRES_ACCESS_EXCLUSIVE_LOCK"],
            "supabase.index.create": ["INDEX_BUILD"],
            "supabase.rls.enable": ["ACQUIRES_ACCESS_EXCLUSIVE_LOCK"],
            "supabase.policy.replace": ["ACQUIRES_ACCESS_EXCLUSIVE_LOCK"],
        ])
    }

    @Test func changeIDsAreStableAcrossRuns() {
        let table = Self.desired([SupabaseColumn(name: "balance", type: "bigint")], rls: true)
        let first = SchemaDiff.compare(desired: [table], actual: DatabaseSnapshot(tables: [Self.existing]), prune: true)
        let second = SchemaDiff.compare(desired: [table], actual: DatabaseSnapshot(tables: [Self.existing]), prune: true)
        #expect(first.changes == second.changes)
        #expect(first.checks == second.checks)
    }

    @Test func differentPrimaryKeyIsReportedNotChanged() {
        let table = Self.desired([
            SupabaseColumn(name: "id", type: "uuid", nullable: false),
            SupabaseColumn(name: "balance", type: "integer", nullable: false, primaryKey: true, defaultExpression: "0"),
        ])
        let diff = SchemaDiff.compare(desired: [table], actual: DatabaseSnapshot(tables: [Self.existing]), prune: false)
        let check = diff.checks.first { $0.id == "supabase.primary_key.public.Accounts" }
        #expect(check?.status == .fail)
        #expect(check?.suggestedAction != nil)
        #expect(!diff.changes.contains { $0.id.kind == "supabase.table.create" })
    }

    /// A key is its set of columns: declared in another order it matches. A declared key
    /// column that does not exist yet is compared only when the table already has a key
    /// (otherwise the column's addition brings the key).
    @Test func primaryKeysCompareAsSetsOfColumns() {
        var composite = Self.existing
        composite.columns[1].primaryKey = true
        let reordered = Self.desired([
            SupabaseColumn(name: "balance", type: "integer", primaryKey: true, defaultExpression: "0"),
            SupabaseColumn(name: "id", type: "uuid", nullable: false, primaryKey: true),
        ])
        let matching = SchemaDiff.compare(desired: [reordered], actual: DatabaseSnapshot(tables: [composite]), prune: false)
        #expect(matching.checks.first { $0.id == "supabase.primary_key.public.Accounts" }?.status == .pass)

        let withNewKeyColumn = Self.desired([
            SupabaseColumn(name: "id", type: "uuid", nullable: false, primaryKey: true),
            SupabaseColumn(name: "tenant", type: "uuid", nullable: false, primaryKey: true),
        ])
        let keyed = SchemaDiff.compare(desired: [withNewKeyColumn], actual: DatabaseSnapshot(tables: [Self.existing]), prune: false)
        let keyCheck = keyed.checks.first { $0.id == "supabase.primary_key.public.Accounts" }
        #expect(keyCheck?.status == .fail)
        #expect(keyCheck?.message == "the primary key of public.Accounts is (id), not (id, tenant)")

        var keyless = Self.existing
        keyless.columns[0].primaryKey = false
        let unkeyed = SchemaDiff.compare(desired: [withNewKeyColumn], actual: DatabaseSnapshot(tables: [keyless]), prune: false)
        #expect(!unkeyed.checks.contains { $0.id == "supabase.primary_key.public.Accounts" })
    }
}

/// Ordering and rendering of the one migration script.
@Suite("Supabase migration script")
struct MigrationScriptTests {
    static func change(_ id: String, sql: [String], hazards: [ChangeHazard] = []) -> Change {
        Change(
            id: ChangeID(id)!, description: "does \(id)", risk: .high, hazards: hazards, before: .null, after: .null,
            observed: PlanDigest.of(JSONValue.null),
            payload: ["object": DatabaseObject.table(schema: "public", table: "t").payload, "sql": .array(sql.map(JSONValue.string))]
        )
    }

    @Test func ordersByDependencyAndListsChangesAndHazards() throws {
        let changes = [
            Self.change("supabase.table.drop.public.old", sql: ["drop table public.old"], hazards: [.deletesData]),
            Self.change("supabase.policy.create.public.t.p", sql: ["create policy p on public.t using (true)"]),
            Self.change("supabase.column.drop.public.t.c", sql: ["alter table public.t drop column c"], hazards: [.deletesData]),
            Self.change("supabase.index.create.public.i", sql: ["create index i on public.t (a)"], hazards: [.indexBuild]),
            Self.change("supabase.table.create.public.t", sql: ["create table public.t (a int)"]),
            Self.change("supabase.policy.drop.public.t.q", sql: ["drop policy q on public.t"]),
            Self.change("supabase.rls.enable.public.t", sql: ["alter table public.t enable row level security"]),
            Self.change("supabase.column.add.public.t.b", sql: ["alter table public.t add column b int"]),
        ]
        let script = try MigrationScript(changes: changes)
        #expect(script.changeIDs.map(\.description) == [
            "supabase.table.create.public.t",
            "supabase.column.add.public.t.b",
            "supabase.index.create.public.i",
            "supabase.rls.enable.public.t",
            "supabase.policy.create.public.t.p",
            "supabase.policy.drop.public.t.q",
            "supabase.column.drop.public.t.c",
            "supabase.table.drop.public.old",
        ])
        let text = script.text()
        #expect(text.hasPrefix("""
            -- Generated by opsctl from desired-state.yaml; review before merging.
            -- Changes, in the order they run:
            --   supabase.table.create.public.t
            --   supabase.column.add.public.t.b
            --   supabase.index.create.public.i [INDEX_BUILD]
            """))
        #expect(text.contains("-- Hazards: DELETES_DATA, INDEX_BUILD\n"))
        #expect(text.contains("\n-- supabase.table.create.public.t: does supabase.table.create.public.t\ncreate table public.t (a int);\n"))
        #expect(!text.contains("begin;"))
        let wrapped = script.text(transactional: true)
        #expect(wrapped.contains("\nbegin;\n") && wrapped.hasSuffix("\ncommit;\n"))
        let statements = SQLScriptSplitter.statements(in: text)
        #expect(statements.map { $0.text.split(separator: "\n").last.map(String.init) } == script.steps.flatMap(\.statements))
    }

    @Test func namesWithLineBreaksCannotEscapeTheComment() throws {
        let evil = "x\ndrop table users"
        let change = Self.change("supabase.table.create.public.\(evil)", sql: ["create table public.\(SQLIdentifier.quote(evil)) (a int)"])
        let text = try MigrationScript(changes: [change]).text()
        let statements = SQLScriptSplitter.statements(in: text)
        #expect(statements.count == 1)
        #expect(statements[0].firstKeyword == "create")
    }

    @Test func refusesChangesThatAreNotDatabaseChangesOrLackSQL() {
        #expect(throws: MigrationScriptError.notADatabaseChange(ChangeID("github.label.create.bug")!)) {
            try MigrationScript(changes: [Self.change("github.label.create.bug", sql: ["select 1"])])
        }
        let unreadable = ChangePayloadError(changeID: ChangeID("supabase.table.create.public.t")!, problem: "payload.sql carries no SQL")
        #expect(throws: MigrationScriptError.unreadablePayload(unreadable)) {
            try MigrationScript(changes: [Self.change("supabase.table.create.public.t", sql: [])])
        }
    }
}
