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
        let processors = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let threads = max(1, min(processors, 8, elements.count / max(1, minimumPerThread)))
        guard threads > 1 else { return elements.map(transform) }
        return [Result](unsafeUninitializedCapacity: elements.count) { buffer, initialized in
            let shares = Shares(elements: elements, results: buffer, transform: transform)
            DispatchQueue.concurrentPerform(iterations: threads) { share in shares.fill(share: share, of: threads) }
            initialized = elements.count
        }
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
        let first = elements.count * share / count
        let last = elements.count * (share + 1) / count
        for index in first..<last {
            (results.baseAddress! + index).initialize(to: transform(elements[index]))
        }
    }
}
