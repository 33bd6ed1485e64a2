/// The words a migration pull request carries: its title, its body and the commit message.
/// Pure, so reviewers' view of the pull request is tested without GitHub.
struct MigrationPullRequestText: Sendable, Equatable {
    var title: String
    var body: String
    var commitMessage: String

    init(_ proposal: MigrationProposal) {
        let count = proposal.entries.count
        title = "opsctl: database migration \(proposal.slug) (\(count) change\(count == 1 ? "" : "s"))"
        commitMessage = "opsctl: add migration \(proposal.path)"

        var lines: [String] = [
            "opsctl opened this pull request to deliver planned database changes as a migration.",
            "",
            "Migration file: `\(proposal.path)`",
            "",
            "### Changes (\(count))",
            "",
        ]
        for entry in proposal.entries {
            let hazards = entry.hazards.isEmpty ? "" : " (hazards: \(entry.hazards.map { "`\($0.rawValue)`" }.joined(separator: ", ")))"
            lines.append("- `\(entry.id)`: \(Self.oneLine(entry.description))\(hazards)")
        }
        lines += ["", "### Hazards", ""]
        let hazards = proposal.hazards
        if hazards.isEmpty {
            lines.append("None reported.")
        } else {
            for hazard in hazards {
                let ids = proposal.entries.filter { $0.hazards.contains(hazard) }.map { "`\($0.id)`" }
                lines.append("- `\(hazard.rawValue)`: \(ids.joined(separator: ", "))")
            }
        }
        lines += [
            "",
            "opsctl does not run this SQL itself: it takes effect when your migration pipeline applies "
                + "`supabase/migrations` (for example `supabase db push`) after this pull request is merged. "
                + "Review the SQL and the hazards above before merging.",
        ]
        body = lines.joined(separator: "\n") + "\n"
    }

    /// A description on one line, so it cannot break the Markdown list it sits in.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
