import Glibc
import OpsCore

/// The IMF-fixdate form of the `Date` header ("Sun, 06 Nov 1994 08:49:37 GMT"), built from
/// `UTCTime` because `DateFormatter` is costly to create on every response.
enum SandboxDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func now() -> String {
        format(epochSeconds: Int(time(nil)))
    }

    static func format(epochSeconds: Int) -> String {
        let time = UTCTime(epochSeconds: epochSeconds)
        return "\(days[time.weekday]), \(UTCTime.pad(time.day, 2)) \(months[time.month - 1]) \(time.year) \(time.clock(separator: ":")) GMT"
    }

    /// ISO 8601 in UTC, the form GitHub uses for `created_at` and commit dates.
    static func iso8601(epochSeconds: Int) -> String {
        UTCTime(epochSeconds: epochSeconds).rfc3339
    }
}
