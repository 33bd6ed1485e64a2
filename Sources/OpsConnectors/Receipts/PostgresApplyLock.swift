import Foundation
import OpsCore

/// The apply lock in PostgreSQL: a session advisory lock whose key is derived from the log's
/// ID, held by a connection kept open for the whole apply. The server drops it when that
/// session ends, so a runner killed mid-apply frees it as soon as its connection is gone.
/// Beside it, the log's row records the holder, so a refused user is told who holds it;
/// that record is only believed while `pg_locks` shows the same backend holding the lock.
extension PostgresReceiptStore {
    /// A signed 64-bit key: the first 8 bytes of SHA-256("opsctl/apply\0" + log ID). Hashing
    /// keeps it clear of small keys other tools use (terraform's row IDs and -1).
    var applyLockKey: Int64 {
        let digest = (try? SHA256.hash(Array("opsctl/apply".utf8) + [0] + Array(logID.utf8))) ?? []
        return digest.prefix(8).reduce(Int64(0)) { ($0 << 8) | Int64($1) }
    }

    /// The backend pid holding the lock and the holder recorded in the log's row.
    static let holderQuery = """
        select l.pid::text as pid, (select g.apply_holder::text from opsctl.log g where g.log_id = $2) as holder
        from pg_catalog.pg_locks l
        where l.locktype = 'advisory' and l.granted and l.objsubid = 1
          and l.database = (select oid from pg_catalog.pg_database where datname = current_database())
          and ((l.classid::bigint << 32) | l.objid::bigint) = $1::bigint
        """

    package func acquireApplyLock(holder: ApplyLock.Holder) throws(ApplyError) -> any ApplyLease {
        if let reason = poolerReason {
            throw .lockRefused(
                location: location,
                reason: "\(reason), where a session advisory lock does not stay with the session that took it",
                hint: "give --receipts (or OPSCTL_RECEIPTS_URL) the direct or session-mode address (Supabase: port 5432); appends work through either")
        }
        let connection: PostgresConnection
        do {
            connection = try connect()
        } catch {
            throw .receipts(error)
        }
        let key = String(applyLockKey)
        do {
            _ = try connection.query("insert into opsctl.log (log_id) values ($1) on conflict (log_id) do nothing", [logID])
            let row = try connection.query(
                "select pg_catalog.pg_try_advisory_lock($1::bigint)::text as locked, pg_catalog.pg_backend_pid()::text as pid", [key]
            ).rows.first
            guard row?["locked"] == "true", let backendPID = row?["pid"].flatMap({ Int($0) }) else {
                throw ApplyError.locked(path: location, holder: try currentHolder(connection) ?? unknownHolder(backendPID: nil))
            }
            // A pooler in transaction mode may hand the next statement to another backend.
            let held = try connection.query(
                "select count(*)::text as n from pg_catalog.pg_locks l where l.locktype = 'advisory' and l.granted and l.objsubid = 1 and l.pid = $2::int and ((l.classid::bigint << 32) | l.objid::bigint) = $1::bigint",
                [key, String(backendPID)]
            ).rows.first?["n"]
            guard held == "1" else {
                throw ApplyError.lockRefused(
                    location: location, reason: "the lock did not stay with the session that took it (a transaction-mode pooler?)",
                    hint: "give --receipts the direct or session-mode address (Supabase: port 5432)")
            }
            var recorded = holder
            recorded.backendPID = backendPID
            // Names the session in pg_stat_activity, for whoever looks at the database.
            _ = try connection.query(
                "select pg_catalog.set_config('application_name', $1, false)",
                ["opsctl apply " + String((holder.planDigest ?? holder.plan).prefix(19))])
            _ = try connection.query(
                "update opsctl.log set apply_holder = $2::jsonb where log_id = $1",
                [logID, JSONWriter.canonical(recorded.jsonValue)])
            return PostgresApplyLease(connection: connection, logID: logID, key: key)
        } catch let error as ApplyError {
            throw error
        } catch let error as PostgresError {
            throw .receipts(storeError(error))
        } catch {
            throw .receipts(.invalidReceipt("\(error)"))
        }
    }

