import OpsCore

/// The Slack messages of approvals (docs/services/slack.md, "Approvals"): the request
/// `approve --request` posts, with Approve and Reject buttons whose `value` is
/// `change_id|change_digest`, and the answers `serve slack` sends through `response_url`.
/// Values come from the plan, where secrets are already markers; the caller still passes every
/// text through the run's redactor.
package enum SlackApprovalMessage {
    package static let approveActionID = "opsctl_approve"
    package static let rejectActionID = "opsctl_reject"
    /// Slack's limit for a section's text.
    static let sectionLimit = 3000

    /// `value` of both buttons.
    package static func buttonValue(_ change: Change) -> String {
        "\(change.id.description)|\(PlanDigest.of(change))"
    }

    /// The fallback text and Block Kit blocks of a request for one change.
    package static func request(for change: Change, planDigest: String, requestedBy: String) -> (text: String, blocks: JSONValue) {
        let id = change.id.description
        let text = "opsctl: \(requestedBy) asks for approval of \(id)"
        var diff = PlanTextRenderer.renderChange(change, colour: .plain)
        let header = "*Approval requested* for `\(mrkdwn(id))` by \(mrkdwn(requestedBy))\n\(mrkdwn(change.description))\n"
        let room = sectionLimit - header.count - 8
        if diff.count > room { diff = String(diff.prefix(max(0, room - 2))) + "…\n" }
        let blocks: JSONValue = [
            ["type": "section", "text": ["type": "mrkdwn", "text": .string(header + "```" + diff.replacingOccurrences(of: "```", with: "'''") + "```")]],
            ["type": "context", "elements": [["type": "mrkdwn", "text": .string("change `\(PlanDigest.of(change))` · plan `\(planDigest)`")]]],
            [
                "type": "actions", "block_id": .string("opsctl_request"),
                "elements": [
                    button(approveActionID, "Approve", style: "primary", value: buttonValue(change)),
                    button(rejectActionID, "Reject", style: "danger", value: buttonValue(change)),
                ],
            ],
        ]
        return (text, blocks)
    }

    /// The answer posted to `response_url`: for a button it replaces the request (whose
    /// buttons then go, once a verdict is recorded), for a command it is an ephemeral reply.
    package static func reply(_ outcome: SlackApprovalOutcome, replacingRequest: Bool) -> JSONValue {
        let line = sentence(outcome)
        var body: [String: JSONValue] = ["text": .string(line)]
        if replacingRequest, case .recorded = outcome {
            body["replace_original"] = true
            body["blocks"] = [["type": "section", "text": ["type": "mrkdwn", "text": .string(mrkdwn(line))]]]
        } else {
            body["replace_original"] = false
            body["response_type"] = "ephemeral"
        }
        return .object(body)
    }

    /// One line, for Slack and for the terminal.
    package static func sentence(_ outcome: SlackApprovalOutcome) -> String {
        switch outcome {
        case .recorded(let verdict, let changeID, let approver, let slackUser, let seq, let state):
            let did = verdict == .approve ? "approved" : "rejected"
            return "\(changeID) \(did) by \(approver) (slack \(slackUser)), receipt #\(seq); \(standing(state))"
        case .refused(let changeID, let slackUser, let diagnostic):
            let subject = changeID.map { "Not recorded for \($0)" } ?? "Not recorded"
            return "\(subject) (slack \(slackUser)): \(diagnostic.message)" + (diagnostic.hint.map { "; \($0)" } ?? "")
        case .status(let changeID, let state):
            return "\(changeID): \(standing(state))"
        }
    }

    static func standing(_ state: ApprovalState) -> String {
        switch state {
        case .notRequired: return "it needs no approval"
        case .approved(let approvals): return "approved by " + approvals.map { "\($0.identity) (\($0.method.description))" }.joined(separator: ", ")
        case .pending(let counted, let needed, _):
            return "awaiting approval (\(counted.count) of \(needed))"
        case .rejected(let by, let reason): return "rejected by \(by)" + (reason.isEmpty ? "" : ": \(reason)")
        }
    }

    private static func button(_ actionID: String, _ label: String, style: String, value: String) -> JSONValue {
        [
            "type": "button", "action_id": .string(actionID), "text": ["type": "plain_text", "text": .string(label)], "style": .string(style),
            "value": .string(value),
        ]
    }

    /// Slack's mrkdwn escapes: `&`, `<` and `>`.
    static func mrkdwn(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
