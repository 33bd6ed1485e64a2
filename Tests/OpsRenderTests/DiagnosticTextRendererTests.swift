import OpsCore
import Testing
@testable import OpsRender

/// Exact rendered text, snapshot style: any change to the layout shows up here.
struct DiagnosticTextRendererTests {
    static let duplicateKey = Diagnostic(
        message: "duplicate key 'tables' in the same mapping",
        location: SourceLocation(file: "desired-state.yaml", line: 7, column: 3),
        sourceLine: "  tables:",
        hint: "remove one of the two, or merge their contents",
        notes: [.init(message: "first defined here", location: SourceLocation(file: "desired-state.yaml", line: 3, column: 3))]
    )

    @Test func plainText() {
        #expect(DiagnosticTextRenderer.render(Self.duplicateKey, colour: .plain) == """
            desired-state.yaml:7:3: error: duplicate key 'tables' in the same mapping
              tables:
              ^
              hint: remove one of the two, or merge their contents
            desired-state.yaml:3:3: note: first defined here

            """)
    }

    @Test func colouredText() {
        let escape = "\u{1B}["
        let expected = [
            "\(escape)1mdesired-state.yaml:7:3: \(escape)0m\(escape)1;31merror:\(escape)0m \(escape)1mduplicate key 'tables' in the same mapping\(escape)0m",
            "  tables:",
            "  \(escape)1;32m^\(escape)0m",
            "  \(escape)1;36mhint:\(escape)0m remove one of the two, or merge their contents",
            "\(escape)1mdesired-state.yaml:3:3: \(escape)0m\(escape)1;36mnote:\(escape)0m \(escape)1mfirst defined here\(escape)0m",
            "",
        ].joined(separator: "\n")
        #expect(DiagnosticTextRenderer.render(Self.duplicateKey, colour: .ansi) == expected)
    }

    @Test func caretUnderATabAndANonASCIICharacter() {
        let diagnostic = Diagnostic(
            message: "unknown key 'nàme'",
            location: SourceLocation(file: "change-policy.yaml", line: 4, column: 7),
            sourceLine: "\t- ü: nàme: x",
            hint: "did you mean 'name'?"
        )
        #expect(DiagnosticTextRenderer.render(diagnostic, colour: .plain) == """
            change-policy.yaml:4:7: error: unknown key 'nàme'
            \t- ü: nàme: x
            \t     ^
              hint: did you mean 'name'?

            """)
    }

    @Test func withoutLocationUsesTheFallbackFile() {
        let diagnostic = Diagnostic(severity: .warning, message: "the file is empty")
        #expect(DiagnosticTextRenderer.render(diagnostic, fallbackFile: "a.yaml", colour: .plain) == "a.yaml: warning: the file is empty\n")
        #expect(DiagnosticTextRenderer.render(diagnostic, colour: .plain) == "warning: the file is empty\n")
    }

    @Test func withoutSourceLineThereIsNoCaret() {
        let diagnostic = Diagnostic(
            message: "cannot read the file: no such file",
            location: SourceLocation(file: "desired-state.yaml", line: 1, column: 1)
        )
        #expect(DiagnosticTextRenderer.render(diagnostic, colour: .plain) == "desired-state.yaml:1:1: error: cannot read the file: no such file\n")
    }

    @Test func controlCharactersFromTheFileNeverReachTheTerminal() {
        let diagnostic = Diagnostic(
            message: "unknown key '\u{1B}[31mred'",
            location: SourceLocation(file: "a.yaml", line: 1, column: 7),
            sourceLine: "\u{1B}[31mred: 1\r",
            hint: "did you mean 'read'?\u{07}"
        )
        let text = DiagnosticTextRenderer.render(diagnostic, colour: .plain)
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{07}"))
        #expect(!text.contains("\r"))
        #expect(text == """
            a.yaml:1:7: error: unknown key '\u{FFFD}[31mred'
            \u{FFFD}[31mred: 1\u{FFFD}
                  ^
              hint: did you mean 'read'?\u{FFFD}

            """)
    }

    @Test func severalDiagnosticsInOrder() {
        let first = Diagnostic(message: "one", location: SourceLocation(file: "a.yaml", line: 1, column: 1))
        let second = Diagnostic(severity: .warning, message: "two", location: SourceLocation(file: "a.yaml", line: 2, column: 1))
        #expect(DiagnosticTextRenderer.render([first, second], colour: .plain) == "a.yaml:1:1: error: one\na.yaml:2:1: warning: two\n")
    }
}
