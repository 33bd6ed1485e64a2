import OpsCore

/// The human and JSON views of a `ValidationReport` (terraform's views: one model, two shapes).
package enum ValidationRenderer {
    /// Every diagnostic of every file, in file order; `minimumSeverity` lets quiet mode drop warnings.
    package static func diagnosticsText(_ report: ValidationReport, minimumSeverity: Severity = .note, colour: ColourMode) -> String {
        report.files.map { file in
            DiagnosticTextRenderer.render(
                file.diagnostics.filter { $0.severity >= minimumSeverity },
                fallbackFile: file.path,
                colour: colour
            )
        }.joined()
    }

    /// "2 errors in desired-state.yaml, 0 in change-policy.yaml". The noun is said once when only
    /// one kind of problem occurred; with both kinds every file gets both counts.
    package static func summaryLine(_ report: ValidationReport) -> String {
        let mixed = report.errorCount > 0 && report.warningCount > 0
        let countsWarnings = report.errorCount == 0 && report.warningCount > 0
        let parts = report.files.enumerated().map { index, file in
            let counts: String
            if mixed {
                counts = "\(count(file.errorCount, "error")) and \(count(file.warningCount, "warning"))"
            } else {
                let number = countsWarnings ? file.warningCount : file.errorCount
                counts = index == 0 ? count(number, countsWarnings ? "warning" : "error") : "\(number)"
            }
            return "\(counts) in \(TerminalSafeText.sanitized(file.path))"
        }
        return parts.joined(separator: ", ") + "\n"
    }

    /// "desired-state.yaml and change-policy.yaml are valid."
    package static func successLine(_ report: ValidationReport, colour: ColourMode) -> String {
        let paths = report.files.map { TerminalSafeText.sanitized($0.path) }
        let subject: String
        switch paths.count {
        case 0: subject = "nothing"
        case 1: subject = paths[0]
        default: subject = paths.dropLast().joined(separator: ", ") + " and " + paths[paths.count - 1]
        }
        let verb = paths.count == 1 ? "is" : "are"
        return colour.apply(.success, to: "\(subject) \(verb) valid.") + "\n"
    }

    /// `{"valid": bool, "files": [path], "diagnostics": [...]}`.
    package static func json(_ report: ValidationReport) -> [String: JSONValue] {
        [
            "valid": .bool(report.isValid),
            "files": .array(report.files.map { .string($0.path) }),
            "diagnostics": .array(report.files.flatMap { file in
                file.diagnostics.map { DiagnosticJSONRenderer.value(for: $0, fallbackFile: file.path) }
            }),
        ]
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
