/// Collects every problem found while decoding one configuration file, so that a single run
/// reports all of them instead of stopping at the first.
final class ConfigReport {
    let source: SourceText
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var errorCount = 0
    private var reported: Set<Diagnostic> = []

    init(source: SourceText) {
        self.source = source
    }

    func location(_ mark: Mark) -> SourceLocation {
        source.location(mark)
    }

    func error(_ message: String, at mark: Mark, hint: String, notes: [Diagnostic.Note] = [], quotingSource: Bool = true) {
        errorCount += 1
        add(source.diagnostic(message, at: mark, severity: .error, hint: hint, notes: notes), quotingSource: quotingSource)
    }

    func warning(_ message: String, at mark: Mark, hint: String, notes: [Diagnostic.Note] = []) {
        add(source.diagnostic(message, at: mark, severity: .warning, hint: hint, notes: notes), quotingSource: true)
    }

    /// A report for a part of the same file decoded on its own, possibly on another thread. It
    /// has its own copy of the source's line cache, which a shared one would make thrash.
    func part() -> ConfigReport {
        ConfigReport(source: SourceText(path: source.path, bytes: source.bytes))
    }

    /// Takes in the problems of a part, as if they had been reported here.
    func absorb(_ part: ConfigReport) {
        errorCount += part.errorCount
        for diagnostic in part.diagnostics where reported.insert(diagnostic).inserted {
            diagnostics.append(diagnostic)
        }
    }

    private func add(_ diagnostic: Diagnostic, quotingSource: Bool) {
        var diagnostic = diagnostic
        if !quotingSource { diagnostic.sourceLine = nil }
        // An anchored node decoded through several aliases would repeat the same complaint.
        guard reported.insert(diagnostic).inserted else { return }
        diagnostics.append(diagnostic)
    }
}
