import OpsCore

/// `apply`: what happened to each change, as text or JSON, redacted.
package struct ApplyView: Sendable {
    package var format: ViewFormat
    package var redactor: Redactor

    package init(format: ViewFormat, redactor: Redactor) {
        self.format = format
        self.redactor = redactor
    }

    package func render(_ report: ApplyReport) -> String {
        switch format {
        case .json: redactor.redact(JSONDocument.text(ApplyRenderer.jsonMembers(report)))
        case .human(let colour): redactor.redact(ApplyRenderer.text(report, colour: colour))
        }
    }
}
