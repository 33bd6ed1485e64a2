import Dispatch

/// Lets go of large values on another thread. Freeing a 10,000-entry desired state takes a few
/// milliseconds of `free` and reference counting; a command that is done with it and is about
/// to print and end need not wait for that (docs/performance.md). If the process ends first,
/// the memory goes with it.
///
/// One hand-over for all the values, on the default global queue: by the end of a command its
/// threads exist and idle, where a utility-priority queue (as at first) created a thread for
/// the hand-over and a second for the second value, about half a millisecond before exit.
package enum BackgroundRelease {
    package static func release<each Value>(_ values: repeat each Value) {
        let box = Box()
        repeat box.values.append(each values)
        DispatchQueue.global().async { box.values = [] }
    }

    /// Hands the values to the thread that frees them. The caller has given them up, and
    /// reference counts are atomic, so a copy the caller still shares storage with is safe.
    private final class Box: @unchecked Sendable {
        var values: [Any] = []
    }
}
