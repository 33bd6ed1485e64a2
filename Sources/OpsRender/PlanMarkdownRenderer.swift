import OpsCore

/// The plan as Markdown, for a GitHub Actions job summary or a pull request comment.
package enum PlanMarkdownRenderer {
    package static func render(_ plan: Plan) -> String {
        var output = "## opsctl plan\n\n"
        if !plan.isComplete { output += "**" + cell(PlanTextRenderer.incompleteHeadline(plan)) + "**\n\n" }
        output += PlanTextRenderer.summaryLine(plan) + "\n\n"
        if !plan.changes.isEmpty {
            output += "| | change | risk | approval |\n|---|---|---|---|\n"
            for change in plan.changes {
                let symbol = switch change.effect {
                case .add: "+"
                case .modify: "~"
                case .remove: "-"
                }
                let approval = change.requiresApproval
                    ? (change.approvers.isEmpty ? "needed" : "needed from \(change.approvers.joined(separator: ", "))")
                    : "not needed"
                output += "| `\(symbol)` | `\(cell(change.id.description))` — \(cell(change.description)) | \(change.risk.rawValue) | \(approval) |\n"
            }
            output += "\n"
        }
        if let secrets = SecretsDriftTable(plan) { output += secrets.markdown + "\n" }
        let notable = PlanTextRenderer.attentionChecks(plan)
        if !notable.isEmpty {
            output += "### Checks that need attention\n\n"
            for check in notable {
                output += "- **\(check.status.rawValue)** `\(cell(check.id))`: \(cell(check.message))\n"
            }
        }
        let unmanaged = PlanTextRenderer.unmanagedGroups(plan)
        if !unmanaged.isEmpty {
            output += "\n### Unmanaged\n\n"
            for group in unmanaged {
                output += "- \(cell(group.collection)) (\(group.names.count)): \(group.names.map { "`\(cell($0))`" }.joined(separator: ", "))\n"
            }
        }
        let coverage = PlanTextRenderer.coverageLines(plan)
        if !coverage.isEmpty {
            output += "\n### Coverage\n\n" + coverage.map { "- \(cell($0))\n" }.joined()
        }
        return output
    }

    private static func cell(_ text: String) -> String {
        TerminalSafeText.sanitized(text).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "`", with: "'")
    }
}
