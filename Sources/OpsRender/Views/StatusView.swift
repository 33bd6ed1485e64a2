import OpsCore

/// `status`: where each change stands, as text or JSON.
package struct StatusView: Sendable {
    package var format: ViewFormat
    package var redactor: Redactor

    package init(format: ViewFormat, redactor: Redactor) {
        self.format = format
        self.redactor = redactor
    }

    /// `reviews`: what the plan's pull request says now, when the plan names one.
    package func render(_ rows: [StatusRenderer.Row], reviews: PullRequestReviewCheck? = nil) -> String {
        switch format {
        case .json:
            var members: [String: JSONValue] = ["changes": StatusRenderer.json(rows)]
            if let reviews { members["reviews"] = PullRequestReviewRenderer.json(reviews, recorded: false) }
            return redactor.redact(JSONDocument.text(members))
        case .human(let colour):
            let table = StatusRenderer.text(rows, colour: colour)
            return redactor.redact(reviews.map { table + "\n" + PullRequestReviewRenderer.text($0, recorded: false, colour: colour) } ?? table)
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
