import Foundation
import Glibc

/// Calendar fields of an instant in UTC, from `gmtime_r`: neither the machine's locale nor its
/// calendar can change them, and nothing costly (a `DateFormatter`) is created per call.
/// Receipts, plan files, migration names and the sandbox's emulated timestamps all spell
/// time from these.
package struct UTCTime: Sendable, Equatable {
    package var year: Int
    package var month: Int
    package var day: Int
    package var hour: Int
    package var minute: Int
    package var second: Int
    /// 0 is Sunday.
    package var weekday: Int

    package init(epochSeconds: Int) {
        var seconds = time_t(epochSeconds)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        year = Int(parts.tm_year) + 1900
        month = Int(parts.tm_mon) + 1
        day = Int(parts.tm_mday)
        hour = Int(parts.tm_hour)
        minute = Int(parts.tm_min)
        second = Int(parts.tm_sec)
        weekday = Int(parts.tm_wday)
    }

    /// Fractions of a second are dropped.
    package init(_ date: Date) {
        self.init(epochSeconds: Int(date.timeIntervalSince1970.rounded(.down)))
    }

    /// RFC 3339 with whole seconds: `2026-11-22T10:00:00Z`.
    package var rfc3339: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))T\(clock(separator: ":"))Z"
    }

    /// `YYYYMMDDHHMMSS`, for names that sort by time.
    package var compact: String {
        Self.pad(year, 4) + Self.pad(month, 2) + Self.pad(day, 2) + clock(separator: "")
    }

    /// `HH:MM:SS` (or without separators).
    package func clock(separator: String) -> String {
        [hour, minute, second].map { Self.pad($0, 2) }.joined(separator: separator)
    }

    package static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
