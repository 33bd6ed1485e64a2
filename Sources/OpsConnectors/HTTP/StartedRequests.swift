import OpsCore
import Synchronization

/// Requests a connector sent ahead of the operation that uses their answers
/// (`Connector.startReading`, `continueReading(declared:)`), by key (a listing's page number),
/// kept until that operation takes them. Each is taken once: a second operation sends its own.
/// Once taken, later starts are ignored: the operation that took them sends what it still needs.
final class StartedRequests<Key: Hashable & Sendable>: Sendable {
    private struct State {
        var tasks: [Key: Task<ServiceResponse, any Error>] = [:]
        var taken = false
    }

    private let state = Mutex(State())

    /// Sends the request `send` makes for `key`, unless one was sent or the requests were taken.
    func start(_ key: Key, _ send: () -> Task<ServiceResponse, any Error>) {
        state.withLock { state in
            if !state.taken, state.tasks[key] == nil { state.tasks[key] = send() }
        }
    }

    /// Every request sent, which are forgotten here.
    func takeAll() -> [Key: Task<ServiceResponse, any Error>] {
        state.withLock { state in
            state.taken = true
            defer { state.tasks = [:] }
            return state.tasks
        }
    }
}
