import OpsCore

/// What `apply` did, as text and JSON members; `ApplyView` chooses and redacts.
package enum ApplyRenderer {
    package static func text(_ report: ApplyReport, colour: ColourMode) -> String {
        var output = ""
        for entry in report.entries {
            let id = TerminalSafeText.sanitized(entry.changeID.description)
            let (label, style, detail) = describe(entry)
            output += colour.apply(style, to: label) + " \(id): " + TerminalSafeText.sanitized(detail) + "\n"
            if case .failed(let diagnostic) = entry.outcome, let hint = diagnostic.hint {
                output += "    " + colour.apply(.hint, to: "hint:") + " " + TerminalSafeText.sanitized(hint) + "\n"
            }
        }
        if let reviews = report.reviews { output += "\n" + PullRequestReviewRenderer.text(reviews, recorded: true, colour: colour) }
        output += "\nApply: \(report.applied) applied, "
        if report.proposed > 0 { output += "\(report.proposed) proposed, " }
        output += "\(report.waiting) awaiting approval, "
        if report.rejected > 0 { output += "\(report.rejected) rejected, " }
        output += "\(report.failed) failed."
        if let head = report.receiptsHead { output += " Receipts head: seq \(head.seq) \(head.hash.prefix(12))…" }
        return output + "\n"
    }

    package static func jsonMembers(_ report: ApplyReport) -> [String: JSONValue] {
        var members: [String: JSONValue] = [
            "plan": .string(report.planPath),
            "applied": .int(report.applied),
            "proposed": .int(report.proposed),
            "awaitingApproval": .int(report.waiting),
            "rejected": .int(report.rejected),
            "failed": .int(report.failed),
            "receiptsHead": report.receiptsHead.map { .object(["seq": .int($0.seq), "hash": .string($0.hash)]) } ?? .null,
            "changes": .array(report.entries.map { entry in
                let (label, _, detail) = describe(entry)
                var members: [String: JSONValue] = ["id": .string(entry.changeID.description), "result": .string(label), "detail": .string(detail)]
                if case .proposed(let location, _) = entry.outcome { members["location"] = .string(location) }
                return .object(members)
            }),
        ]
        if let reviews = report.reviews { members["reviews"] = PullRequestReviewRenderer.json(reviews, recorded: true) }
        return members
    }

    private static func staleLine(_ changeID: ChangeID, observed: String, now: String, detail: String) -> (String, ANSIStyle, String) {
        let (then, current) = DigestDifference.pair(observed, now)
        return ("stale", .error, "Saved plan is stale: \(changeID) changed remotely since plan (observed \(then) → now \(current): \(detail)); re-run plan")
    }

    private static func describe(_ entry: ApplyReport.Entry) -> (String, ANSIStyle, String) {
        switch entry.outcome {
        case .applied(let detail): ("applied", .success, detail)
        case .alreadyApplied(let detail): ("already-applied", .success, detail)
        case .proposed(_, let detail): ("proposed", .changed, detail)
        case .awaitingApproval(let state, let reason): ("awaiting-approval", .changed, "\(reason); \(StatusRenderer.describe(state))")
        case .rejected(let by, let reason): ("rejected", .error, "rejected by \(by)" + (reason.isEmpty ? "" : ": \(reason)"))
        case .stale(let observed, let now, let detail):
            staleLine(entry.changeID, observed: observed, now: now, detail: detail)
        case .failed(let diagnostic): ("failed", .error, diagnostic.message)
        }
    }
}
