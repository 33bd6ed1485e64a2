import OpsCore
import Testing
@testable import OpsRender

/// Hostile input stays readable: a multi-megabyte line is quoted in a window around its
/// column, with the caret still under the reported character, and messages that quote the
/// input are shortened around their middle.
struct DiagnosticExcerptTests {
    static let fourMegabytes = 4 << 20
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".unicodeScalars)
    /// Four megabytes on one line, every character distinct from its neighbours, so the
    /// caret's target is unambiguous. Built once for all the tests that use it.
    static let hugeLine: String = {
        var scalars = String.UnicodeScalarView()
        for offset in 0..<fourMegabytes { scalars.append(alphabet[offset % alphabet.count]) }
        return String(scalars)
    }()
    static let hugeSource = SourceText(path: "big.yaml", text: "key:\n" + hugeLine + "\n")

    /// The scalar the caret points at in rendered output: the source line is the second line,
    /// the caret line the third; padding is spaces and tabs that mirror the source line.
    static func pointedAt(in rendered: String) throws -> (line: [Unicode.Scalar], caretColumn: Int, index: Int) {
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(lines.count >= 3)
        let source = Array(lines[1].unicodeScalars)
        let caretLine = lines[2]
        let caretColumn = try #require(caretLine.firstIndex(of: "^")).utf16Offset(in: caretLine)
        // Walk the source line, adding each character's display width, until the padding is used up.
        var width = 0
        var index = 0
        while index < source.count, width < caretColumn {
            width += source[index] == "\t" ? 1 : DisplayWidth.columns(of: source[index])
            index += 1
        }
        return (source, caretColumn, index)
    }

    @Test(arguments: [1, 2, 150, 2 << 20, fourMegabytes - 5, fourMegabytes, fourMegabytes + 1, fourMegabytes + 40])
    func megabyteLineIsQuotedAroundItsColumnWithTheCaretUnderIt(column: Int) throws {
        let alphabet = Self.alphabet
        let line = Self.hugeLine
        let diagnostic = Diagnostic(
            message: "something is wrong here", location: SourceLocation(file: "big.yaml", line: 1, column: column),
            sourceLine: line, hint: "fix it")

        let rendered = DiagnosticTextRenderer.render(diagnostic, colour: .plain)
        #expect(rendered.utf8.count < 1_000, "\(rendered.utf8.count) bytes")
        let (source, caretColumn, index) = try Self.pointedAt(in: rendered)
        #expect(source.count <= DiagnosticExcerpt.defaultWidth)
        #expect(caretColumn < DiagnosticExcerpt.defaultWidth)
        if column <= Self.fourMegabytes {
            let expected = alphabet[(column - 1) % alphabet.count]
            #expect(index < source.count && source[index] == expected, "column \(column)")
            // Enough context on both sides to recognise the place.
            #expect(index >= min(column - 1, 40))
            #expect(source.count - index >= min(Self.fourMegabytes - column + 1, 40))
        } else {
            // Past the end: just after the last character, which is kept.
            #expect(source.last == alphabet[(Self.fourMegabytes - 1) % alphabet.count])
            #expect(index == source.count)
        }
        #expect(column <= 2 || source.first == DiagnosticExcerpt.ellipsis)
        #expect(column >= Self.fourMegabytes - 5 || source.last == DiagnosticExcerpt.ellipsis)
    }

    /// The same through `SourceText`, which keeps only a window of the line in the diagnostic:
    /// the renderer narrows that window further and marks both cuts.
    @Test(arguments: [1, 90, 3_000, 2 << 20, fourMegabytes - 100, fourMegabytes])
    func windowStoredBySourceTextRendersWithTheCaretUnderItsCharacter(column: Int) throws {
        let alphabet = Self.alphabet
        let diagnostic = Self.hugeSource.diagnostic("bad", at: Mark(line: 2, column: column))
        let rendered = DiagnosticTextRenderer.render(diagnostic, colour: .plain)
        #expect(rendered.hasPrefix("big.yaml:2:\(column): error: bad\n"))
        #expect(rendered.utf8.count < 1_000)
        let (shown, _, index) = try Self.pointedAt(in: rendered)
        #expect(index < shown.count && shown[index] == alphabet[(column - 1) % alphabet.count], "column \(column)")
        #expect((shown.first == DiagnosticExcerpt.ellipsis) == (column > 60), "column \(column)")
        #expect((shown.last == DiagnosticExcerpt.ellipsis) == (column < Self.fourMegabytes - 100), "column \(column)")
    }

