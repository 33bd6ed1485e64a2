import Foundation

/// Parses the three date formats HTTP/1.1 allows (RFC 9110 §5.6.7): IMF-fixdate, and the
/// obsolete RFC 850 and asctime forms that recipients must still accept.
///
/// Hand-written rather than `DateFormatter`: formatters are not `Sendable`, depend on locale
/// data, and one format string cannot cover all three forms.
package enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    package static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // Drop the day name: "Sun, 06 Nov 1994 08:49:37 GMT" / "Sunday, 06-Nov-94 08:49:37 GMT".
        if let comma = trimmed.firstIndex(of: ",") {
            let rest = trimmed[trimmed.index(after: comma)...]
                .split(whereSeparator: { $0 == " " || $0 == "-" })
                .map(String.init)
            // [day, month, year, time, "GMT"]
            guard rest.count == 5, rest[4].uppercased() == "GMT" else { return nil }
            guard var year = Int(rest[2]) else { return nil }
            if rest[2].count == 2 {
                // RFC 850 two-digit years: RFC 9110 says to read them as the most recent
                // past year with those digits; 1970-2069 is the usual, simpler reading.
                year += year < 70 ? 2000 : 1900
            }
            return make(day: rest[0], month: rest[1], year: year, time: rest[3])
        }
        // asctime: "Sun Nov  6 08:49:37 1994"
        let parts = trimmed.split(separator: " ").map(String.init)
        guard parts.count == 5, let year = Int(parts[4]) else { return nil }
        return make(day: parts[2], month: parts[1], year: year, time: parts[3])
    }

    private static func make(day dayText: String, month monthText: String, year: Int, time: String) -> Date? {
        guard let day = Int(dayText), (1...31).contains(day),
            let month = months.firstIndex(of: monthText.lowercased()).map({ $0 + 1 }),
            (1..<10000).contains(year)
        else { return nil }
        let clock = time.split(separator: ":").map { Int($0) }
        guard clock.count == 3, let hour = clock[0], let minute = clock[1], let second = clock[2],
            (0..<24).contains(hour), (0..<60).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = ((days * 24 + hour) * 60 + minute) * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
