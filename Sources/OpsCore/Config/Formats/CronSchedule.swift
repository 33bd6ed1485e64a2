/// Checks a five-field cron schedule (minute hour day-of-month month day-of-week) the way
/// cron reads it: numbers, `*`, ranges, lists, steps, and month and weekday names.
enum CronSchedule {
    private struct Field {
        var name: String
        var range: ClosedRange<Int>
        var names: [String] = []
        /// The number the first name stands for (JAN is 1, SUN is 0).
        var firstNameValue = 0
    }

    private static let fields = [
        Field(name: "minute", range: 0...59),
        Field(name: "hour", range: 0...23),
        Field(name: "day of month", range: 1...31),
        Field(name: "month", range: 1...12,
              names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], firstNameValue: 1),
        // 7 is Sunday too, as in most crons.
        Field(name: "day of week", range: 0...7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]),
    ]

    static func problem(in schedule: String) -> FormatProblem? {
        let parts = schedule.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if schedule.hasPrefix("@") {
            return FormatProblem("must be five cron fields, found the shorthand '\(schedule)'", hint: "write it out, for example '0 0 * * *' for @daily")
        }
        guard parts.count == fields.count else {
            return FormatProblem(
                "must have 5 fields (minute hour day-of-month month day-of-week), found \(parts.count) in '\(schedule)'",
                hint: "for example '0 9 * * 1-5' runs at 09:00 on weekdays"
            )
        }
        for (field, text) in zip(fields, parts) {
            if let reason = problem(in: text, field: field) {
                return FormatProblem(
                    "has an invalid \(field.name) field '\(text)' in '\(schedule)': \(reason)",
                    hint: "the \(field.name) field takes \(field.range.lowerBound)-\(field.range.upperBound)"
                        + (field.names.isEmpty ? "" : " or \(field.names.first ?? "")-\(field.names.last ?? "")")
                        + ", '*', lists (1,2), ranges (1-5) and steps (*/5)"
                )
            }
        }
        return nil
    }

    private static func problem(in text: String, field: Field) -> String? {
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
        for item in items {
            if item.isEmpty { return "a list has an empty item" }
            let stepParts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard stepParts.count <= 2 else { return "'\(item)' has more than one '/'" }
            let base = stepParts[0]
            if stepParts.count == 2 {
                guard let step = Int(stepParts[1]), step >= 1 else { return "the step in '\(item)' must be a positive number" }
                guard step <= field.range.count else { return "the step \(step) is larger than the field's range" }
                guard base == "*" || base.contains("-") else { return "a step needs '*' or a range before it, as in */\(step)" }
            }
            if base == "*" { continue }
            let bounds = base.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count <= 2 else { return "'\(base)' is not a range" }
            var values: [Int] = []
            for bound in bounds {
                guard let value = number(String(bound), field: field) else {
                    return "'\(bound)' is not a \(field.name) (\(field.range.lowerBound)-\(field.range.upperBound))"
                }
                values.append(value)
            }
            if values.count == 2, values[0] > values[1] { return "the range \(base) runs backwards" }
        }
        return nil
    }

    private static func number(_ text: String, field: Field) -> Int? {
        if let index = field.names.firstIndex(of: text.uppercased()) { return index + field.firstNameValue }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let value = Int(text) else { return nil }
        return field.range.contains(value) ? value : nil
    }
}
