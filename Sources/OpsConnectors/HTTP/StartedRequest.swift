import OpsCore
import Synchronization

/// A request a connector sent ahead of the operation that uses its answer (`Connector.startReading`),
/// kept until that operation takes it. Taken once: a second operation sends its own.
final class StartedRequest: Sendable {
    private let task = Mutex<Task<ServiceResponse, any Error>?>(nil)

    /// Sends the request `send` makes, unless one was sent and not yet taken.
    func start(_ send: () -> Task<ServiceResponse, any Error>) {
        task.withLock { task in
            if task == nil { task = send() }
        }
    }

    /// The request sent, if any, which is forgotten here.
    func take() -> Task<ServiceResponse, any Error>? {
        task.withLock { task in
            defer { task = nil }
            return task
        }
    }
}
