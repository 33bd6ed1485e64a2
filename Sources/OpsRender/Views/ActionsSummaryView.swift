import OpsCore

/// The Markdown a GitHub Actions step summary shows for `plan` and `apply`, redacted and cut
/// to fit.
///
/// GitHub refuses a step summary over 1 MiB (the upload fails with an error annotation and
/// the page shows nothing), so a plan of any size, ten thousand changes included, is cut on
/// a line boundary below `byteLimit` and ends with a pointer to where the whole plan is.
package struct ActionsSummaryView: Sendable {
    /// 1 MiB is 1,048,576 bytes; the margin leaves room for what other tools append to the
    /// same step's summary.
    package static let byteLimit = 1_000_000

    package var redactor: Redactor
    package var byteLimit: Int

    package init(redactor: Redactor, byteLimit: Int = ActionsSummaryView.byteLimit) {
        self.redactor = redactor
        self.byteLimit = byteLimit
    }

    /// The plan's summary. `planFile` is where the full plan was written (nil when the plan
    /// was incomplete and nothing was written).
    package func plan(_ plan: Plan, planFile: String?) -> String {
        let whole = redactor.redact(PlanMarkdownRenderer.render(plan))
        let pointer = planFile.map { "the full plan is in `\(Self.cell($0))` (keep it as an artifact: `opsctl show \(Self.cell($0))` prints it)" }
            ?? "no plan file was written because the plan is incomplete; run `opsctl plan` locally to see it all"
        return fitted(whole, pointer: pointer)
    }

    /// What `apply` did: counts, the receipts head, and one row per change.
    package func apply(_ report: ApplyReport) -> String {
        var output = "## opsctl apply\n\n"
        output += "| applied | proposed | pending approval | rejected | failed | receipts head |\n|---|---|---|---|---|---|\n"
        let head = report.receiptsHead.map { "seq \($0.seq) `\($0.hash)`" } ?? "none"
        output += "| \(report.applied) | \(report.proposed) | \(report.waiting) | \(report.rejected) | \(report.failed) | \(head) |\n\n"
        if !report.entries.isEmpty {
            output += "| change | result | detail |\n|---|---|---|\n"
            let rows = ApplyRenderer.jsonMembers(report)["changes"]?.arrayValue ?? []
            for row in rows {
                let id = row["id"]?.stringValue ?? ""
                let result = row["result"]?.stringValue ?? ""
                let detail = row["detail"]?.stringValue ?? ""
                output += "| `\(Self.cell(id))` | \(Self.cell(result)) | \(Self.cell(detail)) |\n"
            }
        }
        let pointer = "the full report is in the receipts log (`opsctl receipts list --json`) and in `opsctl apply --json`"
        return fitted(redactor.redact(output), pointer: pointer)
    }

    /// `markdown` itself when it fits; otherwise its longest prefix of whole lines that fits
    /// together with a closing note naming how much was left out and where the rest is.
    package func fitted(_ markdown: String, pointer: String) -> String {
        let bytes = Array(markdown.utf8)
        guard bytes.count > byteLimit else { return markdown }
        let totalLines = bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        // The note's length depends on the numbers in it; 160 bytes covers any line count.
        let note = { (shownLines: Int) in
            "\n\n> **This summary was cut** to stay under GitHub's 1 MiB limit for a step summary: "
                + "\(shownLines) of \(totalLines) lines are shown; \(redactor.redact(pointer)).\n"
        }
        let reserve = note(totalLines).utf8.count + 32
        var end = max(0, byteLimit - reserve)
        while end > 0, bytes[end - 1] != UInt8(ascii: "\n") { end -= 1 }
        let kept = bytes[..<end]
        let shownLines = kept.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        return String(decoding: kept, as: UTF8.self) + note(shownLines)
    }

    private static func cell(_ text: String) -> String {
        TerminalSafeText.sanitized(text).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "`", with: "'")
    }
}
