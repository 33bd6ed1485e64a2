import Foundation

/// The `Retry-After` header (RFC 9110 §10.2.3): either a number of seconds or an HTTP date.
public enum RetryAfter {
    /// How long to wait from `now`, or nil for a missing or unreadable value. A date in the
    /// past means "now" (zero), not an error.
    public static func parse(_ value: String?, now: Date) -> Duration? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        if trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            // The RFC allows whole seconds only; fractions are tolerated because some proxies send them.
            guard let seconds = Double(trimmed), seconds.isFinite, seconds >= 0 else { return nil }
            return .seconds(double: seconds)
        }
        guard let date = HTTPDate.parse(trimmed) else { return nil }
        return .seconds(double: date.timeIntervalSince(now))
    }
}
