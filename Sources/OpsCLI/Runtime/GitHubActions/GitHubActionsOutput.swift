import Foundation
import OpsCore
import OpsRender

/// What `plan` and `apply` hand to GitHub Actions when `GITHUB_ACTIONS=true`: step outputs in
/// `$GITHUB_OUTPUT`, annotations on the job page, and a Markdown step summary in
/// `$GITHUB_STEP_SUMMARY` (docs/github-actions.md, "What the binary writes when `GITHUB_ACTIONS=true`").
///
/// The binary writes these itself, so a workflow gets the same outputs whether it calls the
/// composite action or runs `opsctl` in a plain `run:` step, and nothing has to scrape stdout.
struct GitHubActionsOutput: Sendable {
    var environment: Environment
    var redactor: Redactor
    /// Where workflow commands (annotations, warnings) go: standard output, or standard error
    /// when standard output holds a `--json` document. The runner reads both.
    var commands: OutputChannel
    /// Reports a file opsctl could not write; the step must not fail because of it.
    var report: @Sendable (String) -> Void

    init(context: CommandContext, redactor: Redactor, json: Bool) {
        environment = context.environment
        self.redactor = redactor
        commands = json ? context.standardError : context.standardOutput
        let errors = context.standardError
        report = { message in errors.write(message) }
    }

    /// Outputs, annotations and summary for a plan. `planFile` and `planDigest` are nil when
    /// the plan was incomplete and not written.
    func publish(plan: Plan, planFile: String?, planDigest: String?, receiptsHead: ReceiptHead?, outcome: CommandOutcome) {
        let summary = plan.summary
        let annotations = PlanAnnotations(plan: plan, redactor: redactor)
        commands.write(annotations.commands.map { $0.line + "\n" }.joined())
        writeOutputs([
            ("exitcode", String(ExitStatus(outcome).rawValue)),
            ("changes", String(plan.changes.count)),
            ("pending", String(summary.awaitingApproval)),
            ("failing_checks", String(summary.failingChecks)),
            ("plan_digest", planDigest ?? ""),
            ("receipts_head", receiptsHead?.hash ?? ""),
            ("plan_file", planFile ?? ""),
        ])
        writeSummary { view in view.plan(plan, planFile: planFile) }
    }

    /// Outputs and summary for an apply: what was applied, what waits, what failed, and the
    /// receipts head to pin the next `receipts verify --expect-head` to.
    func publish(apply report: ApplyReport, planDigest: String, outcome: CommandOutcome) {
        for entry in report.entries {
            guard case .failed(let diagnostic) = entry.outcome else { continue }
            commands.write(WorkflowCommand(
                name: "error", properties: [("title", redactor.redact(entry.changeID.description))], message: redactor.redact(diagnostic.message)
            ).line + "\n")
        }
        writeOutputs([
            ("exitcode", String(ExitStatus(outcome).rawValue)),
            ("changes", String(report.entries.count)),
            ("applied", String(report.applied)),
            ("pending", String(report.waiting)),
            ("failed", String(report.failed)),
            ("plan_digest", planDigest),
            ("receipts_head", report.receiptsHead?.hash ?? ""),
            ("plan_file", report.planPath),
        ])
        writeSummary { view in view.apply(report) }
    }

    private func writeOutputs(_ outputs: [(name: String, value: String)]) {
        guard let path = nonEmpty("GITHUB_OUTPUT") else { return }
        do {
            let refusals = try StepOutputFile(path: path, redactor: redactor).write(outputs)
            for refusal in refusals {
                commands.write(WorkflowCommand(
                    name: "warning",
                    properties: [("title", "opsctl: output not set")],
                    message: "The step output \(refusal.name) was not written: \(refusal.reason)."
                ).line + "\n")
            }
        } catch {
            report("opsctl: could not write the step outputs to $GITHUB_OUTPUT: \(redactor.redact(String(describing: error)))\n")
        }
    }

    /// Appends to the step's summary, within what is left of the step's 1 MiB when something
    /// earlier in the step wrote to it already.
    private func writeSummary(_ render: (ActionsSummaryView) -> String) {
        guard let path = nonEmpty("GITHUB_STEP_SUMMARY") else { return }
        let existing = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
        let view = ActionsSummaryView(redactor: redactor, byteLimit: max(4096, ActionsSummaryView.byteLimit - existing))
        do {
            try StepOutputFile.append(render(view), to: path)
        } catch {
            report("opsctl: could not write the step summary to $GITHUB_STEP_SUMMARY: \(redactor.redact(String(describing: error)))\n")
        }
    }

    private func nonEmpty(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }
}
