/// Text from user files (a YAML line, a key name) may hold control characters; printed raw,
/// an ESC could recolour or rewrite the user's terminal. Every such character becomes U+FFFD,
/// which also occupies exactly one column, so caret placement stays right.
package enum TerminalSafeText {
    package static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// `text` with C0 and C1 control characters replaced; tabs survive when `keepTabs` is set
    /// (source lines keep theirs so that the caret line can reuse them).
    package static func sanitized(_ text: String, keepTabs: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0, keepTabs: keepTabs) }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(isControl(scalar, keepTabs: keepTabs) ? replacement : scalar)
        }
        return String(result)
    }

    private static func isControl(_ scalar: Unicode.Scalar, keepTabs: Bool) -> Bool {
        if scalar == "\t" { return !keepTabs }
        return scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
