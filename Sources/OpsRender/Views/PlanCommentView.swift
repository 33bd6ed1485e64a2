import OpsCore

/// opsctl's comment on a pull request (`plan --pr N`): a hidden marker by which it finds the
/// comment again, the plan as Markdown (the step summary's view), the fenced `opsctl-plan` block
/// that binds reviews to this plan's digest, and how to approve. Redacted, and kept within
/// GitHub's 65,536-character comment limit: the plan is cut on a line boundary with a note, the
/// binding block is never cut short of its plan digest.
package struct PlanCommentView: Sendable {
    /// GitHub refuses a longer comment body (422 "body is too long (maximum is 65536 characters)").
    package static let characterLimit = 65_536

    package var redactor: Redactor
    package var characterLimit: Int

    package init(redactor: Redactor, characterLimit: Int = PlanCommentView.characterLimit) {
        self.redactor = redactor
        self.characterLimit = characterLimit
    }

    /// `inActions`: the job's step summary holds the whole plan, so a cut comment points there.
    package func render(_ plan: Plan, planDigest: String, planFile: String, inActions: Bool) -> String {
        let header = PlanCommentBlock.marker + "\n"
        let footer = redactor.redact(Self.footer(plan))
        var block = redactor.redact(PlanCommentBlock.fenced(planDigest: planDigest, changes: plan.changes))
        // A plan of thousands of changes: the digest line binds; the change lines are a courtesy.
        let blockBudget = characterLimit / 2
        if Self.length(block) > blockBudget {
            var kept: [Change] = []
            for change in plan.changes {
                let candidate = PlanCommentBlock.fenced(planDigest: planDigest, changes: kept + [change])
                if Self.length(candidate) + 80 > blockBudget { break }
                kept.append(change)
            }
            block = redactor.redact(PlanCommentBlock.fenced(planDigest: planDigest, changes: kept))
                + "\n\(plan.changes.count - kept.count) more changes are listed in the plan file, not here.\n"
        }
        let budget = characterLimit - Self.length(header) - Self.length(block) - Self.length(footer) - 2
        let whereWhole = inActions
            ? "the whole plan is in this job's step summary; `opsctl show \(planFile)` prints it"
            : "`opsctl show \(planFile)` prints the whole plan"
        let plan = fitted(redactor.redact(PlanMarkdownRenderer.render(plan)), budget: budget, pointer: whereWhole)
        return header + plan + "\n" + block + "\n" + footer
    }

    /// How a reviewer approves, in the comment itself.
    private static func footer(_ plan: Plan) -> String {
        let pending = plan.changes.filter(\.requiresApproval).count
        guard pending > 0 else { return "<sub>No change of this plan needs approval.</sub>\n" }
        return """
            <sub>An approving review of this pull request's head commit approves the changes whose rule says `method: github`, \
            for a reviewer whose `github:LOGIN` holds the rule's role (not the planner, not the last pusher). \
            A line `/opsctl approve CHANGE_ID` in the review approves only the changes it names. \
            Pushing again, or a new plan, needs a new review.</sub>

            """
    }

    /// The longest prefix of whole lines that fits with a note saying it was cut.
    private func fitted(_ markdown: String, budget: Int, pointer: String) -> String {
        guard Self.length(markdown) > budget else { return markdown }
        let note = "\n> **This plan was cut** to stay within GitHub's \(characterLimit)-character comment limit; \(redactor.redact(pointer)).\n"
        var kept = ""
        var used = 0
        let room = budget - Self.length(note)
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let size = line.unicodeScalars.count + 1
            if used + size > room { break }
            kept += line + "\n"
            used += size
        }
        return kept + note
    }

    /// GitHub counts a body's characters; Unicode scalars are the conservative measure.
    static func length(_ text: String) -> Int { text.unicodeScalars.count }
}
