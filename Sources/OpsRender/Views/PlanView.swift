import OpsCore

/// `plan` and `show`: the same view, so a saved plan shows and redacts exactly as it did
/// when it was made. `--json` prints the plan file's own format (which carries its own
/// `formatVersion`), so a program reads one format whichever command it runs.
package struct PlanView: Sendable {
    package var format: ViewFormat
    package var redactor: Redactor

    package init(format: ViewFormat, redactor: Redactor) {
        self.format = format
        self.redactor = redactor
    }

    package func render(_ plan: Plan) -> String {
        switch format {
        case .json: redactor.redact(PlanFile.encode(plan))
        case .human(let colour): redactor.redact(PlanTextRenderer.render(plan, colour: colour))
        }
    }

    /// Why no plan file was written: an incomplete plan must not replace the last good one.
    package func notWrittenNote(path: String) -> String {
        redactor.redact("No plan was written: the plan is incomplete, and \(TerminalSafeText.sanitized(path)) was left as it was.\n")
    }

    /// The note on standard error after the diff: where the plan went and its digest.
    package func writtenNote(path: String, digest: String, requests: Int) -> String {
        redactor.redact("Plan written to \(TerminalSafeText.sanitized(path)) (\(digest.prefix(19))…, \(requests) request\(requests == 1 ? "" : "s")).\n")
    }

    package func markdown(_ plan: Plan) -> String {
        redactor.redact(PlanMarkdownRenderer.render(plan))
    }
}
