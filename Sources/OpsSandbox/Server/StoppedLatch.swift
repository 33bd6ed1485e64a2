import Foundation

/// Opens once, when the server has stopped; `wait()` blocks until then. Lets the CLI block its
/// main thread in `sandbox serve` while a signal handler calls `stop()`.
final class StoppedLatch: @unchecked Sendable {
    // NSCondition guards `isOpen`; every access below holds it.
    private let condition = NSCondition()
    private var isOpen = false

    func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }

    func wait() {
        condition.lock()
        while !isOpen { condition.wait() }
        condition.unlock()
    }
}
