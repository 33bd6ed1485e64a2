import OpsCore

/// `opsctl plan [--scope a,b] [--out plan.json] [--json] [--detailed-exitcode]` as a value.
struct PlanArguments: Sendable, Hashable {
    static let defaultPlanPath = "plan.json"

    var globals: GlobalOptions
    /// Nil audits every scope the desired state declares.
    var scopes: [ServiceScope]?
    var outPath = PlanArguments.defaultPlanPath
    var json = false
    var detailedExitCode = false
    var notifications = NotificationArguments()
    var metricsFile = MetricsFileArgument()
    /// `--revert SEQ|ID`: plan the undoing of one applied change instead of auditing.
    var revert: String?
    /// `--pr N`: post the plan to this pull request for review.
    var pullRequest: Int?

    enum Flags {
        static let scope = FlagSpec(long: "scope", kind: .value(placeholder: "LIST"), summary: "Audit only these scopes, comma-separated (github,vercel,…)")
        static let out = FlagSpec(long: "out", short: "o", kind: .value(placeholder: "FILE"), summary: "Where to write the plan (default: \(PlanArguments.defaultPlanPath))")
        static let json = FlagSpec(long: "json", summary: "Print the plan as one JSON document on standard output")
        static let revert = FlagSpec(long: "revert", kind: .value(placeholder: "SEQ|ID"), summary: "Plan the undoing of an applied change: an outcome receipt's seq or a change ID")
        static let pullRequest = FlagSpec(long: "pr", kind: .value(placeholder: "N"), summary: "Post the plan as a comment on pull request N, for approval by review")
        static let detailedExitCode = FlagSpec(long: "detailed-exitcode", summary: "Exit 2 when there are changes or failing checks, 0 when there are none")
    }

    static func parse(_ input: CommandInput) -> ParseResult<PlanArguments> {
        var problems: [UsageError] = []
        var arguments = PlanArguments(globals: input.globals)
        if let option = input.arguments.singleOccurrence(of: Flags.scope, command: "plan", problems: &problems), let value = option.value {
            switch ScopeList.parse(value) {
            case .success(let scopes): arguments.scopes = scopes
            case .failure(let problem):
                problems.append(UsageError(
                    .invalidValue(option: option.spelling, value: value, reason: problem.reason),
                    command: "plan", argumentIndex: option.index, suggestion: problem.suggestion
                ))
            }
        }
        if let option = input.arguments.singleOccurrence(of: Flags.out, command: "plan", problems: &problems), let value = option.value {
            if value.isEmpty {
                problems.append(UsageError(.invalidValue(option: option.spelling, value: value, reason: "a path must not be empty"), command: "plan", argumentIndex: option.index))
            } else {
                arguments.outPath = value
            }
        }
        arguments.json = input.arguments.contains(Flags.json)
        arguments.detailedExitCode = input.arguments.contains(Flags.detailedExitCode)
        arguments.notifications = NotificationArguments.parse(input.arguments, command: "plan", problems: &problems)
        arguments.metricsFile = MetricsFileArgument.parse(input.arguments, command: "plan", problems: &problems)
        if let option = input.arguments.singleOccurrence(of: Flags.revert, command: "plan", problems: &problems), let value = option.value {
            if arguments.scopes != nil {
                problems.append(UsageError(.conflictingOptions(option.spelling, "--\(Flags.scope.long)"), command: "plan", argumentIndex: option.index))
            } else if Int(value).map({ $0 >= 0 }) ?? (ChangeID(value) != nil) {
                arguments.revert = value
            } else {
                problems.append(UsageError(
                    .invalidValue(option: option.spelling, value: value, reason: "expected an outcome receipt's seq or a change ID (scope.resource.action.name)"),
                    command: "plan", argumentIndex: option.index))
            }
        }
        if let option = input.arguments.singleOccurrence(of: Flags.pullRequest, command: "plan", problems: &problems), let value = option.value {
            if let number = Int(value), number > 0 {
                arguments.pullRequest = number
            } else {
                problems.append(UsageError(
                    .invalidValue(option: option.spelling, value: value, reason: "expected a pull request number"),
                    command: "plan", argumentIndex: option.index))
            }
        }
        return ParseResult(arguments, problems: problems)
    }
}

/// `--scope github,vercel`: known scopes, each once.
enum ScopeList {
    struct Problem: Error {
        var reason: String
        var suggestion: String?
    }

    static func parse(_ text: String) -> Result<[ServiceScope], Problem> {
        var scopes: [ServiceScope] = []
        // Spaces and tabs trimmed by hand: Foundation's `trimmingCharacters(in:)` bridges
        // through NSString, whose first use cost `plan` half a millisecond before its first
        // request (the runtime's conformance look-ups, docs/performance.md).
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            var trimmed = piece
            while let first = trimmed.first, first == " " || first == "\t" { trimmed.removeFirst() }
            while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
            let part = String(trimmed)
            guard !part.isEmpty else { return .failure(Problem(reason: "a scope name is empty")) }
            guard let scope = ServiceScope(rawValue: part) else {
                let known = ServiceScope.allCases.map(\.rawValue)
                return .failure(Problem(
                    reason: "'\(part)' is not a scope (known: \(known.joined(separator: ", ")))",
                    suggestion: closestMatch(to: part, in: known)
                ))
            }
            if !scopes.contains(scope) { scopes.append(scope) }
        }
        return .success(scopes)
    }
}
