import Foundation
import OpsCore
import OpsRender

/// In GitHub Actions, a Markdown summary for the job page and annotations that point at the
/// desired-state line behind each failing check.
enum GitHubActionsOutput {
    /// GitHub truncates step summaries over 1 MiB; stay under it.
    static let summaryLimit = 1_000_000

    static func publish(plan: Plan, view: PlanView, environment: Environment, output: OutputChannel) {
        for check in plan.checks where check.status == .fail || check.status == .error || check.status == .warning {
            output.write(view.redactor.redact(annotation(for: check)) + "\n")
        }
        guard let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return }
        var markdown = view.markdown(plan)
        if markdown.utf8.count > summaryLimit {
            markdown = String(decoding: Array(markdown.utf8.prefix(summaryLimit - 200)), as: UTF8.self)
                + "\n\n…the summary was cut to stay under GitHub's 1 MiB limit; see the plan file.\n"
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data(markdown.utf8))
    }

    static func annotation(for check: Check) -> String {
        let level = check.status == .warning ? "warning" : "error"
        var properties = ["title=\(escapeProperty(check.id))"]
        if let source = check.source {
            properties.insert("file=\(escapeProperty(source.file)),line=\(source.line),col=\(source.column)", at: 0)
        }
        return "::\(level) \(properties.joined(separator: ","))::\(escapeData(check.message))"
    }

    /// Workflow-command escaping, as the Actions toolkit does it.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
