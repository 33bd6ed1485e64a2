/// Limits every opsctl session sets, so that a plan or an apply can never hang on a
/// database: a dead host, a long query or a lock held by someone else all end in an error.
struct PostgresSessionOptions: Sendable, Equatable {
    /// libpq's `connect_timeout`, used when the URI does not set one.
    var connectTimeoutSeconds: Int
    /// `statement_timeout` for every statement of the session.
    var statementTimeoutMilliseconds: Int
    /// `lock_timeout`: an `ALTER TABLE` waiting behind a long transaction would otherwise
    /// queue every reader of that table behind itself, taking the application down with it.
    var lockTimeoutMilliseconds: Int
    var applicationName: String

    init(
        connectTimeoutSeconds: Int = 10,
        statementTimeoutMilliseconds: Int = 60_000,
        lockTimeoutMilliseconds: Int = 10_000,
        applicationName: String = "opsctl"
    ) {
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
        self.lockTimeoutMilliseconds = lockTimeoutMilliseconds
        self.applicationName = applicationName
    }
}
