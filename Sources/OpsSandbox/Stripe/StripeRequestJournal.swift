import OpsCore

extension StripeEmulator {
    /// The requests the emulator answered, as a test wants to check them: method, path, the
    /// query exactly as sent, the headers that shape a Stripe request, and the body's size.
    /// In memory only; the credential is reduced to its scheme and never kept.
    struct JournalEntry: Sendable, Equatable {
        var method: String
        var path: String
        /// The raw query string, still percent-encoded; nil without one.
        var query: String?
        var authorizationScheme: String?
        var stripeVersion: String?
        var contentType: String?
        var bodyLength: Int
    }

    final class Journal: Sendable {
        private let entries = Locked([JournalEntry]())

        func record(_ request: EmulatorRequest) {
            let target = request.original.target
            let query = target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) }
            let scheme = request.headers["Authorization"].flatMap { $0.split(separator: " ").first.map(String.init) }
            let entry = JournalEntry(
                method: request.method, path: request.path, query: query, authorizationScheme: scheme,
                stripeVersion: request.headers["Stripe-Version"], contentType: request.headers["Content-Type"], bodyLength: request.body.count)
            entries.withLock { $0.append(entry) }
        }

        var all: [JournalEntry] { entries.withLock { $0 } }
    }
}
