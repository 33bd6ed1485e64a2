internal import CLibPQ
import Foundation

/// One libpq connection (`PGconn`), owned for its whole life and closed in `deinit`.
///
/// Modelled on SwiftPM's SQLite wrapper: a final class so the C handle has one owner and a
/// stable address, and every fallible call funnels through one helper (`checkResult`) that
/// turns libpq's status into a typed, password-free `PostgresError`.
///
/// Not `Sendable`: libpq connections must not be used from two threads at once. Use it from
/// one task at a time, normally through `PostgresDatabase.withConnection`, which confines
/// a connection to a single worker thread for its whole life.
final class PostgresConnection {
    let handle: OpaquePointer
    /// libpq's functions, loaded on first need (`SharedLibrary`).
    let pq: opsctl_pq_api
    let settings: PostgresConnectionSettings
    var scrubber: PostgresSecretScrubber { settings.scrubber }

    convenience init(uri: String, options: PostgresSessionOptions = PostgresSessionOptions()) throws(PostgresError) {
        try self.init(settings: PostgresConnectionSettings(uri: uri, options: options))
    }

    init(settings: PostgresConnectionSettings) throws(PostgresError) {
        let pq = try LibPQ.load()
        self.pq = pq
        self.settings = settings
        let keywords = settings.parameters.map { strdup($0.keyword) } + [nil]
        let values = settings.parameters.map { strdup($0.value) } + [nil]
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let connection = keywords.withUnsafeBufferPointer { keywordBuffer in
            values.withUnsafeBufferPointer { valueBuffer in
                keywordBuffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: keywords.count) { keywordPointer in
                    valueBuffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: values.count) { valuePointer in
                        // expand_dbname 0: the URI was parsed already; a dbname is a name here.
                        pq.connectdbParams(keywordPointer, valuePointer, 0)
                    }
                }
            }
        }
        guard let connection else {
            throw .connectionFailed(target: settings.target, reason: "libpq could not allocate a connection")
        }
        guard pq.status(connection) == CONNECTION_OK else {
            let reason = settings.scrubber.scrub(Self.lastError(of: connection, pq: pq))
            pq.finish(connection)
            throw .connectionFailed(target: settings.target, reason: reason)
        }
        handle = connection
        // libpq prints NOTICE and WARNING messages to stderr by default; opsctl's output
        // belongs to its renderers, so notices are dropped here.
        _ = pq.setNoticeProcessor(handle, { _, _ in }, nil)
        // set_config rather than the startup `options` parameter: Supabase's connection
        // pooler rejects startup options, and set_config takes bound parameters.
        _ = try query(
            "select pg_catalog.set_config('statement_timeout', $1, false), pg_catalog.set_config('lock_timeout', $2, false)",
            [String(settings.options.statementTimeoutMilliseconds), String(settings.options.lockTimeoutMilliseconds)]
        )
    }

    deinit {
        pq.finish(handle)
    }

    /// Runs one statement with bound text parameters (`$1`, `$2` ...) through `PQexecParams`,
    /// which also refuses a string holding more than one statement.
    func query(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> PostgresRows {
        try query(PostgresStatement(sql: sql, parameters: parameters))
    }

    /// The same for a statement that may be a script's, whose error then names its place.
    func query(_ statement: PostgresStatement) throws(PostgresError) -> PostgresRows {
        let result = withTextParameters(statement.parameters) { count, values in
            // Text format for parameters and results (nil formats), so every value is a string.
            pq.execParams(handle, statement.sql, count, nil, values, nil, nil, 0)
        }
        return try checkResult(result, sql: statement.sql, location: statement.location)
    }

    /// `parameters` as the C strings libpq's `*Params` calls take (NULL for SQL NULL), alive
    /// for `body` only.
    func withTextParameters<R>(
        _ parameters: [String?], _ body: (Int32, UnsafePointer<UnsafePointer<CChar>?>?) -> R
    ) -> R {
        let copies = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        return copies.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { pointers in body(Int32(copies.count), pointers.baseAddress) }
        }
    }

    /// Runs a multi-statement script (a migration) in one transaction: `BEGIN`, each
    /// statement in turn, `COMMIT`; on any failure `ROLLBACK`, so the database is left
    /// exactly as it was. The error names the failing statement's number and line. The
    /// statements go in one pipeline when libpq can (`pipelining` is off only in tests), so a
    /// script costs one round trip, not one per statement.
    func execute(script: String, pipelining: Bool = true) throws(PostgresError) {
        let statements = SQLScriptSplitter.statements(in: script)
        if let control = statements.first(where: { Self.transactionControlKeywords.contains($0.firstKeyword) }) {
            throw .scriptControlsTransaction(statement: scrubber.scrub(Self.excerpt(of: control.text, at: nil)))
        }
        let located = statements.enumerated().map { index, statement in
            PostgresStatement(sql: statement.text, location: ScriptStatement(statement: statement, number: index + 1, count: statements.count))
        }
        // One group, so a failure skips every statement after it, the `COMMIT` included, and
        // the transaction is rolled back.
        var failure: PostgresError.ServerError?
        do {
            try run([[PostgresStatement(sql: "begin")] + located + [PostgresStatement(sql: "commit")]], pipelining: pipelining) { _, results in
                for case .failed(let error) in results where failure == nil { failure = error }
            }
        } catch {
            rollbackQuietly()
            throw error
        }
        if let failure {
            rollbackQuietly()
            throw .statementFailed(failure)
        }
    }

    /// One statement of a script, where `execute(script:)` reports a failure: its number
    /// among the script's and its place in the script's text.
    struct ScriptStatement: Sendable, Equatable {
        var statement: SQLScriptSplitter.Statement
        var number: Int
        var count: Int
    }

    /// Statements that would end or nest the transaction `execute(script:)` wraps a script in.
    static let transactionControlKeywords: Set<String> = ["begin", "start", "commit", "end", "rollback", "abort"]

    /// Runs `body` in a transaction that is always rolled back, whatever happens: for asking
    /// the server to analyse SQL (normalising expressions) without changing anything.
    func rolledBackTransaction<T>(_ body: (PostgresConnection) throws(PostgresError) -> T) throws(PostgresError) -> T {
        try rolledBackTransaction(opening: []) { connection, _ throws(PostgresError) in try body(connection) }
    }

    /// `ROLLBACK`, ignoring failure: it runs while another error is already on its way out,
    /// and a broken connection rolls back on its own when it closes.
    func rollbackQuietly() {
        if let result = pq.exec(handle, "rollback") { pq.clear(result) }
    }

    /// The one place libpq results are judged: rows on success, a typed error otherwise.
    func checkResult(
        _ result: OpaquePointer?,
        sql: String,
        location: ScriptStatement?
    ) throws(PostgresError) -> PostgresRows {
        guard let result else {
            throw .protocolFailure(scrubber.scrub(Self.lastError(of: handle, pq: pq)))
        }
        defer { pq.clear(result) }
        switch pq.resultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return PostgresRows(columns: [], values: [])
        case PGRES_TUPLES_OK:
            return Self.rows(of: result, pq: pq)
        default:
            throw .statementFailed(serverError(result, sql: sql, location: location))
        }
    }

    func serverError(
        _ result: OpaquePointer,
        sql: String,
        location: ScriptStatement?
    ) -> PostgresError.ServerError {
        func field(_ code: Character) -> String? {
            pq.resultErrorField(result, Int32(code.asciiValue!)).map { scrubber.scrub(String(cString: $0)) }
        }
        let message = field("M") ?? scrubber.scrub(Self.lastError(of: handle, pq: pq))
        var error = PostgresError.ServerError(
            sqlState: field("C"),
            message: message.isEmpty ? "the server reported an error without a message" : message,
            detail: field("D"),
            hint: field("H")
        )
        let position = field("P").flatMap { Int($0) }
        if let location {
            let (line, column) = location.statement.scriptPosition(ofCharacter: position)
            error.location = PostgresError.ScriptLocation(
                statementNumber: location.number, statementCount: location.count, line: line, column: column
            )
        }
        // A script's statement carries the comments before it (the first one carries the
        // migration's header); without a position to point at, quote the statement itself.
        let quoted = position == nil && location != nil
            ? String(String.UnicodeScalarView(sql.unicodeScalars.dropFirst(location!.statement.significantOffset)))
            : sql
        error.statement = scrubber.scrub(Self.excerpt(of: quoted, at: position))
        return error
    }

    /// The failing statement's first line (or the line the server pointed at), at most 200
    /// characters: enough to recognise it without pasting a whole migration into a message.
    private static func excerpt(of sql: String, at position: Int?) -> String {
        let characters = Array(sql)
        var lineStart = 0
        if let position, position >= 1, position <= characters.count {
            lineStart = characters[..<(position - 1)].lastIndex(of: "\n").map { $0 + 1 } ?? 0
        }
        var line = String(characters[lineStart...].prefix { $0 != "\n" }).trimmingCharacters(in: .whitespaces)
        if line.isEmpty { line = sql.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\n").first ?? "" }
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }

    static func rows(of result: OpaquePointer, pq: opsctl_pq_api) -> PostgresRows {
        let columnCount = pq.nfields(result)
        let rowCount = pq.ntuples(result)
        let columns = (0..<columnCount).map { column in pq.fname(result, column).map { String(cString: $0) } ?? "" }
        let values = (0..<rowCount).map { row in
            (0..<columnCount).map { column -> String? in
                pq.getisnull(result, row, column) == 1 ? nil : pq.getvalue(result, row, column).map { String(cString: $0) }
            }
        }
        return PostgresRows(columns: columns, values: values)
    }

    static func lastError(of connection: OpaquePointer, pq: opsctl_pq_api) -> String {
        guard let message = pq.errorMessage(connection) else { return "unknown libpq error" }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        // libpq puts one line per host it tried; one sentence reads better in a plan.
        return text.isEmpty ? "unknown libpq error" : text.components(separatedBy: "\n").filter { !$0.isEmpty }.joined(separator: "; ")
    }
}
