import Foundation
import OpsCore
import Testing

@testable import OpsConnectors

/// The libpq wrapper: URI handling, bound parameters, typed errors, all-or-nothing scripts.
@Suite("PostgreSQL connection")
struct PostgresConnectionTests {
    @Test(arguments: [
        ("postgresql://u:p@db.abcdefghijklmnopqrst.supabase.co:5432/postgres", "require"),
        ("postgresql://u:p@db.example.com/postgres?sslmode=disable", "require"),
        ("postgresql://u:p@db.example.com/postgres?sslmode=prefer", "require"),
        ("postgresql://u:p@db.example.com/postgres?sslmode=verify-full", "verify-full"),
        ("postgresql://u:p@db.example.com/postgres?sslmode=verify-ca", "verify-ca"),
        ("host=db.example.com user=u password=p dbname=postgres", "require"),
        ("postgresql://u:p@localhost,db.example.com/postgres", "require"),
        ("postgresql://u:p@localhost/postgres?hostaddr=10.0.0.5", "require"),
    ])
    func forcesTLSForRemoteHosts(uri: String, sslmode: String) throws {
        let settings = try PostgresConnectionSettings(uri: uri)
        #expect(!settings.isLocal)
        #expect(settings.value(for: "sslmode") == sslmode)
    }

    @Test(arguments: [
        "postgresql://u:p@localhost/postgres",
        "postgresql://u:p@127.0.0.1:5432/postgres",
        "postgresql://u:p@[::1]:5432/postgres",
        "postgresql://u@%2Fvar%2Frun%2Fpostgresql/postgres",
        "postgresql:///postgres?host=/tmp/socket-dir",
        "postgresql:///postgres",
        "postgresql://localhost/postgres?sslmode=disable",
    ])
    func leavesLocalConnectionsAlone(uri: String) throws {
        let settings = try PostgresConnectionSettings(uri: uri)
        #expect(settings.isLocal)
        #expect(settings.value(for: "sslmode") != "require")
    }

    @Test func fillsConnectTimeoutAndApplicationNameUnlessGiven() throws {
        let defaults = try PostgresConnectionSettings(uri: "postgresql://u:s3cret-pw@db.example.com/postgres")
        #expect(defaults.value(for: "connect_timeout") == "10")
        #expect(defaults.value(for: "application_name") == "opsctl")
        let given = try PostgresConnectionSettings(uri: "postgresql://u:p@db.example.com/postgres?connect_timeout=3&application_name=ci")
        #expect(given.value(for: "connect_timeout") == "3")
        #expect(given.value(for: "application_name") == "ci")
        #expect(defaults.target == "u@db.example.com/postgres")
    }

    @Test func setsStatementAndLockTimeoutsOnConnect() throws {
        let database = try TestPostgres.cluster().makeDatabase(loading: nil)
        let options = PostgresSessionOptions(statementTimeoutMilliseconds: 1_500, lockTimeoutMilliseconds: 700)
        let connection = try PostgresConnection(uri: database.uri, options: options)
        let row = try #require(try connection.query("select current_setting('statement_timeout') as s, current_setting('lock_timeout') as l").rows.first)
        #expect(row["s"] == "1500ms")
        #expect(row["l"] == "700ms")
        let error = #expect(throws: PostgresError.self) { try connection.query("select pg_sleep(5)") }
        #expect(error?.sqlState == "57014")
    }

