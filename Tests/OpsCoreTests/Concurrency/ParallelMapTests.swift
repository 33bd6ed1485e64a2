import Glibc
import Synchronization
import Testing

@testable import OpsCore

@Suite("Parallel map: the same results as map, in order, each element once")
struct ParallelMapTests {
    @Test(arguments: [0, 1, 255, 256, 511, 512, 513, 1_001, 10_007])
    func matchesASequentialMap(count: Int) {
        let elements = (0..<count).map { "element \($0)" }
        let calls = Atomic<Int>(0)
        let mapped = ParallelMap.map(elements) { element in
            calls.add(1, ordering: .relaxed)
            return element.uppercased() + "!"
        }
        #expect(mapped == elements.map { $0.uppercased() + "!" })
        #expect(calls.load(ordering: .relaxed) == count)
    }

    @Test(arguments: [0, 1, 255, 513, 10_007])
    func updatesInPlaceAsASequentialLoopWould(count: Int) {
        var elements = (0..<count).map { "element \($0)" }
        let expected = elements.map { $0 + "?" }
        ParallelMap.update(&elements) { $0 += "?" }
        #expect(elements == expected)
    }

    @Test func smallInputsStayOnTheCallingThread() {
        let caller = pthread_self()
        let threads = ParallelMap.map(Array(0..<100), minimumPerThread: 256) { _ in pthread_equal(pthread_self(), caller) != 0 }
        #expect(threads.allSatisfy { $0 })
    }
}
