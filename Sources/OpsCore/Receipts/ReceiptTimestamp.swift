import Foundation

import Glibc

/// The one timestamp spelling receipts use: RFC 3339 in UTC, whole seconds,
/// `2026-11-22T10:00:00Z`. A single spelling keeps the canonical bytes (and so the hash)
/// a function of the instant alone.
enum ReceiptTimestamp {
    static let length = 20

    static func string(from date: Date) -> String {
        UTCTime(date).rfc3339
    }

    /// A compact form for file names (no colons, which some file systems refuse).
    static func fileNameStamp(from date: Date) -> String {
        string(from: date).filter { $0 != "-" && $0 != ":" }
    }

    static func date(from text: String) -> Date? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { buffer -> Date? in
            guard let fields = fields(buffer) else { return nil }
            var parts = tm()
            parts.tm_year = Int32(fields.year - 1900)
            parts.tm_mon = Int32(fields.month - 1)
            parts.tm_mday = Int32(fields.day)
            parts.tm_hour = Int32(fields.hour)
            parts.tm_min = Int32(fields.minute)
            parts.tm_sec = Int32(fields.second)
            return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
        }
    }

    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        fields(bytes) != nil
    }

    private struct Fields {
        var year, month, day, hour, minute, second: Int
    }

    /// Checks the exact shape `YYYY-MM-DDTHH:MM:SSZ` and that the date exists (no 31 April).
    private static func fields(_ bytes: UnsafeRawBufferPointer) -> Fields? {
        guard bytes.count == length, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            bytes[19] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for index in start..<start + count {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2)
        else { return nil }
        guard (1...12).contains(month), hour < 24, minute < 60, second < 60 else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...daysInMonth).contains(day) else { return nil }
        return Fields(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }
}
