import OpsCore

/// The annotations a plan earns on the job page, most urgent first and within GitHub's limits.
///
/// GitHub keeps 10 error and 10 warning annotations per step and silently drops the rest, so
/// opsctl chooses which ten survive instead of leaving it to the order connectors happened to
/// finish in: errors (a scope that could not be read) before failing checks, and among those the
/// ones whose change carries the highest risk; then, as warnings, critical and high-risk changes
/// before warning checks. Whatever did not fit is counted in one notice that points at the
/// step summary, which lists everything.
struct PlanAnnotations: Sendable {
    static let limitPerLevel = 10

    var errors: [WorkflowCommand]
    var warnings: [WorkflowCommand]
    var omittedErrors: Int
    var omittedWarnings: Int

    /// The commands to print, in order: errors, warnings, then the notice if anything was left out.
    var commands: [WorkflowCommand] {
        var all = errors + warnings
        if omittedErrors + omittedWarnings > 0 {
            all.append(WorkflowCommand(
                name: "notice",
                properties: [("title", "opsctl: more in the step summary")],
                message: "\(Self.count(omittedErrors, "error")) and \(Self.count(omittedWarnings, "warning")) more "
                    + "than GitHub shows per step are not annotated; the step summary lists every check and change."
            ))
        }
        return all
    }

    init(plan: Plan, redactor: Redactor) {
        let risks = Dictionary(plan.changes.map { ($0.id, $0.risk) }, uniquingKeysWith: max)
        var errorCandidates: [Candidate] = []
        var warningCandidates: [Candidate] = []
        for check in plan.checks {
            let risk = check.changeID.flatMap { risks[$0] } ?? .low
            switch check.status {
            case .error: errorCandidates.append(Candidate(urgency: 0, risk: risk, id: check.id, command: Self.command("error", check: check, redactor: redactor)))
            case .fail: errorCandidates.append(Candidate(urgency: 1, risk: risk, id: check.id, command: Self.command("error", check: check, redactor: redactor)))
            case .warning: warningCandidates.append(Candidate(urgency: 1, risk: risk, id: check.id, command: Self.command("warning", check: check, redactor: redactor)))
            case .pass, .unmanaged: continue
            }
        }
        for change in plan.changes where change.risk >= .high {
            warningCandidates.append(Candidate(urgency: 0, risk: change.risk, id: change.id.description, command: Self.command(for: change, redactor: redactor)))
        }
        let rankedErrors = errorCandidates.sorted(by: Candidate.ranksBefore)
        let rankedWarnings = warningCandidates.sorted(by: Candidate.ranksBefore)
        errors = rankedErrors.prefix(Self.limitPerLevel).map(\.command)
        warnings = rankedWarnings.prefix(Self.limitPerLevel).map(\.command)
        omittedErrors = max(0, rankedErrors.count - Self.limitPerLevel)
        omittedWarnings = max(0, rankedWarnings.count - Self.limitPerLevel)
    }

    private struct Candidate {
        /// Lower is more urgent: an unreadable scope before a failing check; a risky change
        /// before a warning check.
        var urgency: Int
        var risk: Risk
        var id: String
        var command: WorkflowCommand

        static func ranksBefore(_ lhs: Candidate, _ rhs: Candidate) -> Bool {
            if lhs.urgency != rhs.urgency { return lhs.urgency < rhs.urgency }
            if lhs.risk != rhs.risk { return lhs.risk > rhs.risk }
            return lhs.id < rhs.id
        }
    }

    /// Properties and message pass through the redactor before escaping: the runner masks
    /// registered values in the log, but annotations are stored apart from the log.
    private static func command(_ level: String, check: Check, redactor: Redactor) -> WorkflowCommand {
        WorkflowCommand(
            name: level,
            properties: location(check.source) + [("title", redactor.redact(check.id))],
            message: redactor.redact(check.message)
        )
    }

    private static func command(for change: Change, redactor: Redactor) -> WorkflowCommand {
        let approval = change.requiresApproval ? "needs approval" : "does not need approval"
        return WorkflowCommand(
            name: "warning",
            properties: location(change.source) + [("title", redactor.redact(change.id.description))],
            message: redactor.redact("\(change.risk.rawValue)-risk change: \(change.description) (\(approval))")
        )
    }

    private static func location(_ source: SourceLocation?) -> [(key: String, value: String)] {
        guard let source else { return [] }
        return [("file", source.file), ("line", String(source.line)), ("col", String(source.column))]
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
