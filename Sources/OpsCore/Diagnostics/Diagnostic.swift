public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case error, warning, note

    private var rank: Int {
        switch self {
        case .error: 2
        case .warning: 1
        case .note: 0
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One problem found in the user's input, as a value: views decide how it looks.
public struct Diagnostic: Sendable, Hashable, Codable {
    /// A secondary place that explains the primary one ("first defined here").
    public struct Note: Sendable, Hashable, Codable {
        public var message: String
        public var location: SourceLocation?

        public init(message: String, location: SourceLocation?) {
            self.message = message
            self.location = location
        }
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// Where `sourceLine` sits in a line too long to quote whole.
    public struct Excerpt: Sendable, Hashable, Codable {
        /// The column, in the full line, of `sourceLine`'s first character.
        public var firstColumn: Int
        /// Whether the line goes on after `sourceLine`.
        public var continues: Bool

        public init(firstColumn: Int, continues: Bool) {
            self.firstColumn = firstColumn
            self.continues = continues
        }
    }

    /// The text of the source line at `location`, kept so renderers can draw a caret without reading files.
    /// For a long line only a window around the column (see `sourceExcerpt`).
    public var sourceLine: String?
    /// Set when `sourceLine` is a window of a longer line rather than the whole of it.
    public var sourceExcerpt: Excerpt?
    public var hint: String?
    public var notes: [Note]

    public init(
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
public protocol DiagnosticError: Error, Sendable {
    var diagnostic: Diagnostic { get }
}
