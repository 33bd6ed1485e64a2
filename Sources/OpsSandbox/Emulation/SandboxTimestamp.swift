import Glibc
import OpsCore

/// An instant of the sandbox's wall clock, to the microsecond, and the forms the emulated
/// vendors and HTTP spell it in. One reading of the clock serves every form, so a response
/// never mixes two instants, and the calendar comes from `UTCTime` rather than a
/// `DateFormatter`, which is costly to create on every response.
package struct SandboxTimestamp: Sendable, Hashable, Comparable {
    package let epochMicroseconds: Int

    package init(epochMicroseconds: Int) {
        self.epochMicroseconds = epochMicroseconds
    }

    package init(epochSeconds: Int) {
        self.init(epochMicroseconds: epochSeconds * 1_000_000)
    }

    package static func now() -> SandboxTimestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return SandboxTimestamp(epochMicroseconds: Int(spec.tv_sec) * 1_000_000 + Int(spec.tv_nsec) / 1000)
    }

    package static func < (lhs: SandboxTimestamp, rhs: SandboxTimestamp) -> Bool {
        lhs.epochMicroseconds < rhs.epochMicroseconds
    }

    /// Whole seconds, rounded down (also before 1970): rate-limit resets, GitHub's dates.
    package var epochSeconds: Int { Self.floorDivide(epochMicroseconds, 1_000_000) }

    /// Whole milliseconds, rounded down: Vercel's `createdAt` and `updatedAt`.
    package var epochMilliseconds: Int { Self.floorDivide(epochMicroseconds, 1000) }

    package var utc: UTCTime { UTCTime(epochSeconds: epochSeconds) }

    /// `2026-11-22T10:00:00Z`, whole seconds: GitHub's `created_at` and commit dates.
    package var rfc3339: String { utc.rfc3339 }

    /// `2021-02-17T04:43:32.770206+00:00`: PostgreSQL's `timestamptz` as JSON, which is how
    /// Supabase Storage returns `created_at` and `updated_at`.
    package var postgresTimestamptz: String {
        let time = utc
        let micros = epochMicroseconds - epochSeconds * 1_000_000
        return "\(UTCTime.pad(time.year, 4))-\(UTCTime.pad(time.month, 2))-\(UTCTime.pad(time.day, 2))T"
            + "\(time.clock(separator: ":")).\(UTCTime.pad(micros, 6))+00:00"
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT`: the IMF-fixdate of HTTP's `Date` header.
    package var httpDate: String {
        let time = utc
        return "\(Self.weekdays[time.weekday]), \(UTCTime.pad(time.day, 2)) \(Self.months[time.month - 1]) \(time.year) "
            + "\(time.clock(separator: ":")) GMT"
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}
