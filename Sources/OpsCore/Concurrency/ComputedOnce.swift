import Foundation
import Synchronization

/// A value made by the first caller that asks for it, from any thread; callers that ask while it
/// is being made sleep until it is ready.
///
/// Not a `Mutex` held while the value is made: a thread waiting on a contended `Mutex` spins in
/// the kernel for as long as the holder runs, and when every page of a 10,000-label listing
/// waited on the declared names' index that way, the spinning was a twentieth of the plan's
/// processor time (docs/performance.md).
package final class ComputedOnce<Value: Sendable>: Sendable {
    private let make: @Sendable () -> Value
    private let claimed = Atomic<Bool>(false)
    /// Signalled once the value is stored; each waiter that wakes signals it again for the next.
    private let ready = DispatchSemaphore(value: 0)
    private let stored = Mutex<Value?>(nil)

    package init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    /// The value, made now by this caller if no caller has begun to make it.
    package var value: Value {
        if let value = stored.withLock({ $0 }) { return value }
        if claimed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged {
            let made = make()
            stored.withLock { $0 = made }
            ready.signal()
            return made
        }
        ready.wait()
        ready.signal()
        // Stored before the signal, so never made twice.
        return stored.withLock { $0 } ?? make()
    }

    /// The value if some caller has made it, without making it.
    package var ifMade: Value? { stored.withLock { $0 } }
}