    @Test func bindsParametersAsDataNeverAsSQL() throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: nil).connect()
        let hostile = "x'); drop table users; --"
        let rows = try connection.query("select $1::text as text, $2::int + 1 as number, $3::text as nothing", [hostile, "41", nil])
        #expect(rows.columns == ["text", "number", "nothing"])
        #expect(rows.values == [[hostile, "42", nil]])
    }

    @Test func refusesTwoStatementsInOneQuery() throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: nil).connect()
        let error = #expect(throws: PostgresError.self) { try connection.query("select 1; select 2") }
        #expect(error?.sqlState == "42601")
    }

    @Test(arguments: [true, false])
    func failedStatementNamesItsSQLStateAndPosition(pipelining: Bool) throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: nil).connect()
        let script = """
            -- header
            create table a (id int);

            create table b (id int);
            select *
              from missing_table;
            """
        let error = #expect(throws: PostgresError.self) { try connection.execute(script: script, pipelining: pipelining) }
        guard case .statementFailed(let server) = error else {
            Issue.record("expected a statement failure, got \(String(describing: error))")
            return
        }
        #expect(server.sqlState == "42P01")
        #expect(server.location == PostgresError.ScriptLocation(statementNumber: 3, statementCount: 3, line: 6, column: 8))
        let message = try #require(error?.diagnostic.message)
        #expect(message.hasPrefix("statement 3 of 3 (line 6, column 8) failed: relation \"missing_table\" does not exist (SQLSTATE 42P01)"))
        // All or nothing: the two tables created before the failure are gone.
        #expect(try connection.query("select count(*) as n from pg_class where relname in ('a', 'b')").rows.first?["n"] == "0")
    }

    @Test(arguments: [true, false])
    func scriptCommitsWhenEveryStatementSucceeds(pipelining: Bool) throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: nil).connect()
        try connection.execute(script: "create table a (id int); insert into a values (1), (2);\n", pipelining: pipelining)
        #expect(try connection.query("select count(*) as n from a").rows.first?["n"] == "2")
    }

    @Test(arguments: [true, false])
    func aConstraintCheckedAtCommitFailsTheWholeScript(pipelining: Bool) throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: nil).connect()
        try connection.execute(script: """
            create table parent (id int primary key);
            create table child (parent_id int references parent (id) deferrable initially deferred);
            """, pipelining: pipelining)
        let error = #expect(throws: PostgresError.self) {
            try connection.execute(script: "insert into child values (1); create table c (id int);", pipelining: pipelining)
        }
        #expect(error?.sqlState == "23503", "the deferred foreign key fails at COMMIT")
        #expect(try connection.query("select count(*) as n from pg_class where relname = 'c'").rows.first?["n"] == "0")
        #expect(try connection.query("select count(*) as n from child").rows.first?["n"] == "0")
    }

    @Test(arguments: ["begin; create table a (id int); commit;", "create table a (id int);\nCOMMIT;", "create table a (id int); rollback"])
    func scriptMayNotControlItsOwnTransaction(script: String) throws {
        let connection = try TestPostgres.cluster().makeDatabase(loading: nil).connect()
        #expect(throws: PostgresError.self) { try connection.execute(script: script) }
        #expect(try connection.query("select count(*) as n from pg_class where relname = 'a'").rows.first?["n"] == "0")
    }

    @Test func aColumnFoundOnceReadsWhatItsNameReadsInEveryRow() throws {
        let rows = PostgresRows(columns: ["schema", "name", "rls", "note"], values: [["public", "a", "true", nil], ["app", "b", "f", "x"]])
        let name = rows.column("name"), rls = rows.column("rls"), note = rows.column("note"), absent = rows.column("absent")
        for row in rows.rows {
            #expect(try row.string(name) == row.string("name"))
            #expect(try row.bool(rls) == row.bool("rls"))
            #expect(row[note] == row["note"])
            #expect(row[absent] == nil)
        }
        let first = try #require(rows.rows.first)
        let missing = #expect(throws: PostgresError.self) { try first.string(absent) }
        #expect(missing?.diagnostic.message.contains("the column 'absent' is missing or null") == true)
        let null = #expect(throws: PostgresError.self) { try first.string(note) }
        #expect(null?.diagnostic.message.contains("the column 'note' is missing or null") == true)
        let notBoolean = #expect(throws: PostgresError.self) { try first.bool(name) }
        #expect(notBoolean?.diagnostic.message.contains("the column 'name' holds 'a', not a boolean") == true)
    }

    @Test func missingServerBinariesFailWithTheInstallHint() {
        let message = TestPostgresError.missingBinaries(searched: ["/usr/lib/postgresql/15/bin"]).description
        #expect(message.contains("initdb"))
        #expect(message.contains("make test"))
        #expect(message.contains("postgresql"))
    }

    @Test func invalidURIIsATypedError() {
        let error = #expect(throws: PostgresError.self) { try PostgresConnectionSettings(uri: "postgresql://u:p@host/db?nonsense=1") }
        #expect(error?.diagnostic.message.contains("nonsense") == true)
        #expect(error?.diagnostic.hint != nil)
    }
}

/// Statement splitting for migration scripts, the way psql splits them.
@Suite("SQL script splitter")
struct SQLScriptSplitterTests {
    @Test func splitsAtTopLevelSemicolonsOnly() {
        let script = """
            -- a comment; with a semicolon
            create function f() returns text language sql as $body$ select 'a;b' $body$;
            /* block; /* nested; */ still comment */ select 'it''s; fine', "odd;name", E'esc\\'; still', $$x;y$$;
            select $1;
            """
        let statements = SQLScriptSplitter.statements(in: script)
        #expect(statements.count == 3)
        #expect(statements[0].firstKeyword == "create")
        #expect(statements[0].line == 2)
        #expect(statements[1].firstKeyword == "select")
        #expect(statements[1].line == 3)
        #expect(statements[1].column == 42)
        #expect(statements[2].text.trimmingWhitespace == "select $1")
    }

    @Test func aSQLStandardFunctionBodyIsOneStatement() {
        let script = """
            begin;
            create function f(n int) returns int language sql
            begin atomic
                select case when n > 0 then n else 0 end;
                select n + 1;
            end;
            select case when true then 1 end; commit;
            """
        let statements = SQLScriptSplitter.statements(in: script)
        #expect(statements.map(\.firstKeyword) == ["begin", "create", "select", "commit"])
        #expect(statements[1].text.hasSuffix("select n + 1;\nend"))
    }

    @Test func dropsEmptyAndCommentOnlyStatements() {
        #expect(SQLScriptSplitter.statements(in: ";;\n-- only a comment\n/* and another */;").isEmpty)
    }

    @Test func mapsServerPositionsToScriptLines() {
        let statements = SQLScriptSplitter.statements(in: "select 1;\n\nselect\n  nope;")
        #expect(statements.count == 2)
        #expect(statements[1].scriptPosition(ofCharacter: nil) == (3, 1))
        // The server counts from the statement text, which starts right after the `;`.
        #expect(statements[1].scriptPosition(ofCharacter: 12) == (4, 3))
    }
}
