import Foundation

/// Starts the server's threads and lets `stop()` wait until all of them have ended, so a
/// stopped server leaves no thread behind.
final class ThreadGroup: @unchecked Sendable {
    // NSCondition guards `running`; every access below holds it.
    private let condition = NSCondition()
    private var running = 0

    func spawn(name: String, _ body: @escaping @Sendable () -> Void) {
        condition.lock()
        running += 1
        condition.unlock()
        let thread = Thread { [self] in
            body()
            condition.lock()
            running -= 1
            condition.broadcast()
            condition.unlock()
        }
        thread.name = name
        // Room for the JSON parser's and writer's recursion on deeply nested bodies (the
        // parser allows 512 levels). Only touched pages are committed, so hundreds of
        // connection threads still cost little memory.
        thread.stackSize = 4 * 1024 * 1024
        thread.start()
    }

    var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return running
    }

    /// True when every thread ended before the timeout.
    func waitUntilEmpty(timeout: Duration) -> Bool {
        let deadline = Date().addingTimeInterval(Double(timeout.roundedUpMilliseconds) / 1000)
        condition.lock()
        defer { condition.unlock() }
        while running > 0 {
            if !condition.wait(until: deadline) { return running == 0 }
        }
        return true
    }
}
