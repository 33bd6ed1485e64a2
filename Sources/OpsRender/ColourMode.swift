/// Whether rendered text may carry ANSI colour. Renderers never decide this themselves:
/// the caller knows whether the stream is a terminal and what the user asked for.
package enum ColourMode: Sendable, Hashable {
    case plain
    case ansi

    /// `text` wrapped in `style`'s escape sequence, or unchanged in plain mode.
    package func apply(_ style: ANSIStyle, to text: String) -> String {
        switch self {
        case .plain: text
        case .ansi: text.isEmpty ? text : "\u{1B}[\(style.parameters)m\(text)\u{1B}[0m"
        }
    }
}

/// One SGR style (a set of ANSI "select graphic rendition" parameters), named by what it marks
/// rather than by its colour, so that the palette can change in one place.
package struct ANSIStyle: Sendable, Hashable {
    package let parameters: String

    package init(parameters: String) {
        self.parameters = parameters
    }

    package static let location = ANSIStyle(parameters: "1")
    package static let message = ANSIStyle(parameters: "1")
    package static let error = ANSIStyle(parameters: "1;31")
    package static let warning = ANSIStyle(parameters: "1;35")
    package static let note = ANSIStyle(parameters: "1;36")
    package static let caret = ANSIStyle(parameters: "1;32")
    package static let hint = ANSIStyle(parameters: "1;36")
    package static let success = ANSIStyle(parameters: "32")
}
