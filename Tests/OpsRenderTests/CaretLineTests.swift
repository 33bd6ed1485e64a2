import Testing
@testable import OpsRender

struct CaretLineTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var sourceLine: String
        var column: Int
        var expected: String
        var testDescription: String { "\(sourceLine.debugDescription) column \(column)" }
    }

    static let rows: [Row] = [
        Row(sourceLine: "tables:", column: 1, expected: "^"),
        Row(sourceLine: "  tabels:", column: 3, expected: "  ^"),
        // Tabs are copied, so the caret follows the terminal's tab stops like the line above it.
        Row(sourceLine: "\tname: x", column: 2, expected: "\t^"),
        Row(sourceLine: "\t\tkey: x", column: 3, expected: "\t\t^"),
        // é is one character (one column) even though it is two bytes in UTF-8.
        Row(sourceLine: "\tkéy: value", column: 5, expected: "\t   ^"),
        Row(sourceLine: "näme:\tx", column: 7, expected: "     \t^"),
        // 値 is one character but two columns wide on a terminal.
        Row(sourceLine: "\tkéy: 値x", column: 8, expected: "\t       ^"),
        // A combining accent adds a character but no column.
        Row(sourceLine: "e\u{301}x: 1", column: 3, expected: " ^"),
        Row(sourceLine: "🚀: 1", column: 2, expected: "  ^"),
        // Past the end of the line (an error at end of line), the caret follows the last character.
        Row(sourceLine: "key", column: 5, expected: "    ^"),
        Row(sourceLine: "", column: 1, expected: "^"),
        Row(sourceLine: "key", column: 0, expected: "^"),
    ]

    @Test(arguments: rows)
    func pointsAtTheColumn(_ row: Row) {
        #expect(CaretLine.render(under: row.sourceLine, column: row.column) == row.expected)
    }
}
