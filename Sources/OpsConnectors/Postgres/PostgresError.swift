import OpsCore

/// Everything that can go wrong talking to PostgreSQL, as one sentence plus a hint.
///
/// Every string a case carries has already passed through `PostgresSecretScrubber`, so no
/// case can hold the connection password: errors are built in one place (the connection and
/// the settings parser) that always scrubs first.
enum PostgresError: DiagnosticError, Equatable {
    /// The connection URI could not be parsed.
    case invalidURI(reason: String)
    /// libpq could not connect; `target` is `user@host:port/db` without the password.
    case connectionFailed(target: String, reason: String)
    /// The server rejected a statement.
    case statementFailed(ServerError)
    /// A script given to `execute(script:)` has its own `BEGIN`/`COMMIT`, which would end
    /// opsctl's transaction early and break all-or-nothing.
    case scriptControlsTransaction(statement: String)
    /// The connection broke, or the server answered in a way we cannot use.
    case protocolFailure(String)
    /// A catalog row lacked a value the reader needs (a bug, or a catalog we do not know).
    case unexpectedResult(String)
    /// libpq itself could not be loaded (`SharedLibrary`).
    case libraryUnavailable(SharedLibraryError)

    /// What the server said about a failed statement (the fields of an `ErrorResponse`).
    struct ServerError: Sendable, Equatable {
        var sqlState: String?
        var message: String
        var detail: String?
        var hint: String?
        /// Where in a script the failing statement sits, when it ran as part of one.
        var location: ScriptLocation?
        /// The failing statement, shortened to its first line, for the message.
        var statement: String?
    }

    /// A place in a multi-statement script: which statement, and the line and column of the
    /// character the server pointed at (or of the statement's start when it pointed nowhere).
    struct ScriptLocation: Sendable, Equatable {
        var statementNumber: Int
        var statementCount: Int
        var line: Int
        var column: Int
    }

    var sqlState: String? {
        if case .statementFailed(let error) = self { return error.sqlState }
        return nil
    }

    var diagnostic: Diagnostic {
        switch self {
        case .invalidURI(let reason):
            return Diagnostic(
                message: "the PostgreSQL connection URI is not valid: \(reason)",
                hint: "use the form postgresql://user:password@host:5432/postgres"
            )
        case .connectionFailed(let target, let reason):
            return Diagnostic(
                message: "cannot connect to PostgreSQL at \(target): \(reason)",
                hint: "check SUPABASE_DB_URL and that the database accepts connections from here"
            )
        case .statementFailed(let error):
            var message = ""
            if let location = error.location {
                message += "statement \(location.statementNumber) of \(location.statementCount) (line \(location.line), column \(location.column)) failed: "
            }
            message += error.message
            if let state = error.sqlState { message += " (SQLSTATE \(state))" }
            if let detail = error.detail { message += "; \(detail)" }
            if let statement = error.statement { message += "; in: \(statement)" }
            return Diagnostic(message: message, hint: error.hint)
        case .scriptControlsTransaction(let statement):
            return Diagnostic(
                message: "the migration script controls its own transaction ('\(statement)'), so it cannot run all or nothing",
                hint: "remove BEGIN, COMMIT and ROLLBACK from the script; opsctl wraps it in one transaction"
            )
        case .protocolFailure(let reason):
            return Diagnostic(message: "the PostgreSQL connection failed: \(reason)", hint: "re-run; if it persists, check the server's log")
        case .unexpectedResult(let reason):
            return Diagnostic(message: "PostgreSQL returned something opsctl cannot read: \(reason)")
        case .libraryUnavailable(let error):
            return error.diagnostic
        }
    }
}
