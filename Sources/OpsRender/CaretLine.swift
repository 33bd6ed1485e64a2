/// The line drawn under a quoted source line to point at a column.
///
/// Columns count characters (Unicode scalars), as libyaml's marks do. The padding copies every
/// tab of the source line and gives each other character its display width, so the caret lands
/// under the right character whatever the terminal's tab stops and however wide the text is.
package enum CaretLine {
    /// Padding plus `^` for a 1-based `column` of `sourceLine`. A column past the end of the line
    /// (an error at end of line or input) points just after the last character.
    package static func render(under sourceLine: String, column: Int) -> String {
        padding(under: sourceLine, column: column) + "^"
    }

    /// The white space that puts whatever follows it under `column`.
    package static func padding(under sourceLine: String, column: Int) -> String {
        var padding = ""
        var remaining = max(column - 1, 0)
        for scalar in sourceLine.unicodeScalars {
            guard remaining > 0 else { break }
            if scalar == "\t" {
                padding += "\t"
            } else if scalar.value >= 0x20 && scalar.value < 0x7F {
                padding += " "
            } else {
                padding += String(repeating: " ", count: DisplayWidth.columns(of: scalar))
            }
            remaining -= 1
        }
        padding += String(repeating: " ", count: remaining)
        return padding
    }
}
