import Testing

@testable import OpsCore

/// An enumerated word is read from the scalar's bytes when it can only be text, and through the
/// scalar's resolution otherwise: either way the same choice, or the same report.
@Suite struct ConfigChoiceTests {
    /// The choice `text` (one YAML scalar) reads as, and the messages it reported.
    static func read(_ text: String) throws -> (choice: VercelTarget?, messages: [String]) {
        let source = SourceText(path: "desired-state.yaml", text: "value: \(text)\n")
        let document = try YAML.parse(source)
        let report = ConfigReport(source: source)
        let root = ConfigValue(node: try #require(document.root), path: .root, report: report)
        let choice = root.mapping { $0["value"]?.oneOf(VercelTarget.self) }
        return (choice, report.diagnostics.map(\.message))
    }

    @Test func aChoiceSpelledInAnyStyleIsThatChoice() throws {
        for text in ["production", "'production'", "\"production\"", "!!str production", "!!str preview", "\"pre\\x76iew\"", "|-\n  development"] {
            let read = try Self.read(text)
            #expect(read.messages.isEmpty, "\(text): \(read.messages)")
            #expect(read.choice != nil, "\(text)")
        }
        #expect(try Self.read("\"pre\\x76iew\"").choice == .preview)
        #expect(try Self.read("|-\n  development").choice == .development)
        // A literal keeps its line break: not a choice, as the text it is.
        #expect(try Self.read("|\n  development").messages.count == 1)
    }

    @Test func whatIsNotAChoiceIsReportedAsBefore() throws {
        let expected = "expected one of production, preview, development for value, found"
        for (text, message) in [
            ("Production", "\(expected) 'Production'"), ("12", "\(expected) '12'"), ("productions", "\(expected) 'productions'"),
            ("!!int production", nil), ("true", nil), ("[production]", nil),
        ] {
            let read = try Self.read(text)
            #expect(read.choice == nil, "\(text)")
            #expect(read.messages.count == 1, "\(text): \(read.messages)")
            if let message { #expect(read.messages.first == message, "\(text)") }
        }
    }
}
