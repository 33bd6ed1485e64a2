import Synchronization
import Testing

@testable import OpsConnectors

@Suite("Async semaphore")
struct AsyncSemaphoreTests {
    /// Tracks how many holders overlap.
    final class Gauge: Sendable {
        private let state = Mutex((current: 0, maximum: 0))
        func enter() { state.withLock { $0.current += 1; $0.maximum = max($0.maximum, $0.current) } }
        func leave() { state.withLock { $0.current -= 1 } }
        var maximum: Int { state.withLock { $0.maximum } }
    }

    final class Log: Sendable {
        private let entries = Mutex<[Int]>([])
        func append(_ value: Int) { entries.withLock { $0.append(value) } }
        var values: [Int] { entries.withLock { $0 } }
    }

    @Test func neverMoreHoldersThanTheLimit() async throws {
        let semaphore = AsyncSemaphore(limit: 3)
        let gauge = Gauge()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<30 {
                group.addTask {
                    try await semaphore.withPermit {
                        gauge.enter()
                        try await Task.sleep(for: .milliseconds(5))
                        gauge.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(gauge.maximum == 3)
    }

    @Test func waitersAreServedInArrivalOrder() async throws {
        let semaphore = AsyncSemaphore(limit: 1)
        let order = Log()
        try await semaphore.acquire()
        var tasks: [Task<Void, any Error>] = []
        for index in 0..<5 {
            tasks.append(Task {
                try await semaphore.acquire()
                order.append(index)
                await semaphore.release()
            })
            // Let each task reach the queue before starting the next.
            while await semaphore.waiting < index + 1 { await Task.yield() }
        }
        await semaphore.release()
        for task in tasks { try await task.value }
        #expect(order.values == [0, 1, 2, 3, 4])
    }

    @Test func cancelledWaitersLeaveWithoutTakingAPermit() async throws {
        let semaphore = AsyncSemaphore(limit: 1)
        try await semaphore.acquire()
        let waiter = Task { try await semaphore.acquire() }
        while await semaphore.waiting < 1 { await Task.yield() }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(await semaphore.waiting == 0)
        await semaphore.release()
        // The permit came back: it can be taken again at once.
        try await semaphore.acquire()
        await semaphore.release()
    }

    @Test func alreadyCancelledTasksDoNotQueue() async {
        let semaphore = AsyncSemaphore(limit: 1)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await semaphore.acquire()
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(await semaphore.waiting == 0)
    }
}
