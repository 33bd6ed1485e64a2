import OpsCore

/// Diagnostics as compiler-style text, the shape editors and CI log scanners recognise:
///
///     desired-state.yaml:3:5: error: unknown key 'tabels'
///       tabels:
///       ^
///       hint: did you mean 'tables'?
///     desired-state.yaml:2:3: note: first defined here
///
/// Every line ends with a newline. User-supplied text is made terminal-safe, and bounded
/// (`DiagnosticExcerpt`): a source line is quoted in at most `excerptWidth` columns around its
/// column, so a megabyte line costs a few hundred bytes, not two megabytes.
package enum DiagnosticTextRenderer {
    /// `fallbackFile` names the file a diagnostic without a location came from, so that every
    /// line still says which file it is about. `excerptWidth` is the terminal's width when known.
    package static func render(
        _ diagnostics: [Diagnostic], fallbackFile: String? = nil, colour: ColourMode,
        excerptWidth: Int = DiagnosticExcerpt.defaultWidth
    ) -> String {
        diagnostics.map { render($0, fallbackFile: fallbackFile, colour: colour, excerptWidth: excerptWidth) }.joined()
    }

    package static func render(
        _ diagnostic: Diagnostic, fallbackFile: String? = nil, colour: ColourMode,
        excerptWidth: Int = DiagnosticExcerpt.defaultWidth
    ) -> String {
        var output = headline(
            severity: diagnostic.severity,
            message: diagnostic.message,
            location: diagnostic.location,
            fallbackFile: fallbackFile,
            colour: colour
        )
        if let sourceLine = diagnostic.sourceLine, let column = diagnostic.location?.column {
            // Cut before sanitising: the window is what gets printed, and columns count the
            // same characters either way (every control character becomes one U+FFFD).
            let stored = diagnostic.sourceExcerpt
            let excerpt = DiagnosticExcerpt.window(
                of: sourceLine, column: max(1, column - (stored?.firstColumn ?? 1) + 1), maximumWidth: excerptWidth,
                cutBefore: (stored?.firstColumn ?? 1) > 1, cutAfter: stored?.continues ?? false)
            let safeLine = TerminalSafeText.sanitized(excerpt.text, keepTabs: true)
            output += safeLine + "\n"
            output += CaretLine.padding(under: safeLine, column: excerpt.column) + colour.apply(.caret, to: "^") + "\n"
        }
        if let hint = diagnostic.hint {
            output += "  " + colour.apply(.hint, to: "hint:") + " " + TerminalSafeText.sanitized(DiagnosticExcerpt.message(hint)) + "\n"
        }
        for note in diagnostic.notes {
            output += headline(severity: .note, message: note.message, location: note.location, fallbackFile: fallbackFile, colour: colour)
        }
        return output
    }

    /// `file:line:col: severity: message`, dropping whatever part of the location is unknown.
    private static func headline(
        severity: Severity,
        message: String,
        location: SourceLocation?,
        fallbackFile: String?,
        colour: ColourMode
    ) -> String {
        var prefix = ""
        if let location {
            prefix = TerminalSafeText.sanitized(location.file) + ":\(location.line):\(location.column): "
        } else if let fallbackFile {
            prefix = TerminalSafeText.sanitized(fallbackFile) + ": "
        }
        let label = colour.apply(style(for: severity), to: "\(severity.rawValue):")
        let shortened = DiagnosticExcerpt.message(message)
        return colour.apply(.location, to: prefix) + label + " " + colour.apply(.message, to: TerminalSafeText.sanitized(shortened)) + "\n"
    }

    private static func style(for severity: Severity) -> ANSIStyle {
        switch severity {
        case .error: .error
        case .warning: .warning
        case .note: .note
        }
    }
}
