import Foundation
import OpsCore
import Testing

@testable import OpsConnectors

/// What only the PostgreSQL store has: its schema, grants, tamper detection in the database,
/// pooler refusal and password hygiene.
@Suite("PostgreSQL receipts store")
struct PostgresReceiptStoreTests {
    func makeStore() throws -> (PostgresReceiptStore, TestDatabase) {
        let database = try TestPostgres.cluster().makeDatabase(loading: nil)
        let store = PostgresReceiptStore(address: database.uri, key: nil, checkpointPath: "/nonexistent/.opsctl/checkpoint")
        return (store, database)
    }

    @Test func initIsIdempotentAndVersioned() throws {
        let (store, database) = try makeStore()
        let first = try store.initializeSchema(grantTo: nil)
        #expect(first.previousVersion == nil)
        #expect(first.version == 1)
        let second = try store.initializeSchema(grantTo: nil)
        #expect(second.previousVersion == 1)
        let versions = try database.connect().query("select version::text as v from opsctl.schema_version").rows.map { $0["v"] }
        #expect(versions == ["1"])
    }

    @Test func withoutTheSchemaTheErrorSaysToRunInit() throws {
        let (store, _) = try makeStore()
        #expect(try store.exists() == false)
        do {
            _ = try store.append(kind: .approve, actor: "carol", body: [:], date: Date())
            Issue.record("append worked without a schema")
        } catch {
            #expect(error.diagnostic.hint?.contains("opsctl receipts init") == true)
        }
    }

    @Test func anAppenderRoleMayInsertButNeverUpdateOrDelete() throws {
        let (store, database) = try makeStore()
        let admin = try database.connect()
        _ = try admin.query("create role opsctl_appender_\(database.name) login")
        let role = "opsctl_appender_\(database.name)"
        _ = try store.initializeSchema(grantTo: role)

        let appender = PostgresReceiptStore(
            address: database.cluster.uri(database: database.name, user: role), key: nil, checkpointPath: "/nonexistent/c")
        let receipts = try ReceiptStoreFixtures.appendSample(to: appender, count: 3)
        #expect(try appender.verify(expectHead: nil).isIntact)
        let lease = try appender.acquireApplyLock(holder: .init(actor: "ci", pid: 1, since: "now", plan: "p"))
        lease.release()

        let connection = try PostgresConnection(uri: database.cluster.uri(database: database.name, user: role))
        for statement in ["update opsctl.receipt set kind = 'x'", "delete from opsctl.receipt", "truncate opsctl.receipt"] {
            #expect(throws: PostgresError.self, "\(statement) must be refused") { try connection.query(statement) }
        }
        #expect(try store.list(kind: nil, changeID: nil) == receipts)
    }

    @Test func theTriggerRefusesEditsEvenByTheOwner() throws {
        let (store, database) = try makeStore()
        _ = try store.initializeSchema(grantTo: nil)
        try ReceiptStoreFixtures.appendSample(to: store, count: 2)
        let admin = try database.connect()
        #expect(throws: PostgresError.self) { try admin.query("update opsctl.receipt set kind = 'x'") }
        #expect(throws: PostgresError.self) { try admin.query("delete from opsctl.receipt") }
    }

    /// An owner can switch the trigger off; the chain still gives the edit away.
    @Test func aRowEditedInTheDatabaseIsCaughtByVerify() throws {
        let (store, database) = try makeStore()
        _ = try store.initializeSchema(grantTo: nil)
        try ReceiptStoreFixtures.appendSample(to: store, count: 5)
        let admin = try database.connect()
        _ = try admin.query("alter table opsctl.receipt disable trigger receipt_append_only")
        _ = try admin.query(
            "update opsctl.receipt set line = convert_to(replace(convert_from(line, 'UTF8'), 'carol@example.com', 'mallory@example.com'), 'UTF8') where seq = 2")
        let report = try store.verify(expectHead: nil)
        #expect(report.failure?.seq == 2)
        #expect(report.failure?.reason == .edited)
        #expect(report.entries == 2)
    }

    @Test func deletingTheNewestRowsIsCaughtAgainstTheHeadRow() throws {
        let (store, database) = try makeStore()
        _ = try store.initializeSchema(grantTo: nil)
        let receipts = try ReceiptStoreFixtures.appendSample(to: store, count: 5)
        let admin = try database.connect()
        _ = try admin.query("alter table opsctl.receipt disable trigger receipt_append_only")
        _ = try admin.query("delete from opsctl.receipt where seq >= 3")
        let report = try store.verify(expectHead: nil)
        guard case .truncated(let expected, let lastSeq)? = report.failure?.reason else {
            Issue.record("expected truncation, got \(String(describing: report.failure))")
            return
        }
        #expect(expected.hash == receipts[4].hash)
        #expect(lastSeq == 2)
        // Appending onto a cut log is refused too: the head row and the newest row disagree.
        #expect(throws: ReceiptError.self) { try store.append(kind: .approve, actor: "x", body: [:], date: Date()) }
    }

