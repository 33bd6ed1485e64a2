/// A point on the monotonic clock by which an I/O step must finish, turned into `poll` timeouts.
struct MonotonicDeadline: Sendable, Comparable {
    let instant: ContinuousClock.Instant

    static func after(_ duration: Duration) -> MonotonicDeadline {
        MonotonicDeadline(instant: ContinuousClock.now.advanced(by: duration))
    }

    static func < (lhs: MonotonicDeadline, rhs: MonotonicDeadline) -> Bool {
        lhs.instant < rhs.instant
    }

    var hasPassed: Bool { ContinuousClock.now >= instant }

    /// Milliseconds left, rounded up so a poll never wakes just before the deadline and spins.
    var remainingMilliseconds: Int32 {
        let left = ContinuousClock.now.duration(to: instant)
        if left <= .zero { return 0 }
        return Int32(clamping: left.roundedUpMilliseconds)
    }
}

extension Duration {
    var roundedUpMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        let millis = attoseconds / 1_000_000_000_000_000
        let rest = attoseconds % 1_000_000_000_000_000
        return seconds * 1000 + millis + (rest > 0 ? 1 : 0)
    }
}
