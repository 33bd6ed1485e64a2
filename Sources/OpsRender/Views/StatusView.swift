import OpsCore

/// `status`: where each change stands, as text or JSON.
package struct StatusView: Sendable {
    package var format: ViewFormat
    package var redactor: Redactor

    package init(format: ViewFormat, redactor: Redactor) {
        self.format = format
        self.redactor = redactor
    }

    package func render(_ rows: [StatusRenderer.Row]) -> String {
        switch format {
        case .json: redactor.redact(JSONDocument.text(["changes": StatusRenderer.json(rows)]))
        case .human(let colour): redactor.redact(StatusRenderer.text(rows, colour: colour))
        }
    }
}

/// `approve` and `reject`: the one line that says what was recorded and where the change now stands.
package struct VerdictView: Sendable {
    package var colour: ColourMode
    package var redactor: Redactor

    package init(colour: ColourMode, redactor: Redactor) {
        self.colour = colour
        self.redactor = redactor
    }

    package func recorded(verdict: ApprovalRecord.Verdict, change: ChangeID, actor: String, seq: Int, state: ApprovalState) -> String {
        redactor.redact(StatusRenderer.verdictLine(verdict: verdict.rawValue, change: change.description, actor: actor, seq: seq, state: state))
    }
}
