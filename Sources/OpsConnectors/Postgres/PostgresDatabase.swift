import Foundation

/// A database to connect to, as a `Sendable` value: what connectors hold instead of a
/// connection. Each `withConnection` call opens a connection on a worker thread, hands it
/// to `body`, and closes it there, so a `PostgresConnection` never crosses threads and
/// libpq's blocking calls never tie up Swift's cooperative thread pool.
struct PostgresDatabase: Sendable {
    let settings: PostgresConnectionSettings

    init(settings: PostgresConnectionSettings) {
        self.settings = settings
    }

    init(uri: String, options: PostgresSessionOptions = PostgresSessionOptions()) throws(PostgresError) {
        self.init(settings: try PostgresConnectionSettings(uri: uri, options: options))
    }

    func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) throws(PostgresError) -> T
    ) async throws(PostgresError) -> T {
        let settings = settings
        let result: Result<T, PostgresError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                do throws(PostgresError) {
                    let connection = try PostgresConnection(settings: settings)
                    continuation.resume(returning: .success(try body(connection)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }
}
