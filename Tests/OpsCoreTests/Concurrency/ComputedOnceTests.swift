import Foundation
import Synchronization
import Testing

@testable import OpsCore

@Suite("Computed once: a value made by the first caller, waited for by the others")
struct ComputedOnceTests {
    @Test func manyThreadsAskingAtOnceGetOneValueMadeOnce() {
        let makes = Atomic<Int>(0)
        let started = DispatchSemaphore(value: 0)
        let once = ComputedOnce { () -> [Int] in
            makes.add(1, ordering: .relaxed)
            // Long enough for the other threads to arrive while it is being made.
            started.signal()
            usleep(20_000)
            return Array(0..<1_000)
        }
        #expect(once.ifMade == nil)
        let results = Mutex<[[Int]]>([])
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            let value = once.value
            results.withLock { $0.append(value) }
        }
        #expect(started.wait(timeout: .now()) == .success)
        #expect(makes.load(ordering: .relaxed) == 1)
        #expect(results.withLock { $0.count } == 16)
        #expect(results.withLock { $0.allSatisfy { $0 == Array(0..<1_000) } })
        #expect(once.ifMade == Array(0..<1_000))
    }

    @Test func aValueAskedForAfterItIsMadeIsNotMadeAgain() {
        let makes = Atomic<Int>(0)
        let once = ComputedOnce { () -> String in
            makes.add(1, ordering: .relaxed)
            return "made"
        }
        for _ in 0..<3 { #expect(once.value == "made") }
        #expect(makes.load(ordering: .relaxed) == 1)
    }
}
