import Foundation
import OpsCore

/// The receipts log in PostgreSQL (docs/receipts-postgres.md): the same canonical lines and
/// hash chain as the JSONL file, one row per receipt, for a team whose laptops and CI runners
/// must share approvals and one apply lock.
///
/// A value, like `ReceiptLog`: every operation opens its own connection (one dedicated libpq
/// connection, no pool) and closes it, so nothing outlives a call except a held apply lock,
/// whose session is the lock.
package struct PostgresReceiptStore: ReceiptStore {
    package static let defaultLogID = "default"

    let address: ReceiptsDatabaseAddress
    /// Parsed once; an unparsable address is reported by the first operation.
    let settings: Result<PostgresConnectionSettings, PostgresError>
    package let logID: String
    let key: [UInt8]?
    package let checkpointPath: String
    package let location: String
    package var macKey: [UInt8]? { key }

    /// Appends retry a conflicting transaction this many times before giving up.
    static let maximumAttempts = 12

    package init(address text: String, logID: String = PostgresReceiptStore.defaultLogID, key: [UInt8]?, checkpointPath: String) {
        let address = ReceiptsDatabaseAddress(text)
        self.address = address
        let options = PostgresSessionOptions(
            connectTimeoutSeconds: 10, statementTimeoutMilliseconds: 60_000, lockTimeoutMilliseconds: 5_000,
            applicationName: "opsctl receipts")
        let parsed = Result { () throws(PostgresError) in try PostgresConnectionSettings(uri: address.connectionString, options: options) }
        settings = parsed
        self.logID = logID
        self.key = key
        self.checkpointPath = checkpointPath
        let target = (try? parsed.get().target) ?? "an unparsable PostgreSQL address"
        location = logID == Self.defaultLogID ? "postgresql://\(target)" : "postgresql://\(target) (log \(logID))"
    }

    /// The password in the address, however it is spelled, for the redactor.
    package static func password(in address: String) -> String? {
        (try? PostgresConnectionSettings(uri: ReceiptsDatabaseAddress(address).connectionString).password)
            ?? PostgresSecretScrubber.passwordText(in: address)
    }

    package static func isDatabaseAddress(_ text: String) -> Bool {
        ReceiptsDatabaseAddress.isDatabaseAddress(text)
    }

    // MARK: Connections and errors

    func connect() throws(ReceiptError) -> PostgresConnection {
        do {
            return try PostgresConnection(settings: try settings.get())
        } catch {
            throw storeError(error)
        }
    }

    func storeError(_ error: PostgresError) -> ReceiptError {
        if let state = error.sqlState, Self.missingSchemaStates.contains(state) {
            return .store(
                location: location, message: "the receipts tables do not exist there",
                hint: "run `opsctl receipts init --receipts ADDRESS` once with a role that may create them")
        }
        let diagnostic = error.diagnostic
        switch error {
        case .invalidURI, .connectionFailed:
            // The wrapper's own hint names SUPABASE_DB_URL; here the address came from elsewhere.
            return .store(
                location: location, message: diagnostic.message,
                hint: "check --receipts (or OPSCTL_RECEIPTS_URL) and that the database accepts connections from here")
        default:
            return .store(location: location, message: diagnostic.message, hint: diagnostic.hint)
        }
    }

    /// invalid_schema_name, undefined_table.
    static let missingSchemaStates: Set<String> = ["3F000", "42P01"]

    /// Runs `body` on a fresh connection, turning database errors into receipt errors.
    func withConnection<T>(_ body: (PostgresConnection) throws(PostgresError) -> T) throws(ReceiptError) -> T {
        let connection = try connect()
        do {
            return try body(connection)
        } catch {
            throw storeError(error)
        }
    }

    /// Runs `body` in one read-only REPEATABLE READ snapshot, so a reader sees one state of the
    /// log however many appenders commit meanwhile.
    func inSnapshot<T>(_ body: (PostgresConnection) throws(PostgresError) -> T) throws(ReceiptError) -> T {
        try withConnection { connection throws(PostgresError) in
            _ = try connection.query("begin isolation level repeatable read read only")
            defer { connection.rollbackQuietly() }
            return try body(connection)
        }
    }

    // MARK: Reading

    package func exists() throws(ReceiptError) -> Bool {
        do {
            return try withConnection { connection throws(PostgresError) in
                !(try connection.query("select 1 from opsctl.log where log_id = $1", [logID]).isEmpty)
            }
        } catch .store(_, let message, _) where message == "the receipts tables do not exist there" {
            return false
        }
    }

    package func forEachLine(_ body: (UnsafeRawBufferPointer) -> Bool) throws(ReceiptError) {
        try inSnapshot { connection throws(PostgresError) in
            try Self.streamLines(connection, logID: logID) { line in body(line) }
        }
    }

    static func streamLines(
        _ connection: PostgresConnection, logID: String, _ body: (UnsafeRawBufferPointer) -> Bool
    ) throws(PostgresError) {
        try connection.streamFirstColumn("select line from opsctl.receipt where log_id = $1 order by seq", [logID]) {
            value in body(value ?? UnsafeRawBufferPointer(start: nil, count: 0))
        }
    }

    package func head() throws(ReceiptError) -> ReceiptHead? {
        let tail = try withConnection { connection throws(PostgresError) in try Self.lastLine(connection, logID: logID) }
        guard let tail else { return nil }
        return try parseTail(tail).head
    }

    /// The newest stored line, read in binary.
    static func lastLine(_ connection: PostgresConnection, logID: String) throws(PostgresError) -> [UInt8]? {
        var line: [UInt8]?
        try connection.streamFirstColumn(
            "select line from opsctl.receipt where log_id = $1 order by seq desc limit 1", [logID]
        ) { value in
            line = value.map { Array($0) } ?? []
            return false
        }
        return line
    }

    func parseTail(_ line: [UInt8]) throws(ReceiptError) -> Receipt {
        switch Receipt.parse(storedLine: line) {
        case .success(let receipt): return receipt
        case .failure(let problem):
            throw ReceiptError.store(
                location: location, message: "the newest row is not a receipt, so it was edited: \(problem.detail)",
                hint: "run `opsctl receipts verify` to see the first broken entry; restore the log from an export")
        }
    }

    package func list(kind: ReceiptKind?, changeID: String?) throws(ReceiptError) -> [Receipt] {
        var receipts: [Receipt] = []
        var damaged: ReceiptError?
        var position = 0
        try inSnapshot { connection throws(PostgresError) in
            try Self.streamLines(connection, logID: logID) { line in
                position += 1
                switch Receipt.parse(storedLine: Array(line)) {
                case .success(let receipt):
                    if kind.map({ receipt.kind == $0 }) ?? true, changeID.map({ receipt.names(changeID: $0) }) ?? true {
                        receipts.append(receipt)
                    }
                    return true
                case .failure(let problem):
                    damaged = .unreadableLine(path: location, line: position, seq: position - 1, detail: problem.detail)
                    return false
                }
            }
        }
        if let damaged { throw damaged }
        return receipts
    }

    /// Streams every row of one snapshot through the file's verifier, then holds the end
    /// against the head row: a chain cut back at its end still links, the head row does not
    /// move back with it (unless its owner moves it too: hence the checkpoint).
    package func verify(expectHead: ExpectedHead?) throws(ReceiptError) -> VerificationReport {
        try verifiedPass(expectHead: expectHead, keepingReceipts: false).report
    }

    /// The same single pass, also parsing each line, in the same snapshot.
    package func verifiedReceipts(expectHead: ExpectedHead?) throws(ReceiptError) -> VerifiedReceipts {
        let verified = try verifiedPass(expectHead: expectHead, keepingReceipts: true)
        return VerifiedReceipts(report: verified.report, receipts: verified.report.isIntact ? verified.receipts : [])
    }

    private func verifiedPass(expectHead: ExpectedHead?, keepingReceipts: Bool) throws(ReceiptError) -> VerifiedReceipts {
        var verifier = try ReceiptStreamVerifier(location: location, key: key, expectHead: expectHead)
        var failure: ReceiptError?
        var receipts: [Receipt] = []
        let recorded: ReceiptHead? = try inSnapshot { connection throws(PostgresError) in
            let row = try connection.query(
                "select head_seq::text as seq, head_hash as hash from opsctl.log where log_id = $1", [logID]
            ).rows.first
            try Self.streamLines(connection, logID: logID) { line in
                do throws(ReceiptError) {
                    try verifier.consume(line)
                } catch {
                    failure = error
                    return false
                }
                if keepingReceipts, case .success(let receipt) = Receipt.parse(storedLine: Array(line)) { receipts.append(receipt) }
                return true
            }
            guard let row, let seq = row["seq"].flatMap({ Int($0) }), seq >= 0, let hash = row["hash"] else { return nil }
            return ReceiptHead(seq: seq, hash: hash)
        }
        if let failure { throw failure }
        var report = verifier.finish()
        if report.isIntact, let recorded, report.head != recorded {
            let expected = ExpectedHead(recorded)
            let lastSeq = report.head?.seq
            let reason: VerificationFailure.Reason =
                (lastSeq ?? -1) < recorded.seq
                ? .truncated(expected: expected, lastSeq: lastSeq)
                : .headMismatch(expected: expected, found: report.head?.hash ?? "")
            report.failure = VerificationFailure(
                path: location, seq: min(recorded.seq, report.entries), line: min(recorded.seq, report.entries) + 1,
                byteOffset: 0, reason: reason)
        }
        return VerifiedReceipts(report: report, receipts: receipts)
    }

    package func repair(actor: String, date: Date) throws(ReceiptError) -> RepairResult? {
        guard let failure = try verify(expectHead: nil).failure else { return nil }
        throw ReceiptError.repairRefused(
            path: location,
            reason: "\(failure.message); a database commit cannot leave a torn line, so this damage is an edit")
    }
}
