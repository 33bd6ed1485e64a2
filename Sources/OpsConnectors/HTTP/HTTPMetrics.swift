import Synchronization

/// Counts what the clients did, so `opsctl plan` can report requests made and benchmarks can
/// check request counts. One instance may be shared by every service's client.
package final class HTTPMetrics: Sendable {
    package struct Snapshot: Sendable, Hashable {
        /// Attempts put on the wire, retries included.
        package var requests = 0
        /// Attempts that were repeats of an earlier one.
        package var retries = 0
        /// Responses that said "slow down" (429, GitHub's 403 limits, vendor throttling).
        package var throttled = 0
        /// Requests that ended in an error after all attempts.
        package var failures = 0
        /// Time spent waiting between attempts and behind a service-wide pause.
        package var totalWait: Duration = .zero
        /// Attempts in progress right now, and the most there ever were at once.
        package var inFlight = 0
        package var maxInFlight = 0

        package init() {}
    }

    private let state = Mutex(Snapshot())

    package init() {}

    package func snapshot() -> Snapshot { state.withLock { $0 } }

    package func attemptStarted(isRetry: Bool) {
        update {
            $0.requests += 1
            if isRetry { $0.retries += 1 }
            $0.inFlight += 1
            $0.maxInFlight = max($0.maxInFlight, $0.inFlight)
        }
    }

    package func attemptFinished() {
        update { $0.inFlight -= 1 }
    }

    package func throttled() {
        update { $0.throttled += 1 }
    }

    package func failed() {
        update { $0.failures += 1 }
    }

    package func waited(_ duration: Duration) {
        update { $0.totalWait += duration }
    }

    private func update(_ change: (inout Snapshot) -> Void) {
        state.withLock { change(&$0) }
    }
}
