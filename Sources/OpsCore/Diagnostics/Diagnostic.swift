package enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case error, warning, note

    private var rank: Int {
        switch self {
        case .error: 2
        case .warning: 1
        case .note: 0
        }
    }

    package static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One problem found in the user's input, as a value: views decide how it looks.
package struct Diagnostic: Sendable, Hashable, Codable {
    /// A secondary place that explains the primary one ("first defined here").
    package struct Note: Sendable, Hashable, Codable {
        package var message: String
        package var location: SourceLocation?

        package init(message: String, location: SourceLocation?) {
            self.message = message
            self.location = location
        }
    }

    package var severity: Severity
    package var message: String
    package var location: SourceLocation?
    /// Where `sourceLine` sits in a line too long to quote whole.
    package struct Excerpt: Sendable, Hashable, Codable {
        /// The column, in the full line, of `sourceLine`'s first character.
        package var firstColumn: Int
        /// Whether the line goes on after `sourceLine`.
        package var continues: Bool

        package init(firstColumn: Int, continues: Bool) {
            self.firstColumn = firstColumn
            self.continues = continues
        }
    }

    /// The text of the source line at `location`, kept so renderers can draw a caret without reading files.
    /// For a long line only a window around the column (see `sourceExcerpt`).
    package var sourceLine: String?
    /// Set when `sourceLine` is a window of a longer line rather than the whole of it.
    package var sourceExcerpt: Excerpt?
    package var hint: String?
    package var notes: [Note]

    package init(
        severity: Severity = .error,
        message: String,
        location: SourceLocation? = nil,
        sourceLine: String? = nil,
        hint: String? = nil,
        notes: [Note] = []
    ) {
        self.severity = severity
        self.message = message
        self.location = location
        self.sourceLine = sourceLine
        self.hint = hint
        self.notes = notes
    }
}

/// An error that knows how to describe itself as a diagnostic: one sentence plus a hint.
package protocol DiagnosticError: Error, Sendable {
    var diagnostic: Diagnostic { get }
}
