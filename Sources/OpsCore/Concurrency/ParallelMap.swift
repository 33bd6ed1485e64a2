import Dispatch
import Glibc

/// A `map` shared out among the processors, for pure per-element work over thousands of
/// elements on the path between a plan's last response and its file (redacting every check,
/// docs/performance.md). Results keep the input's order; small inputs stay on the calling thread,
/// where starting threads would cost more than it saves.
package enum ParallelMap {
    package static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], minimumPerThread: Int = 256, _ transform: @escaping @Sendable (Element) -> Result
    ) -> [Result] {
        let threads = threadCount(for: elements.count, minimumPerThread: minimumPerThread)
        guard threads > 1 else { return elements.map(transform) }
        return [Result](unsafeUninitializedCapacity: elements.count) { buffer, initialized in
            let shares = Shares(elements: elements, results: buffer, transform: transform)
            DispatchQueue.concurrentPerform(iterations: threads) { share in shares.fill(share: share, of: threads) }
            initialized = elements.count
        }
    }
}

extension ParallelMap {
    /// How many threads share `count` elements, each taking at least `minimumPerThread`: one per
    /// processor at most, and at most eight; 1 means the calling thread does it all.
    package static func threadCount(for count: Int, minimumPerThread: Int) -> Int {
        return max(1, min(Processors.online, 8, count / max(1, minimumPerThread)))
    }

    /// The contiguous part of `count` elements that thread `share` of `threads` takes; the
    /// parts cover them in order.
    package static func slice(_ share: Int, of threads: Int, count: Int) -> Range<Int> {
        (count * share / threads)..<(count * (share + 1) / threads)
    }

    /// `change` applied to every element in place, shared out as `map` is: no second array of
    /// the elements exists (a 40,000-check plan's checks are several megabytes).
    package static func update<Element: Sendable>(
        _ elements: inout [Element], minimumPerThread: Int = 256, _ change: @escaping @Sendable (inout Element) -> Void
    ) {
        let threads = threadCount(for: elements.count, minimumPerThread: minimumPerThread)
        guard threads > 1 else {
            for index in elements.indices { change(&elements[index]) }
            return
        }
        elements.withUnsafeMutableBufferPointer { buffer in
            let shares = InPlaceShares(elements: buffer, change: change)
            DispatchQueue.concurrentPerform(iterations: threads) { share in shares.update(share: share, of: threads) }
        }
    }
}

/// Thread `share` of `count` changes one contiguous slice of `elements`; `@unchecked` for the
/// reason `Shares` gives.
private struct InPlaceShares<Element: Sendable>: @unchecked Sendable {
    let elements: UnsafeMutableBufferPointer<Element>
    let change: @Sendable (inout Element) -> Void

    func update(share: Int, of count: Int) {
        for index in ParallelMap.slice(share, of: count, count: elements.count) { change(&elements[index]) }
    }
}

/// Thread `share` of `count` fills one contiguous slice of `results`. `@unchecked` because the
/// buffer is not `Sendable`: it outlives `concurrentPerform`, which returns only when every
/// thread is done, and no two threads write the same element.
private struct Shares<Element: Sendable, Result: Sendable>: @unchecked Sendable {
    let elements: [Element]
    let results: UnsafeMutableBufferPointer<Result>
    let transform: @Sendable (Element) -> Result

    func fill(share: Int, of count: Int) {
        for index in ParallelMap.slice(share, of: count, count: elements.count) {
            (results.baseAddress! + index).initialize(to: transform(elements[index]))
        }
    }
}
