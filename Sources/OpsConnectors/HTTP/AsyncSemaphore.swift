/// A counting semaphore for async code: at most `limit` holders at once, waiters served
/// first-come first-served, and a waiter whose task is cancelled leaves the queue without
/// taking (or leaking) a permit.
package actor AsyncSemaphore {
    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Void, any Error>
    }

    package nonisolated let limit: Int
    private var available: Int
    private var waiters: [Waiter] = []
    /// Index of the first live waiter; the array is compacted lazily so dequeuing stays O(1).
    private var head = 0
    private var nextID: UInt64 = 0

    package init(limit: Int) {
        self.limit = max(1, limit)
        available = max(1, limit)
    }

    /// Waits for a permit. Throws `CancellationError` if the task is cancelled while waiting;
    /// in that case no permit is held.
    package func acquire() async throws {
        try Task.checkCancellation()
        if available > 0, head == waiters.count {
            available -= 1
            return
        }
        let id = nextID
        nextID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiters.append(Waiter(id: id, continuation: continuation))
            }
        } onCancel: {
            // Runs concurrently with the actor; hop on to it. The enqueue above happens before
            // the actor is released, so this always finds the waiter if it is still queued.
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Returns a permit, handing it straight to the longest waiter if there is one.
    package func release() {
        if head < waiters.count {
            let next = waiters[head]
            head += 1
            compactIfNeeded()
            next.continuation.resume()
        } else {
            available = min(available + 1, limit)
        }
    }

    /// Runs `body` while holding a permit.
    package nonisolated func withPermit<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    /// How many tasks are waiting, for tests and diagnostics.
    package var waiting: Int { waiters.count - head }

    private func cancelWaiter(_ id: UInt64) {
        guard let index = waiters[head...].firstIndex(where: { $0.id == id }) else { return }
        let waiter = waiters.remove(at: index)
        waiter.continuation.resume(throwing: CancellationError())
    }

    private func compactIfNeeded() {
        if head > 64, head * 2 > waiters.count {
            waiters.removeFirst(head)
            head = 0
        }
    }
}
