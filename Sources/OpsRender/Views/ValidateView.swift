import OpsCore

/// What a view writes to each stream: `validate` and `receipts verify` put their verdict on one
/// and their problems on the other.
package struct ViewOutput: Sendable, Equatable {
    package var standardOutput: String = ""
    package var standardError: String = ""

    package init(standardOutput: String = "", standardError: String = "") {
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}

/// `validate`: every problem of both files, then a verdict; or one JSON document. Diagnostics
/// quote configuration files, which may hold a secret pasted in by mistake, so they are redacted.
package struct ValidateView: Sendable {
    package var format: ViewFormat
    package var errorColour: ColourMode
    package var redactor: Redactor
    package var quiet: Bool

    package init(format: ViewFormat, errorColour: ColourMode, redactor: Redactor, quiet: Bool) {
        self.format = format
        self.errorColour = errorColour
        self.redactor = redactor
        self.quiet = quiet
    }

    package func render(_ report: ValidationReport) -> ViewOutput {
        switch format {
        case .json:
            return ViewOutput(standardOutput: redactor.redact(JSONDocument.text(ValidationRenderer.json(report))))
        case .human(let colour):
            var output = ViewOutput()
            output.standardError = ValidationRenderer.diagnosticsText(report, minimumSeverity: quiet ? .error : .note, colour: errorColour)
            if !report.isValid || (report.warningCount > 0 && !quiet) {
                output.standardError += ValidationRenderer.summaryLine(report)
            }
            if report.isValid && !quiet {
                output.standardOutput = ValidationRenderer.successLine(report, colour: colour)
            }
            output.standardError = redactor.redact(output.standardError)
            return output
        }
    }
}
