import OpsCore
import Testing
@testable import OpsRender

struct DiagnosticJSONRendererTests {
    @Test func everyKeyIsPresent() {
        let diagnostic = Diagnostic(
            message: "duplicate key 'name'",
            location: SourceLocation(file: "a.yaml", line: 5, column: 7),
            sourceLine: "  name: x",
            hint: "remove one",
            notes: [.init(message: "first defined here", location: SourceLocation(file: "a.yaml", line: 4, column: 7))]
        )
        let expected: JSONValue = [
            "file": "a.yaml", "line": 5, "column": 7, "severity": "error",
            "message": "duplicate key 'name'", "hint": "remove one",
            "notes": [["file": "a.yaml", "line": 4, "column": 7, "message": "first defined here"]],
        ]
        #expect(DiagnosticJSONRenderer.value(for: diagnostic) == expected)
    }

    @Test func unknownPartsAreNull() {
        let diagnostic = Diagnostic(severity: .warning, message: "empty", notes: [.init(message: "see", location: nil)])
        let expected: JSONValue = [
            "file": "b.yaml", "line": nil, "column": nil, "severity": "warning", "message": "empty", "hint": nil,
            "notes": [["file": "b.yaml", "line": nil, "column": nil, "message": "see"]],
        ]
        #expect(DiagnosticJSONRenderer.value(for: diagnostic, fallbackFile: "b.yaml") == expected)
    }

    @Test func writtenWithTheProjectsWriter() {
        let diagnostic = Diagnostic(message: "a/b \"c\"", location: SourceLocation(file: "x.yaml", line: 1, column: 2))
        #expect(JSONWriter.canonical(DiagnosticJSONRenderer.value(for: diagnostic)) == #"{"column":2,"file":"x.yaml","hint":null,"line":1,"message":"a/b \"c\"","notes":[],"severity":"error"}"#)
    }
}
