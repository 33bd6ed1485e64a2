import Dispatch

/// Lets go of a large value on another thread. Freeing a 10,000-entry desired state takes a few
/// milliseconds of `free` and reference counting; a command that is done with it and is about
/// to print and end need not wait for that (docs/performance.md). If the process ends first,
/// the memory goes with it.
package enum BackgroundRelease {
    package static func release<Value>(_ value: consuming Value) {
        let box = Box(value)
        DispatchQueue.global(qos: .utility).async { box.value = nil }
    }

    /// Hands the value to the thread that frees it. The caller has given the value up, and
    /// reference counts are atomic, so a copy the caller still shares storage with is safe.
    private final class Box: @unchecked Sendable {
        var value: Any?
        init(_ value: Any) { self.value = value }
    }
}
