import Foundation
import Synchronization

/// Threads for blocking work (an HTTP exchange waiting in `curl_multi_poll`), kept asleep
/// between jobs instead of created for each one.
///
/// A thread made while both processors are busy starts late: Linux's scheduler places a new
/// thread behind those already running, and a plan's second wave of requests was made while
/// the first wave's pages were decoded on both processors, 0.4–1.9 ms per request from hand-
/// over to `sendto`. A sleeping thread that is woken is placed ahead of them and runs at once
/// (docs/performance.md). Idle threads end after `idleLifetime`, and at most `maximumIdle`
/// wait, so an in-process caller is not left with threads it no longer uses.
package final class WaitingThreads: Sendable {
    package static let shared = WaitingThreads(name: "opsctl-blocking", maximumIdle: 16, idleLifetime: .seconds(10))

    private let name: String
    private let maximumIdle: Int
    private let idleLifetime: Duration
    /// Threads waiting for a job, the most recently idle last.
    private let idle = Mutex<[Waiter]>([])

    package init(name: String, maximumIdle: Int, idleLifetime: Duration) {
        self.name = name
        self.maximumIdle = maximumIdle
        self.idleLifetime = idleLifetime
    }

    /// Runs `job` on a waiting thread, or on a new one when none waits.
    package func run(_ job: @escaping @Sendable () -> Void) {
        if let waiter = idle.withLock({ $0.popLast() }) {
            waiter.hand(job)
            return
        }
        let waiter = Waiter()
        waiter.hand(job)
        let thread = Thread { [self] in serve(waiter) }
        thread.name = name
        thread.start()
    }

    /// Makes threads until `count` wait for a job (at most `maximumIdle`), so that jobs handed
    /// over later wake one rather than create one. Each is listed as waiting before it runs: a
    /// job handed to it early waits in its mailbox until it does.
    package func prestart(_ count: Int) {
        let waiters = idle.withLock { waiting -> [Waiter] in
            let added = (0..<max(0, min(count, maximumIdle) - waiting.count)).map { _ in Waiter() }
            waiting.append(contentsOf: added)
            return added
        }
        for waiter in waiters {
            let thread = Thread { [self] in serve(waiter) }
            thread.name = name
            thread.start()
        }
    }

    /// How many threads wait for a job now, for tests.
    package var idleCount: Int { idle.withLock { $0.count } }

    /// A thread's life: its jobs, one at a time, until it has waited `idleLifetime` for none or
    /// enough others wait already.
    private func serve(_ waiter: Waiter) {
        while true {
            guard let job = waiter.next(within: idleLifetime) else {
                // Nothing came in time; leave unless a job is being handed over right now.
                let left = idle.withLock { waiting -> Bool in
                    guard let index = waiting.firstIndex(where: { $0 === waiter }) else { return false }
                    waiting.remove(at: index)
                    return true
                }
                if left { return }
                continue
            }
            job()
            let stays = idle.withLock { waiting -> Bool in
                guard waiting.count < maximumIdle else { return false }
                waiting.append(waiter)
                return true
            }
            if !stays { return }
        }
    }

    /// One thread's mailbox: at most one job, handed over by `run`, taken by the thread.
    private final class Waiter: Sendable {
        private let arrived = DispatchSemaphore(value: 0)
        private let job = Mutex<(@Sendable () -> Void)?>(nil)

        func hand(_ job: @escaping @Sendable () -> Void) {
            self.job.withLock { $0 = job }
            arrived.signal()
        }

        /// The job handed over, or nil if none came within `lifetime`. A waiter taken off the
        /// idle list always gets its job, so after nil the thread checks the list before it leaves.
        func next(within lifetime: Duration) -> (@Sendable () -> Void)? {
            guard arrived.wait(timeout: .now() + lifetime.seconds) == .success else { return nil }
            return job.withLock { current in
                defer { current = nil }
                return current
            }
        }
    }
}
