import OpsCore
import Testing

@testable import OpsConnectors

/// Tables that declare only columns are normalised from shared definitions, one temporary
/// table for all of them; the answers must be the ones a copy per table gives.
@Suite("Shared column definitions")
struct SharedColumnDefinitionsTests {
    static let schema = """
        create type public.mood as enum ('happy', 'sad');
        create sequence public.counter_seq;
        create table public.existing (id bigint primary key, note text, legacy integer);
        """

    /// Definitions that print differently from how they are written.
    static let tables = [
        SupabaseTable(name: "existing", columns: [
            SupabaseColumn(name: "id", type: "int8", nullable: false, primaryKey: true),
            SupabaseColumn(name: "note", type: "varchar(20)", defaultExpression: "'x'"),
            SupabaseColumn(name: "added", type: "INT", defaultExpression: "1 + 1"),
        ]),
        SupabaseTable(name: "fresh", columns: [
            SupabaseColumn(name: "a", type: "character varying(20)"),
            SupabaseColumn(name: "b", type: "text[]", defaultExpression: "'{}'"),
            SupabaseColumn(name: "c", type: "numeric(10,2)", defaultExpression: "0"),
            SupabaseColumn(name: "d", type: "timestamptz", defaultExpression: "now()"),
            SupabaseColumn(name: "e", type: "mood", defaultExpression: "'happy'"),
            SupabaseColumn(name: "f", type: "bigint", defaultExpression: "nextval('counter_seq')"),
            SupabaseColumn(name: "g", type: "bigint", nullable: false, identity: .always),
            SupabaseColumn(name: "h", type: "uuid", defaultExpression: "gen_random_uuid() -- a comment"),
            SupabaseColumn(name: "i", type: "bool", defaultExpression: "true"),
            SupabaseColumn(name: "j", type: "double precision"),
        ]),
        SupabaseTable(schema: "public", name: "also_fresh", columns: [
            SupabaseColumn(name: "note", type: "varchar(20)", defaultExpression: "'x'"),
            SupabaseColumn(name: "n", type: "public.mood"),
        ]),
    ]

    /// Every table's answer, with or without shared definitions.
    static func answers(
        _ tables: [SupabaseTable], on connection: PostgresConnection, sharing: Bool
    ) throws -> [String: NormalisedTable] {
        let actual = try SchemaReader(connection: connection).read(schemas: ["public"])
        var normaliser = DesiredSchemaNormaliser(connection: connection)
        normaliser.sharingDefinitions = sharing
        return try normaliser.normalising(tables, actual: actual) { normalise throws(PostgresError) in
            var answers: [String: NormalisedTable] = [:]
            for table in tables {
                var answer = try normalise(table)
                // Only policies read the shadowed name, and these tables have none.
                answer.shadowedName = nil
                answers[table.name] = answer
            }
            return answers
        }
    }