    /// A client that skips the head-row lock still cannot fork the chain: the keys refuse a
    /// second receipt at the same place or after the same predecessor.
    @Test func theKeysRefuseAForkFromAClientThatSkipsTheLock() throws {
        let (store, database) = try makeStore()
        _ = try store.initializeSchema(grantTo: nil)
        let receipts = try ReceiptStoreFixtures.appendSample(to: store, count: 3)
        let forger = try database.connect()
        let fork = try Receipt(seq: 2, date: Date(), kind: .approve, actor: "mallory", body: [:], prev: receipts[1].hash)
        let sameSeq = "insert into opsctl.receipt (log_id, seq, line, hash, prev, kind, ts) values ('default', 2, 'x', $1, $2, 'approve', now())"
        #expect { try forger.query(sameSeq, [fork.hash, fork.prev]) } throws: { ($0 as? PostgresError)?.sqlState == "23505" }
        let samePrev = "insert into opsctl.receipt (log_id, seq, line, hash, prev, kind, ts) values ('default', 3, 'x', $1, $2, 'approve', now())"
        #expect { try forger.query(samePrev, [fork.hash, fork.prev]) } throws: { ($0 as? PostgresError)?.sqlState == "23505" }
        #expect(try store.verify(expectHead: nil).isIntact)
    }

    @Test func transactionPoolersAreRefusedForTheLock() throws {
        let database = try TestPostgres.cluster().makeDatabase(loading: nil)
        for address in [database.uri + "&pgbouncer=true", database.uri + "&port=6543"] {
            let store = PostgresReceiptStore(address: address, key: nil, checkpointPath: "/nonexistent/c")
            do {
                _ = try store.acquireApplyLock(holder: .init(actor: "ci", pid: 1, since: "now", plan: "p"))
                Issue.record("the lock was taken through \(address)")
            } catch {
                guard case .lockRefused(_, let reason, let hint) = error else {
                    Issue.record("unexpected \(error)")
                    continue
                }
                #expect(reason.contains("pooler"))
                #expect(hint.contains("5432"))
            }
        }
        // Appends are single transactions and fine through a pooler: the mark is taken out
        // before libpq (which rejects it) sees the address.
        let store = PostgresReceiptStore(address: database.uri + "&pgbouncer=true", key: nil, checkpointPath: "/nonexistent/c")
        _ = try store.initializeSchema(grantTo: nil)
        #expect(try store.append(kind: .approve, actor: "ci", body: [:], date: Date()).seq == 0)
    }

    @Test func addressesAreRecognisedAndPoolerMarksRemoved() {
        #expect(ReceiptsDatabaseAddress.isDatabaseAddress("postgres://u@h/db"))
        #expect(ReceiptsDatabaseAddress.isDatabaseAddress("postgresql://u@h/db"))
        #expect(ReceiptsDatabaseAddress.isDatabaseAddress("host=db.example.com dbname=ops user=ci"))
        #expect(!ReceiptsDatabaseAddress.isDatabaseAddress(".opsctl/receipts.jsonl"))
        #expect(!ReceiptsDatabaseAddress.isDatabaseAddress("./a=b.jsonl"))

        let uri = ReceiptsDatabaseAddress("postgres://u:p@h:6543/db?sslmode=require&pgbouncer=true")
        #expect(uri.declaresPooler)
        #expect(uri.connectionString == "postgres://u:p@h:6543/db?sslmode=require")
        let keywords = ReceiptsDatabaseAddress("host=h pgbouncer=true dbname=db")
        #expect(keywords.declaresPooler)
        #expect(keywords.connectionString == "host=h dbname=db")
        #expect(!ReceiptsDatabaseAddress("postgres://u@h/db").declaresPooler)
    }

    @Test func thePasswordNeverReachesALocationOrAnError() throws {
        let database = try TestPostgres.cluster().makeDatabase(loading: nil)
        let canary = TestPostgres.canaryPassword
        let store = PostgresReceiptStore(address: database.canaryURI, key: nil, checkpointPath: "/nonexistent/c")
        #expect(PostgresReceiptStore.password(in: database.canaryURI) == canary)
        #expect(!store.location.contains(canary))
        _ = try store.initializeSchema(grantTo: nil)
        try ReceiptStoreFixtures.appendSample(to: store, count: 1)

        let wrong = PostgresReceiptStore(address: database.canaryURI.replacingOccurrences(of: canary, with: canary + "x"), key: nil, checkpointPath: "/nonexistent/c")
        do {
            _ = try wrong.head()
            Issue.record("a wrong password connected")
        } catch {
            #expect(!error.message.contains(canary))
            #expect(!store.location.contains(canary))
            #expect(error.diagnostic.hint?.contains("OPSCTL_RECEIPTS_URL") == true)
        }
    }
}
