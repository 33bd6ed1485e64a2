import Foundation
import OpsCore

/// Appending: one READ COMMITTED transaction per receipt, ordered by the lock on the log's
/// head row, retried as a whole when PostgreSQL reports a conflict.
extension PostgresReceiptStore {
    /// serialization_failure, deadlock_detected, unique_violation (a key chosen from what
    /// was read is, in effect, a serialization failure).
    static let retryableStates: Set<String> = ["40001", "40P01", "23505"]

    private enum Failure: Error {
        case database(PostgresError)
        case receipt(ReceiptError)
    }

    @discardableResult
    package func append(kind: ReceiptKind, actor: String, body: [String: JSONValue], date: Date) throws(ReceiptError) -> Receipt {
        let connection = try connect()
        var attempt = 0
        while true {
            attempt += 1
            do throws(Failure) {
                return try inTransaction(connection) { () throws(Failure) in
                    let head = try lockHead(connection)
                    let receipt: Receipt
                    do throws(ReceiptError) {
                        receipt = try Receipt(
                            seq: head.map { $0.seq + 1 } ?? 0, date: date, kind: kind, actor: actor, body: body,
                            prev: head?.hash ?? Receipt.genesisHash, key: key)
                    } catch {
                        throw .receipt(error)
                    }
                    try store(receipt, connection)
                    return receipt
                }
            } catch {
                switch error {
                case .receipt(let error):
                    throw error
                case .database(let error):
                    guard let state = error.sqlState, Self.retryableStates.contains(state), attempt < Self.maximumAttempts else {
                        throw storeError(error)
                    }
                    Self.backOff(attempt: attempt)
                }
            }
        }
    }

    /// Loads a verified log into this one, in one transaction, refusing if it holds receipts.
    package func importLines(_ lines: [[UInt8]]) throws(ReceiptError) {
        let connection = try connect()
        do throws(Failure) {
            try inTransaction(connection) { () throws(Failure) in
                if try lockHead(connection) != nil {
                    throw .receipt(.importRefused(location: location, reason: "the log already holds receipts"))
                }
                for (index, line) in lines.enumerated() {
                    guard case .success(let receipt) = Receipt.parse(storedLine: line) else {
                        throw .receipt(.importRefused(location: location, reason: "line \(index + 1) is not a receipt"))
                    }
                    try store(receipt, connection, line: line)
                }
            }
        } catch {
            switch error {
            case .receipt(let error): throw error
            case .database(let error): throw storeError(error)
            }
        }
    }

    private func inTransaction<T>(_ connection: PostgresConnection, _ body: () throws(Failure) -> T) throws(Failure) -> T {
        try database { () throws(PostgresError) in _ = try connection.query("begin") }
        do throws(Failure) {
            let result = try body()
            try database { () throws(PostgresError) in _ = try connection.query("commit") }
            return result
        } catch {
            connection.rollbackQuietly()
            throw error
        }
    }

    private func database<T>(_ body: () throws(PostgresError) -> T) throws(Failure) -> T {
        do throws(PostgresError) {
            return try body()
        } catch {
            throw .database(error)
        }
    }

    /// Locks the log's head row (creating it for a new log) and returns the head to chain
    /// onto, read from the newest receipt itself. The head row must agree with it: when it
    /// does not, someone edited one of them, and chaining on would hide that.
    private func lockHead(_ connection: PostgresConnection) throws(Failure) -> ReceiptHead? {
        let select = "select head_seq::text as seq, head_hash as hash from opsctl.log where log_id = $1 for update"
        let row = try database { () throws(PostgresError) -> PostgresRow? in
            if let row = try connection.query(select, [logID]).rows.first { return row }
            _ = try connection.query("insert into opsctl.log (log_id) values ($1) on conflict (log_id) do nothing", [logID])
            return try connection.query(select, [logID]).rows.first
        }
        guard let row, let recordedSeq = row["seq"].flatMap({ Int($0) }) else {
            throw .database(.unexpectedResult("the head row of log '\(logID)' cannot be read"))
        }
        let recorded = recordedSeq >= 0 ? ReceiptHead(seq: recordedSeq, hash: row["hash"] ?? "") : nil
        let line = try database { () throws(PostgresError) in try Self.lastLine(connection, logID: logID) }
        var tail: ReceiptHead?
        if let line {
            do throws(ReceiptError) {
                tail = try parseTail(line).head
            } catch {
                throw .receipt(error)
            }
        }
        guard tail == recorded else {
            let described = { (head: ReceiptHead?) in head.map { "seq \($0.seq)" } ?? "empty" }
            throw .receipt(.store(
                location: location,
                message: "the head row says \(described(recorded)) but the newest receipt is \(described(tail)), so the database was edited",
                hint: "run `opsctl receipts verify`; restore the log from an export before appending"))
        }
        return tail
    }

    /// Inserts the receipt's row and moves the head.
    private func store(_ receipt: Receipt, _ connection: PostgresConnection, line: [UInt8]? = nil) throws(Failure) {
        var bytes = line ?? receipt.line
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        try database { () throws(PostgresError) in
            _ = try connection.query(
                """
                insert into opsctl.receipt (log_id, seq, line, hash, prev, kind, change_id, ts)
                values ($1, $2::bigint, $3, $4, $5, $6, $7, $8::timestamptz)
                """,
                values: [
                    .text(logID), .text(String(receipt.seq)), .bytes(bytes), .text(receipt.hash), .text(receipt.prev),
                    .text(receipt.kind.rawValue), .text(receipt.body[Receipt.changeIDKey]?.stringValue), .text(receipt.ts),
                ])
            _ = try connection.query(
                "update opsctl.log set head_seq = $2::bigint, head_hash = $3 where log_id = $1",
                [logID, String(receipt.seq), receipt.hash])
        }
    }

    /// Bounded exponential backoff with jitter: 5 ms doubling to at most 400 ms.
    static func backOff(attempt: Int) {
        let ceiling = min(400_000, 5_000 << min(attempt, 7))
        usleep(useconds_t(Int.random(in: (ceiling / 2)...ceiling)))
    }
}
