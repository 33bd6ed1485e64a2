import Foundation

/// A value guarded by a lock. The sandbox serves each connection on its own OS thread with
/// blocking socket calls, so shared state is guarded by a lock rather than an actor: handlers
/// never suspend, and a lock keeps a whole read-modify-write of an emulator's state atomic,
/// which actor reentrancy would not.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    var current: Value {
        withLock { $0 }
    }
}
