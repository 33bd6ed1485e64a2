/// What a command's `parse` returns (after terraform's `internal/command/arguments`): always a
/// value, filled with defaults where the command line was wrong, plus every problem found.
/// Parsing never does I/O, so it can be tested on plain string arrays.
struct ParseResult<Value: Sendable>: Sendable {
    var value: Value
    var problems: [UsageError]

    init(_ value: Value, problems: [UsageError] = []) {
        self.value = value
        self.problems = problems
    }

    /// The value, or the first problem: a usage error is reported as a single line.
    var result: Result<Value, UsageError> {
        if let first = problems.first { return .failure(first) }
        return .success(value)
    }
}
