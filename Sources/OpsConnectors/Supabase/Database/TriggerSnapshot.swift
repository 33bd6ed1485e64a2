import OpsCore

/// A trigger on a table. Timing, events, level and function come from `pg_trigger`; the
/// `WHEN` condition from `pg_get_triggerdef`, the only function that prints it (`tgqual`
/// refers to OLD and NEW, which `pg_get_expr` cannot show). A desired trigger is created on
/// the normaliser's copy of the table and read back the same way.
struct TriggerSnapshot: Sendable, Hashable {
    var name: String
    /// `before`, `after` or `instead of`.
    var timing: String
    /// `insert`, `update`, `delete`, `truncate`, in that order.
    var events: [String]
    /// `row` or `statement`.
    var level: String
    /// `schema.name` of the function it calls.
    var function: String
    var when: String?
    /// False after `alter table … disable trigger`.
    var enabled: Bool = true
    /// What desired-state.yaml cannot declare about it (`UPDATE OF` columns, arguments …).
    var inexpressible: [String] = []

    var json: JSONValue {
        [
            "name": .string(name),
            "timing": .string(timing),
            "events": .array(events.map(JSONValue.string)),
            "forEach": .string(level),
            "function": .string(function),
            "when": when.map(JSONValue.string) ?? .null,
            "enabled": .bool(enabled),
        ]
    }

    /// `tgtype` bits as PostgreSQL's `pg_trigger.h` defines them.
    init(name: String, type: Int, function: String, when: String?, enabled: Bool, inexpressible: [String]) {
        self.name = name
        timing = type & 2 != 0 ? "before" : (type & 64 != 0 ? "instead of" : "after")
        events = [(4, "insert"), (16, "update"), (8, "delete"), (32, "truncate")].filter { type & $0.0 != 0 }.map(\.1)
        level = type & 1 != 0 ? "row" : "statement"
        self.function = function
        self.when = when
        self.enabled = enabled
        self.inexpressible = inexpressible
    }

    init(name: String, timing: String, events: [String], level: String, function: String, when: String?) {
        self.name = name
        self.timing = timing
        self.events = events
        self.level = level
        self.function = function
        self.when = when
    }

    /// The condition in `pg_get_triggerdef`'s text: between `FOR EACH ROW WHEN (` and the
    /// last `) EXECUTE FUNCTION `, the fixed words the server prints around it.
    static func whenCondition(inDefinition definition: String) -> String? {
        guard let start = definition.range(of: " FOR EACH ROW WHEN ("),
            let end = definition.range(of: ") EXECUTE FUNCTION ", options: .backwards), start.upperBound <= end.lowerBound
        else { return nil }
        return String(definition[start.upperBound..<end.lowerBound])
    }

    /// What differs from `other` (the current trigger), in words on one line.
    func differences(from other: TriggerSnapshot) -> [String] {
        var differences: [String] = []
        if timing != other.timing { differences.append("\(other.timing) → \(timing)") }
        if events != other.events { differences.append("on \(other.events.joined(separator: " or ")) → \(events.joined(separator: " or "))") }
        if level != other.level { differences.append("for each \(other.level) → \(level)") }
        if function != other.function { differences.append("function \(other.function) → \(function)") }
        if when != other.when { differences.append("WHEN \(DisplayText.oneLine(other.when ?? "(none)")) → \(DisplayText.oneLine(when ?? "(none)"))") }
        if enabled != other.enabled { differences.append(enabled ? "disabled → enabled" : "enabled → disabled") }
        return differences
    }
}
