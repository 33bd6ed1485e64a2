import Foundation
import Synchronization
import Testing

@testable import OpsCore

@Suite("Waiting threads: blocking jobs on threads kept between them")
struct WaitingThreadsTests {
    private final class Record: Sendable {
        let threads = Mutex<[pthread_t]>([])
        let done = DispatchSemaphore(value: 0)
        func note() {
            let current = pthread_self()
            threads.withLock { $0.append(current) }
            done.signal()
        }
        var distinct: Int { threads.withLock { list in list.indices.filter { i in !list[..<i].contains { pthread_equal($0, list[i]) != 0 } }.count } }
    }

    @Test func aJobAfterAnotherRunsOnTheThreadThatWaited() {
        let pool = WaitingThreads(name: "test-waiting", maximumIdle: 4, idleLifetime: .seconds(30))
        let record = Record()
        for _ in 0..<5 {
            pool.run { record.note() }
            #expect(record.done.wait(timeout: .now() + 10) == .success)
            // The thread goes back to waiting just after its job; give it the moment it needs.
            for _ in 0..<1000 where pool.idleCount == 0 { usleep(1000) }
        }
        #expect(record.distinct == 1)
        #expect(pool.idleCount == 1)
        #expect(record.threads.withLock { $0.allSatisfy { pthread_equal($0, pthread_self()) == 0 } })
    }

    @Test func jobsAtOnceEachGetAThreadAndNoMoreThanTheMaximumWait() {
        let pool = WaitingThreads(name: "test-waiting", maximumIdle: 2, idleLifetime: .seconds(30))
        let record = Record()
        let release = DispatchSemaphore(value: 0)
        for _ in 0..<4 { pool.run { record.note(); release.wait() } }
        for _ in 0..<4 { #expect(record.done.wait(timeout: .now() + 10) == .success) }
        // All four were running at once: each blocks until released, so each had its own thread.
        #expect(record.distinct == 4)
        for _ in 0..<4 { release.signal() }
        for _ in 0..<1000 where pool.idleCount < 2 { usleep(1000) }
        usleep(50_000)
        #expect(pool.idleCount == 2)
    }

    @Test func prestartedThreadsTakeTheNextJobsAndTheMaximumBoundsThem() {
        let pool = WaitingThreads(name: "test-waiting", maximumIdle: 3, idleLifetime: .seconds(30))
        pool.prestart(5)
        // Listed as waiting at once, before they run, and no more than the maximum.
        #expect(pool.idleCount == 3)
        pool.prestart(2)
        #expect(pool.idleCount == 3)
        let record = Record()
        let release = DispatchSemaphore(value: 0)
        for _ in 0..<3 { pool.run { record.note(); release.wait() } }
        // Each job went to a thread already waiting: none is left idle, and each has its own.
        #expect(pool.idleCount == 0)
        for _ in 0..<3 { #expect(record.done.wait(timeout: .now() + 10) == .success) }
        #expect(record.distinct == 3)
        for _ in 0..<3 { release.signal() }
        for _ in 0..<1000 where pool.idleCount < 3 { usleep(1000) }
        #expect(pool.idleCount == 3)
    }

    @Test func idleThreadsLeaveAfterTheirLifetime() {
        let pool = WaitingThreads(name: "test-waiting", maximumIdle: 4, idleLifetime: .milliseconds(50))
        let record = Record()
        pool.run { record.note() }
        #expect(record.done.wait(timeout: .now() + 10) == .success)
        for _ in 0..<2000 where pool.idleCount > 0 { usleep(1000) }
        #expect(pool.idleCount == 0)
        // And a later job still runs, on a new thread.
        pool.run { record.note() }
        #expect(record.done.wait(timeout: .now() + 10) == .success)
    }

    /// Jobs handed over while idle threads time out: every job runs exactly once.
    @Test func jobsRacingIdleTimeoutsAllRun() {
        let pool = WaitingThreads(name: "test-waiting", maximumIdle: 8, idleLifetime: .milliseconds(1))
        let count = Atomic<Int>(0)
        let done = DispatchSemaphore(value: 0)
        for round in 0..<400 {
            pool.run {
                count.add(1, ordering: .relaxed)
                done.signal()
            }
            if round % 7 == 0 { usleep(900) }
        }
        for _ in 0..<400 { #expect(done.wait(timeout: .now() + 10) == .success) }
        #expect(count.load(ordering: .relaxed) == 400)
    }
}
