import OpsCore
import Testing
@testable import OpsRender

struct ValidationRendererTests {
    static func diagnostics(errors: Int, warnings: Int, file: String) -> [Diagnostic] {
        let location = SourceLocation(file: file, line: 1, column: 1)
        return Array(repeating: Diagnostic(message: "bad", location: location), count: errors)
            + Array(repeating: Diagnostic(severity: .warning, message: "odd", location: location), count: warnings)
    }

    static func report(_ counts: [(errors: Int, warnings: Int)]) -> ValidationReport {
        let names = ["desired-state.yaml", "change-policy.yaml"]
        return ValidationReport(files: zip(names, counts).map { name, count in
            ValidationReport.File(path: name, diagnostics: diagnostics(errors: count.errors, warnings: count.warnings, file: name))
        })
    }

    struct SummaryRow: Sendable, CustomTestStringConvertible {
        var desiredState: (errors: Int, warnings: Int)
        var policy: (errors: Int, warnings: Int)
        var expected: String
        var testDescription: String { expected }
    }

    static let summaryRows: [SummaryRow] = [
        SummaryRow(desiredState: (2, 0), policy: (0, 0), expected: "2 errors in desired-state.yaml, 0 in change-policy.yaml\n"),
        SummaryRow(desiredState: (1, 0), policy: (3, 0), expected: "1 error in desired-state.yaml, 3 in change-policy.yaml\n"),
        SummaryRow(desiredState: (0, 0), policy: (1, 0), expected: "0 errors in desired-state.yaml, 1 in change-policy.yaml\n"),
        SummaryRow(desiredState: (0, 1), policy: (0, 0), expected: "1 warning in desired-state.yaml, 0 in change-policy.yaml\n"),
        SummaryRow(
            desiredState: (1, 2), policy: (0, 0),
            expected: "1 error and 2 warnings in desired-state.yaml, 0 errors and 0 warnings in change-policy.yaml\n"
        ),
    ]

    @Test(arguments: summaryRows)
    func summaryLine(_ row: SummaryRow) {
        #expect(ValidationRenderer.summaryLine(Self.report([row.desiredState, row.policy])) == row.expected)
    }

    @Test func successLine() {
        let report = Self.report([(0, 0), (0, 0)])
        #expect(report.isValid)
        #expect(ValidationRenderer.successLine(report, colour: .plain) == "desired-state.yaml and change-policy.yaml are valid.\n")
        #expect(ValidationRenderer.successLine(report, colour: .ansi) == "\u{1B}[32mdesired-state.yaml and change-policy.yaml are valid.\u{1B}[0m\n")
    }

    @Test func warningsDoNotMakeAReportInvalid() {
        #expect(Self.report([(0, 3), (0, 0)]).isValid)
        #expect(!Self.report([(0, 3), (1, 0)]).isValid)
    }

    @Test func quietDropsWarningsFromTheText() {
        let report = Self.report([(1, 1), (0, 0)])
        #expect(ValidationRenderer.diagnosticsText(report, minimumSeverity: .error, colour: .plain) == "desired-state.yaml:1:1: error: bad\n")
        #expect(ValidationRenderer.diagnosticsText(report, colour: .plain) == "desired-state.yaml:1:1: error: bad\ndesired-state.yaml:1:1: warning: odd\n")
    }

    @Test func json() {
        let report = Self.report([(1, 0), (0, 0)])
        let expected: JSONValue = [
            "valid": false,
            "files": ["desired-state.yaml", "change-policy.yaml"],
            "diagnostics": [[
                "file": "desired-state.yaml", "line": 1, "column": 1, "severity": "error",
                "message": "bad", "hint": nil, "notes": [],
            ]],
        ]
        #expect(JSONValue.object(ValidationRenderer.json(report)) == expected)
    }
}
