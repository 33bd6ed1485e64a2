/// Why a piece of text does not have the shape a field needs: a clause that completes
/// "<path> ..." and an optional hint on how to fix it.
struct FormatProblem: Error, Equatable {
    var reason: String
    var hint: String

    init(_ reason: String, hint: String) {
        self.reason = reason
        self.hint = hint
    }
}

extension ConfigValue {
    /// Runs `check` on a string value; reports and returns nil when the text has a problem.
    func formatted(_ check: (String) -> FormatProblem?) -> String? {
        guard let text = nonEmptyString() else { return nil }
        if let problem = check(text) {
            error("\(path) \(problem.reason)", hint: problem.hint)
            return nil
        }
        return text
    }
}
