/// Text from the catalog made fit for a one-line description or check message.
///
/// The server prints long expressions over several lines (`pg_get_expr` breaks a subquery
/// into `SELECT ...\n FROM ...`); the terminal renderer turns every control character into
/// U+FFFD so that nothing can rewrite the screen, which left `\u{FFFD}` where the line breaks
/// were. Descriptions and messages carry the expression on one line instead; the change's
/// `before` and `after` keep the server's exact text, which is what is compared.
enum DisplayText {
    /// Every run of white space (line breaks and tabs included) as one space, trimmed.
    static func oneLine(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\n" || scalar == "\r" || scalar == "\t" {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace { result.append(" ") }
            pendingSpace = false
            result.append(scalar)
        }
        return String(result)
    }
}