    package func applyLockHolder() throws(ApplyError) -> ApplyLock.Holder? {
        do throws(ReceiptError) {
            return try withConnection { connection throws(PostgresError) in try currentHolder(connection) }
        } catch {
            throw .receipts(error)
        }
    }

    /// Ends the holder's database session (`pg_terminate_backend`, which needs the same role
    /// or `pg_signal_backend`), waits until the lock is gone and clears the record.
    package func breakApplyLock() throws(ApplyError) -> ApplyLock.Holder? {
        do {
            let connection = try connect()
            do {
                guard let holder = try currentHolder(connection), let pid = holder.backendPID else { return nil }
                _ = try connection.query("select pg_catalog.pg_terminate_backend($1::int)", [String(pid)])
                var waited = 0
                while try currentHolder(connection)?.backendPID == pid, waited < 100 {
                    usleep(50_000)
                    waited += 1
                }
                if try currentHolder(connection)?.backendPID == pid {
                    throw ApplyError.lockRefused(
                        location: location, reason: "database session \(pid) still holds the lock after it was asked to end",
                        hint: "ask a database administrator to end it: select pg_terminate_backend(\(pid))")
                }
                _ = try connection.query("update opsctl.log set apply_holder = null where log_id = $1", [logID])
                return holder
            } catch let error as ApplyError {
                throw error
            } catch let error as PostgresError {
                throw storeError(error)
            } catch {
                throw ReceiptError.invalidReceipt("\(error)")
            }
        } catch let error as ApplyError {
            throw error
        } catch let error as ReceiptError {
            throw .receipts(error)
        } catch {
            throw .receipts(.invalidReceipt("\(error)"))
        }
    }

    /// The session holding the lock now, described by the recorded holder when the record is
    /// that session's (a record left by a killed runner names a backend that is gone).
    func currentHolder(_ connection: PostgresConnection) throws(PostgresError) -> ApplyLock.Holder? {
        guard let row = try connection.query(Self.holderQuery, [String(applyLockKey), logID]).rows.first,
            let pid = row["pid"].flatMap({ Int($0) })
        else { return nil }
        if let text = row["holder"], let value = try? JSONParser.parse(Array(text.utf8)) {
            let recorded = ApplyLock.Holder(value)
            if recorded.backendPID == pid { return recorded }
        }
        return unknownHolder(backendPID: pid)
    }

    func unknownHolder(backendPID: Int?) -> ApplyLock.Holder {
        ApplyLock.Holder(
            actor: "an unknown client", pid: 0, since: "an unknown time", plan: "an unknown plan", backendPID: backendPID)
    }

    /// Why this address cannot hold a session lock, when it visibly cannot.
    var poolerReason: String? {
        if address.declaresPooler { return "the address says pgbouncer=true (a transaction-mode pooler)" }
        if let ports = try? settings.get().value(for: "port"),
            ports.split(separator: ",").contains(where: { $0 == ReceiptsDatabaseAddress.transactionPoolerPort })
        {
            return "the address uses port \(ReceiptsDatabaseAddress.transactionPoolerPort), Supabase's transaction-mode pooler"
        }
        return nil
    }
}

/// A held PostgreSQL apply lock: the open session that holds it.
final class PostgresApplyLease: ApplyLease {
    private var connection: PostgresConnection?
    private let logID: String
    private let key: String

    init(connection: PostgresConnection, logID: String, key: String) {
        self.connection = connection
        self.logID = logID
        self.key = key
    }

    deinit { release() }

    func release() {
        guard let connection else { return }
        self.connection = nil
        _ = try? connection.query(
            "update opsctl.log set apply_holder = null where log_id = $1 and (apply_holder->>'backendPid')::int = pg_catalog.pg_backend_pid()",
            [logID])
        _ = try? connection.query("select pg_catalog.pg_advisory_unlock($1::bigint)", [key])
        // Closing the connection (deinit) would release it too.
    }
}
