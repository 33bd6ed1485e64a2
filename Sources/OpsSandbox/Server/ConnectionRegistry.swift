/// The open client connections, so `stop()` can interrupt every one of them, and a cap on
/// how many are served at once.
final class ConnectionRegistry: Sendable {
    private let open = Locked(Set<Int32>())
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Registers a new connection; false when the server is at capacity.
    func admit(_ fd: Int32) -> Bool {
        open.withLock { set in
            guard set.count < capacity else { return false }
            set.insert(fd)
            return true
        }
    }

    /// Forgets the connection. Its owner calls this before closing the descriptor, under the
    /// same lock `interruptAll` takes, so `stop()` can never shut down a descriptor number
    /// that was closed and reused for something else.
    func release(_ fd: Int32) {
        open.withLock { _ = $0.remove(fd) }
    }

    func interruptAll() {
        open.withLock { set in
            for fd in set { Socket.shutdownBoth(fd) }
        }
    }

    var count: Int { open.withLock { $0.count } }
}
