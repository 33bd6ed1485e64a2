import OpsCore

/// What the reviews of a plan's pull request came to, for `apply` and `status`: which reviews
/// GitHub confirms, which approvals this run recorded, and each review that does not count with
/// its one-sentence reason.
package enum PullRequestReviewRenderer {
    /// `recorded`: apply wrote the receipts; status only says apply will.
    package static func text(_ check: PullRequestReviewCheck, recorded: Bool, colour: ColourMode) -> String {
        var output = "Reviews of \(TerminalSafeText.sanitized(check.pullRequest.reference)):\n"
        if let problem = check.problem {
            output += "  " + colour.apply(.error, to: "not checked:") + " " + TerminalSafeText.sanitized(problem.message) + "\n"
            if let hint = problem.hint { output += "    " + colour.apply(.hint, to: "hint:") + " " + TerminalSafeText.sanitized(hint) + "\n" }
            return output
        }
        if !check.confirmedReviews.isEmpty {
            output += "  approving on GitHub now: review " + check.confirmedReviews.sorted().map(String.init).joined(separator: ", ") + "\n"
        }
        for receipt in check.receipts {
            let verb = recorded ? "recorded" : "apply will record"
            output += "  \(verb): approval of \(TerminalSafeText.sanitized(receipt.body.change.changeID)) by \(TerminalSafeText.sanitized(receipt.actor))\n"
        }
        for refusal in check.refusals {
            output += "  " + colour.apply(.changed, to: "not counted:") + " " + TerminalSafeText.sanitized(refusal.reason) + "\n"
        }
        if check.confirmedReviews.isEmpty, check.refusals.isEmpty { output += "  no reviews yet\n" }
        return output
    }

    package static func json(_ check: PullRequestReviewCheck, recorded: Bool) -> JSONValue {
        var members: [String: JSONValue] = [
            "pullRequest": .string(check.pullRequest.reference),
            "headSha": .string(check.pullRequest.headSHA),
            "confirmedReviews": .array(check.confirmedReviews.sorted().map(JSONValue.int)),
            recorded ? "recorded" : "toRecord": .array(check.receipts.map {
                .object(["change": .string($0.body.change.changeID), "approver": .string($0.actor)])
            }),
            "notCounted": .array(check.refusals.map { .object(["login": .string($0.login), "reason": .string($0.reason)]) }),
        ]
        if let problem = check.problem { members["problem"] = .string(problem.message) }
        return .object(members)
    }
}