    @Test func sharedAnswersAreTheCopiesAnswers() throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: Self.schema).connect()
        let actual = try SchemaReader(connection: connection).read(schemas: ["public"])
        for table in Self.tables {
            #expect(SharedColumnDefinitions.standsAlone(table, actual: actual.tables.first { $0.name == table.name }), "\(table.name)")
        }
        let shared = try Self.answers(Self.tables, on: connection, sharing: true)
        let copied = try Self.answers(Self.tables, on: connection, sharing: false)
        #expect(shared == copied)
        let fresh = try #require(shared["fresh"])
        #expect(fresh.columns["c"]?.type == "numeric(10,2)")
        #expect(fresh.columns["b"]?.type == "text[]")
        #expect(fresh.columns["e"]?.defaultExpression == "'happy'::mood")
        #expect(fresh.columns["f"]?.defaultExpression == "nextval('counter_seq'::regclass)")
        #expect(fresh.columns["g"].map(\.defaultExpression) == .some(nil), "an identity column has no default")
        #expect(shared["existing"]?.columns["added"]?.type == "integer")
        #expect(shared["also_fresh"]?.columns["note"]?.defaultExpression == "'x'::character varying")
        #expect(shared.values.allSatisfy { $0.problem == nil })
    }

    @Test func aRefusedDefinitionIsReportedForItsTableAlone() throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: Self.schema).connect()
        var tables = Self.tables
        tables.append(SupabaseTable(name: "broken", columns: [
            SupabaseColumn(name: "id", type: "int8"),
            SupabaseColumn(name: "kind", type: "no_such_type"),
        ]))
        let answers = try Self.answers(tables, on: connection, sharing: true)
        #expect(answers["broken"]?.problem?.contains("no_such_type") == true)
        #expect(answers.filter { $0.value.problem != nil }.map(\.key) == ["broken"])
        let copied = try Self.answers(tables, on: connection, sharing: false)
        #expect(answers == copied, "the broken table's answer is the one its own copy gives")
    }

    @Test func onlyTheTablesReadAreAnswered() throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: nil).connect()
        let read = SupabaseTable(name: "read", columns: [SupabaseColumn(name: "id", type: "int8")])
        let other = SupabaseTable(name: "other", columns: read.columns)
        let shared = try connection.rolledBackTransaction { connection throws(PostgresError) in
            _ = try connection.query("savepoint opsctl_test")
            return try SharedColumnDefinitions.read([read], on: connection, rollingBackTo: "opsctl_test")
        }
        #expect(shared.covers(read))
        #expect(shared.normalised(read)?.columns["id"]?.type == "bigint")
        #expect(!shared.covers(other), "same definitions, but it was not given to read")
        #expect(shared.normalised(other) == nil)
    }

    @Test func definitionsBeyondOneTemporaryTableAreReadInChunks() throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: nil).connect()
        let count = SharedColumnDefinitions.chunkSize + 200
        let tables = stride(from: 1, through: count, by: 100).map { first in
            SupabaseTable(name: "wide_\(first)", columns: (first..<min(first + 100, count + 1)).map {
                SupabaseColumn(name: "v\($0)", type: "varchar(\($0))")
            })
        }
        // One refused definition among them is found by halving its chunk.
        var withBroken = tables
        withBroken[3].columns[7].type = "varchar(0)"
        let answers = try Self.answers(withBroken, on: connection, sharing: true)
        for table in tables where table.name != withBroken[3].name {
            for column in table.columns {
                #expect(answers[table.name]?.columns[column.name]?.type == "character varying(\(column.type.dropFirst(8).dropLast()))")
            }
        }
        #expect(answers[withBroken[3].name]?.problem?.contains("length for type varchar must be at least 1") == true)
        #expect(answers.values.filter { $0.problem != nil }.count == 1)
    }

    @Test(arguments: [
        ("a policy", SupabaseTable(name: "t", columns: [SupabaseColumn(name: "id", type: "int8")], rlsPolicies: [RLSPolicy(name: "p", using: "true")])),
        ("an index", SupabaseTable(name: "t", columns: [SupabaseColumn(name: "id", type: "int8")], indexes: [SupabaseIndex(name: "i", columns: ["id"])])),
        ("a check", SupabaseTable(name: "t", columns: [SupabaseColumn(name: "id", type: "int8")], constraints: [SupabaseConstraint(name: "c", definition: .check("id > 0"))])),
        ("a unique constraint", SupabaseTable(name: "t", columns: [SupabaseColumn(name: "id", type: "int8")], constraints: [SupabaseConstraint(name: "u", definition: .unique(columns: ["id"]))])),
        ("a generated column", SupabaseTable(name: "t", columns: [SupabaseColumn(name: "id", type: "int8"), SupabaseColumn(name: "twice", type: "int8", generated: "id * 2")])),
        ("a serial column", SupabaseTable(name: "t", columns: [SupabaseColumn(name: "id", type: "serial")])),
        ("a serial column in capitals", SupabaseTable(name: "t", columns: [SupabaseColumn(name: "id", type: "BIGSERIAL")])),
        ("a qualified serial column", SupabaseTable(name: "t", columns: [SupabaseColumn(name: "id", type: "pg_catalog.serial8")])),
        ("a quoted serial column", SupabaseTable(name: "t", columns: [SupabaseColumn(name: "id", type: "\"serial\"")])),
        ("a type copied from a column", SupabaseTable(name: "t", columns: [SupabaseColumn(name: "id", type: "other.id%TYPE")])),
        ("a system column's name", SupabaseTable(name: "t", columns: [SupabaseColumn(name: "xmin", type: "int8")])),
        ("a name the server truncates", SupabaseTable(name: "t", columns: [SupabaseColumn(name: String(repeating: "n", count: 64), type: "int8")])),
    ])
    func tablesThatReferToThemselvesKeepACopy(what: String, table: SupabaseTable) {
        #expect(!SharedColumnDefinitions.standsAlone(table, actual: nil), "\(what)")
    }

    @Test func aTableBeyondTheColumnLimitKeepsACopy() {
        let columns = (0..<SharedColumnDefinitions.maximumColumns).map { SupabaseColumn(name: "c\($0)", type: "int8") }
        #expect(SharedColumnDefinitions.standsAlone(SupabaseTable(name: "t", columns: columns), actual: nil))
        #expect(!SharedColumnDefinitions.standsAlone(SupabaseTable(name: "t", columns: columns + [SupabaseColumn(name: "one_more", type: "int8")]), actual: nil))
        let real = TableSnapshot(schema: "public", name: "t", columns: [ColumnSnapshot(name: "legacy", type: "integer", nullable: true, defaultExpression: nil, primaryKey: false)])
        #expect(!SharedColumnDefinitions.standsAlone(SupabaseTable(name: "t", columns: columns), actual: real), "the copy would hold the real table's columns too")
    }

    @Test(arguments: ["int8", "text", "character varying(20)", "public.mood", "seria", "serials_are_not_here"])
    func typesThatCannotReferToTheTable(type: String) {
        #expect(SharedColumnDefinitions.mayReferToTheTable(type: type) == type.hasPrefix("serials"), "\(type)")
    }

    @Test func aTriggerKeepsACopyAndAForeignKeyDoesNot() {
        var table = SupabaseTable(name: "t", columns: [SupabaseColumn(name: "owner", type: "uuid")], constraints: [
            SupabaseConstraint(name: "fk", definition: .foreignKey(SupabaseForeignKey(
                columns: ["owner"], referencedSchema: "auth", referencedTable: "users", referencedColumns: ["id"]
            ))),
        ])
        #expect(SharedColumnDefinitions.standsAlone(table, actual: nil), "a temporary copy leaves foreign keys out anyway")
        table.triggers = [SupabaseTrigger(name: "touch", timing: .before, events: [.update], functionName: "touch")]
        #expect(!SharedColumnDefinitions.standsAlone(table, actual: nil))
    }
}
