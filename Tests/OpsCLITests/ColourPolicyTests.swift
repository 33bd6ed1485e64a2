import Testing
@testable import OpsCLI
import OpsRender

struct ColourPolicyTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var isTTY: Bool
        var environment: [String: String]
        var noColorFlag: Bool
        var expected: ColourMode
        var testDescription: String { "tty=\(isTTY) env=\(environment) --no-color=\(noColorFlag)" }
    }

    static let rows: [Row] = [
        Row(isTTY: true, environment: ["TERM": "xterm-256color"], noColorFlag: false, expected: .ansi),
        Row(isTTY: true, environment: [:], noColorFlag: false, expected: .ansi),
        Row(isTTY: false, environment: ["TERM": "xterm-256color"], noColorFlag: false, expected: .plain),
        Row(isTTY: true, environment: ["NO_COLOR": "1"], noColorFlag: false, expected: .plain),
        Row(isTTY: true, environment: ["NO_COLOR": ""], noColorFlag: false, expected: .plain),
        Row(isTTY: true, environment: ["NO_COLOR": "false"], noColorFlag: false, expected: .plain),
        Row(isTTY: true, environment: ["TERM": "dumb"], noColorFlag: false, expected: .plain),
        Row(isTTY: true, environment: [:], noColorFlag: true, expected: .plain),
    ]

    @Test(arguments: rows)
    func decidesColour(_ row: Row) {
        let stream = TerminalStream(isTTY: row.isTTY) { _ in }
        let mode = ColourPolicy.mode(for: stream, environment: Environment(variables: row.environment), disabledByFlag: row.noColorFlag)
        #expect(mode == row.expected)
    }
}