    @Test func storedWindowThatFitsStillShowsItsCuts() {
        var diagnostic = Diagnostic(
            message: "bad", location: SourceLocation(file: "f", line: 1, column: 1_003), sourceLine: "xyzXw")
        diagnostic.sourceExcerpt = Diagnostic.Excerpt(firstColumn: 1_000, continues: true)
        #expect(DiagnosticTextRenderer.render(diagnostic, colour: .plain) == "f:1:1003: error: bad\n…xyzXw…\n    ^\n")
    }

    /// Tabs, wide characters, zero-width marks and control characters on a long line: the
    /// window's column names the same character as the original column, at every column.
    @Test func windowKeepsTheCharacterUnderEveryColumn() throws {
        let pattern = Array("ab\tc漢字é\u{0301}x\u{1B}[31m😀yz".unicodeScalars)
        var scalars = String.UnicodeScalarView()
        for index in 0..<3_000 { scalars.append(pattern[index % pattern.count]) }
        let original = Array(scalars)
        let line = String(scalars)
        for column in stride(from: 1, through: original.count, by: 7) {
            for width in [20, 80, 200] {
                let window = DiagnosticExcerpt.window(of: line, column: column, maximumWidth: width)
                let shown = Array(window.text.unicodeScalars)
                #expect(shown.count <= width)
                let displayed = shown.reduce(0) { $0 + ($1 == "\t" ? 8 : max(1, DisplayWidth.columns(of: $1))) }
                #expect(displayed <= width, "column \(column) width \(width)")
                try #require(window.column >= 1 && window.column <= shown.count, "column \(column) width \(width)")
                #expect(shown[window.column - 1] == original[column - 1], "column \(column) width \(width)")
            }
        }
    }

    @Test func narrowTerminalWidthIsHonouredButNotBelowAUsefulMinimum() {
        let line = String(repeating: "x", count: 1_000)
        #expect(DiagnosticExcerpt.window(of: line, column: 500, maximumWidth: 60).text.unicodeScalars.count == 60)
        #expect(DiagnosticExcerpt.window(of: line, column: 500, maximumWidth: 3).text.unicodeScalars.count == 20)
        let rendered = DiagnosticTextRenderer.render(
            Diagnostic(message: "m", location: SourceLocation(file: "f", line: 1, column: 500), sourceLine: line),
            colour: .plain, excerptWidth: 60)
        #expect(rendered.split(separator: "\n")[1].unicodeScalars.count == 60)
    }

    @Test func lineThatFitsIsUnchanged() {
        let line = String(repeating: "y", count: DiagnosticExcerpt.defaultWidth)
        #expect(DiagnosticExcerpt.window(of: line, column: 7) == (line, 7))
        #expect(DiagnosticExcerpt.window(of: "", column: 1) == ("", 1))
    }

    @Test func lineOfZeroWidthMarksIsBoundedToo() {
        let line = "a" + String(repeating: "\u{0301}", count: 1 << 20)
        let window = DiagnosticExcerpt.window(of: line, column: 1 << 19)
        #expect(window.text.unicodeScalars.count <= DiagnosticExcerpt.defaultWidth)
    }

    /// "found '<4 MB>'": the sentence's start and end survive, the middle of the value does not.
    @Test func messageQuotingAMegabyteValueIsShortenedInTheMiddle() {
        let value = String(repeating: "r", count: Self.fourMegabytes)
        let diagnostic = Diagnostic(
            message: "github.labels[0].color must be 6 hexadecimal digits, found '\(value)'",
            location: SourceLocation(file: "desired-state.yaml", line: 4, column: 26),
            hint: "write a colour such as d73a4a, not '\(value)'")
        let rendered = DiagnosticTextRenderer.render(diagnostic, colour: .plain)
        #expect(rendered.utf8.count < 2_000, "\(rendered.utf8.count) bytes")
        let lines = rendered.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("desired-state.yaml:4:26: error: github.labels[0].color must be 6 hexadecimal digits, found 'rrr"))
        #expect(lines[0].hasSuffix("rrr'") && lines[0].contains("r…r"))
        #expect(lines[1].hasPrefix("  hint: write a colour such as d73a4a, not 'rrr") && lines[1].hasSuffix("rrr'"))
        #expect(DiagnosticExcerpt.message("short") == "short")
        let exactly = String(repeating: "m", count: DiagnosticExcerpt.maximumMessageLength)
        #expect(DiagnosticExcerpt.message(exactly) == exactly)
        #expect(DiagnosticExcerpt.message(exactly + "m").unicodeScalars.count == DiagnosticExcerpt.maximumMessageLength)
    }
}
