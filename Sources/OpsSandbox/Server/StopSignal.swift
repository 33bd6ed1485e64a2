import Glibc

/// A self-pipe that becomes readable once the server stops. Every blocking wait in the sandbox
/// (accepting, reading a request, injected latency, a scripted hang) polls it alongside its own
/// descriptor, so `stop()` wakes them all at once instead of waiting out their timeouts.
final class StopSignal: @unchecked Sendable {
    enum Wake: Equatable {
        case ready
        case timedOut
        case stopped
    }

    // Written once by `trigger()`, never read, so it stays readable for every later poll.
    private let readEnd: Int32
    private let writeEnd: Int32
    private let state = Locked((triggered: false, closed: false))

    init() throws(SocketFailure) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw SocketFailure(operation: "pipe", code: errno) }
        readEnd = ends[0]
        writeEnd = ends[1]
        Socket.setCloseOnExec(readEnd)
        Socket.setCloseOnExec(writeEnd)
    }

    var isTriggered: Bool { state.current.triggered }

    func trigger() {
        let first = state.withLock { current -> Bool in
            defer { current.triggered = true }
            return !current.triggered && !current.closed
        }
        if first {
            var byte: UInt8 = 1
            _ = write(writeEnd, &byte, 1)
        }
    }

    /// Waits until `fd` is readable, the deadline passes, or the server stops.
    func waitReadable(_ fd: Int32, until deadline: MonotonicDeadline) -> Wake {
        poll(fd: fd, events: Int16(POLLIN), until: deadline)
    }

    /// Sleeps for `duration` unless the server stops first. With `peer`, also returns early
    /// when the peer hangs up, so a scripted hang does not outlive the client.
    func sleep(_ duration: Duration, watching peer: Int32? = nil) -> Wake {
        guard let peer else { return sleep(until: ContinuousClock.now + duration) }
        // POLLRDHUP (0x2000) reports a peer's shutdown without consuming request bytes.
        return poll(fd: peer, events: Int16(0x2000), until: .after(duration))
    }

    /// Sleeps until `instant` unless the server stops first, and wakes within a few
    /// microseconds of it: `poll` counts whole milliseconds, and rounding the wait up made an
    /// injected latency up to a millisecond longer than asked, so the last part of the wait is
    /// slept with `nanosleep`, which does not watch the pipe for that sub-millisecond.
    func sleep(until instant: ContinuousClock.Instant) -> Wake {
        while true {
            let left = ContinuousClock.now.duration(to: instant)
            if left <= .zero { return isTriggered ? .stopped : .timedOut }
            let (seconds, attoseconds) = left.components
            if left < .milliseconds(1) {
                var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
                var remaining = timespec()
                while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
                continue
            }
            // Whole milliseconds left, rounded down, so the poll never overshoots.
            let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
            var fds = [pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)]
            let result = Glibc.poll(&fds, 1, milliseconds)
            if result < 0 && errno != EINTR { return .stopped }
            if result > 0 && fds[0].revents != 0 { return .stopped }
        }
    }

    private func poll(fd: Int32, events: Int16, until deadline: MonotonicDeadline) -> Wake {
        while true {
            var fds = [pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0), pollfd(fd: fd, events: events, revents: 0)]
            let result = Glibc.poll(&fds, nfds_t(fds.count), deadline.remainingMilliseconds)
            if result < 0 {
                if errno == EINTR { continue }
                return .stopped
            }
            if fds[0].revents != 0 { return .stopped }
            if fds[1].revents != 0 { return .ready }
            if deadline.hasPassed { return .timedOut }
        }
    }

    /// Releases the pipe; only after every thread that polls it has finished.
    func close() {
        let shouldClose = state.withLock { current -> Bool in
            defer { current.closed = true }
            return !current.closed
        }
        if shouldClose {
            Glibc.close(readEnd)
            Glibc.close(writeEnd)
        }
    }
}
