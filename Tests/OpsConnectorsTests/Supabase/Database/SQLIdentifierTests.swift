import Foundation
import Testing

@testable import OpsConnectors

/// `SQLIdentifier.quote` follows PostgreSQL's `quote_ident`, checked against the server.
@Suite("SQL identifier quoting")
struct SQLIdentifierTests {
    static let cases: [(name: String, quoted: String)] = [
        ("profiles", "profiles"),
        ("_private", "_private"),
        ("t2", "t2"),
        ("Users", "\"Users\""),
        ("my table", "\"my table\""),
        ("we\"ird", "\"we\"\"ird\""),
        ("\"", "\"\"\"\""),
        ("1abc", "\"1abc\""),
        ("a$b", "\"a$b\""),
        ("ñame", "\"ñame\""),
        ("", "\"\""),
        ("select", "\"select\""),
        ("user", "\"user\""),
        ("int", "\"int\""),
        ("table", "\"table\""),
        ("abs", "abs"),
        ("name", "name"),
        ("text", "text"),
        ("drop table x; --", "\"drop table x; --\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("dot.ted", "\"dot.ted\""),
    ]

    @Test(arguments: cases)
    func quotesLikeQuoteIdent(name: String, quoted: String) {
        #expect(SQLIdentifier.quote(name) == quoted)
    }

    @Test func agreesWithTheServerOnOddNamesAndEveryKeyword() throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: nil).connect()
        let keywords = try connection.query("select word from pg_get_keywords() order by word").rows.map { try $0.string("word") }
        #expect(keywords.count > 400)
        for name in Self.cases.map(\.name) + keywords {
            let server = try connection.query("select quote_ident($1) as q", [name]).rows.first?["q"]
            #expect(SQLIdentifier.quote(name) == server, "\(name)")
        }
    }

    @Test func quotedOddNamesRoundTripThroughDDL() throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: nil).connect()
        let names = ["Users", "my table", "we\"ird", "select", "ñame", "dot.ted"]
        for name in names {
            try connection.execute(script: "create table \(SQLIdentifier.qualified("public", name)) (\(SQLIdentifier.quote(name)) int)")
        }
        let rows = try connection.query(
            "select c.relname, a.attname from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum = 1 where c.relnamespace = 'public'::regnamespace order by 1"
        ).values
        #expect(rows == names.sorted().map { [$0, $0] })
    }

    @Test func bindsArraysOfNamesAsOneParameter() throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: nil).connect()
        let names = ["public", "my \"schema\"", "back\\slash", "comma,name", "{brace}", "naïve ☃", ""]
        let rows = try connection.query("select unnest($1::text[]) as n", [PostgresArrayLiteral.encode(names)])
        #expect(rows.values.map { $0[0] } == names)
    }
}
