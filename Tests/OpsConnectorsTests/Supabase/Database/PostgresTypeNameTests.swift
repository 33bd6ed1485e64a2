import Foundation
import Testing

@testable import OpsConnectors

/// Desired type names normalise to `format_type`'s spelling, checked against the server.
@Suite("PostgreSQL type names")
struct PostgresTypeNameTests {
    static let cases: [(written: String, canonical: String)] = [
        ("int4", "integer"),
        ("int", "integer"),
        ("INTEGER", "integer"),
        ("int8", "bigint"),
        ("int2", "smallint"),
        ("serial", "integer"),
        ("bigserial", "bigint"),
        ("bool", "boolean"),
        ("float8", "double precision"),
        ("float4", "real"),
        ("varchar(20)", "character varying(20)"),
        ("varchar", "character varying"),
        ("character varying( 20 )", "character varying(20)"),
        ("char(3)", "character(3)"),
        ("char", "character(1)"),
        ("numeric(10, 2)", "numeric(10,2)"),
        ("decimal(12,4)", "numeric(12,4)"),
        ("timestamptz", "timestamp with time zone"),
        ("timestamp", "timestamp without time zone"),
        ("timestamptz(3)", "timestamp(3) with time zone"),
        ("timestamp(6) with time zone", "timestamp(6) with time zone"),
        ("timetz", "time with time zone"),
        ("time", "time without time zone"),
        ("text[]", "text[]"),
        ("int4[]", "integer[]"),
        ("_int4", "integer[]"),
        ("varchar(10)[]", "character varying(10)[]"),
        ("uuid", "uuid"),
        ("jsonb", "jsonb"),
        ("bytea", "bytea"),
        ("date", "date"),
        ("  Text  ", "text"),
    ]

    @Test(arguments: cases)
    func normalises(written: String, canonical: String) {
        #expect(PostgresTypeName.normalise(written) == canonical)
    }

    @Test func agreesWithTheServersFormatType() throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: nil).connect()
        try connection.rolledBackTransaction { connection throws(PostgresError) in
            for (index, entry) in Self.cases.enumerated() {
                _ = try connection.query("create temporary table t\(index) (c \(entry.written))")
                let row = try connection.query(
                    "select format_type(atttypid, atttypmod) as t from pg_attribute where attrelid = $1::regclass and attname = 'c'",
                    ["pg_temp.t\(index)"]
                ).rows.first
                #expect(row?["t"] == PostgresTypeName.normalise(entry.written), "\(entry.written)")
            }
        }
    }

    @Test func knowsWhichTypesBringTheirOwnDefault() {
        #expect(PostgresTypeName.isSerial("bigserial"))
        #expect(PostgresTypeName.isSerial("SERIAL"))
        #expect(!PostgresTypeName.isSerial("bigint"))
        #expect(PostgresTypeName.isSerial("  serial4\t"))
        #expect(!PostgresTypeName.isSerial("serial []"))
        #expect(PostgresTypeName.isSerial("\r\nSerial8 \u{0B}"))
        #expect(!PostgresTypeName.isSerial("serial 4"))
        #expect(!PostgresTypeName.isSerial("   "))
        #expect(!PostgresTypeName.isSerial("bigserialx"))
        // Text with non-ASCII characters takes the general path, whose white space is Unicode's.
        #expect(PostgresTypeName.isSerial("\u{00A0}smallserial\u{2003}"))
        #expect(!PostgresTypeName.isSerial("sérial"))
        #expect(!PostgresTypeName.isSerial("big serial"))
        #expect(!PostgresTypeName.isSerial(""))
    }
}
