import OpsCore

/// `receipts verify` and `receipts list`: text or one JSON document, redacted (receipt bodies
/// carry reasons people typed, and a reason may hold a pasted secret).
package struct ReceiptsView: Sendable {
    package var format: ViewFormat
    package var errorColour: ColourMode
    package var redactor: Redactor

    package init(format: ViewFormat, errorColour: ColourMode, redactor: Redactor) {
        self.format = format
        self.errorColour = errorColour
        self.redactor = redactor
    }

    /// An intact log's summary on standard output (unless quiet); a broken one's report on
    /// standard error.
    /// With `approvals` (from `--approvals`), each signed approval's check follows the summary.
    package func verification(
        _ verification: ReceiptsRenderer.Verification, quiet: Bool, verbose: Bool, approvals: [ApprovalSignaturesRenderer.Row]? = nil
    ) -> ViewOutput {
        switch format {
        case .json:
            var document = ReceiptsRenderer.verificationJSON(verification)
            if let approvals { document["approvals"] = ApprovalSignaturesRenderer.json(approvals) }
            return ViewOutput(standardOutput: redactor.redact(JSONDocument.text(document)))
        case .human(let colour):
            let signatures = approvals.map { redactor.redact(ApprovalSignaturesRenderer.text($0, colour: colour)) } ?? ""
            if verification.report.isIntact {
                return ViewOutput(standardOutput: (quiet ? "" : redactor.redact(ReceiptsRenderer.intactSummary(verification, verbose: verbose, colour: colour))) + signatures)
            }
            return ViewOutput(standardOutput: signatures, standardError: redactor.redact(ReceiptsRenderer.brokenReport(verification, colour: errorColour)))
        }
    }

    package func list(_ receipts: [Receipt], logPath: String, logExists: Bool, filtered: Bool) -> String {
        switch format {
        case .json:
            return redactor.redact(JSONDocument.text(["receipts": ReceiptsRenderer.listJSON(receipts)]))
        case .human:
            return redactor.redact(receipts.isEmpty
                ? ReceiptsRenderer.emptyList(logPath: logPath, logExists: logExists, filtered: filtered)
                : ReceiptsRenderer.table(receipts))
        }
    }
}
