/// The part of opsctl's pull-request comment that binds reviews to one exact plan: a hidden
/// marker by which opsctl finds its own comment again, and a fenced block (info string
/// `opsctl-plan`) naming the plan's digest and each change's ID and digest.
///
/// ```opsctl-plan
/// plan sha256:…
/// github.label.create.bug sha256:…
/// ```
package enum PlanCommentBlock {
    /// First line of the comment; invisible in GitHub's rendering.
    package static let marker = "<!-- opsctl-plan -->"
    package static let infoString = "opsctl-plan"

    /// The fenced block for a plan (its changes in plan order).
    package static func fenced(planDigest: String, changes: [Change]) -> String {
        var lines = ["```\(infoString)", "plan \(planDigest)"]
        for change in changes { lines.append("\(change.id.description) \(PlanDigest.of(change))") }
        lines.append("```")
        return lines.joined(separator: "\n") + "\n"
    }

    package static func isOpsctlComment(_ body: String) -> Bool {
        body.hasPrefix(marker)
    }

    /// The plan digest the comment's fenced block names; nil when it has none, or more than one
    /// block (a comment must name one plan).
    package static func planDigest(in body: String) -> String? {
        let lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        var digests: [String] = []
        var inside = false
        for line in lines {
            if !inside, line == "```\(infoString)" {
                inside = true
            } else if inside, line.hasPrefix("```") {
                inside = false
            } else if inside, line.hasPrefix("plan ") {
                digests.append(String(line.dropFirst(5)).trimmingCharacters(in: .whitespaces))
            }
        }
        guard digests.count == 1, let digest = digests.first, digest.hasPrefix("sha256:") else { return nil }
        return digest
    }
}
