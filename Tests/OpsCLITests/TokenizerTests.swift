import Testing
@testable import OpsCLI

struct TokenizerTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var expected: [ArgumentToken.Kind]
        var testDescription: String { arguments.isEmpty ? "(no arguments)" : arguments.map { "'\($0)'" }.joined(separator: " ") }
    }

    static let rows: [Row] = [
        Row(arguments: [], expected: []),
        Row(arguments: ["validate"], expected: [.value("validate")]),
        Row(arguments: ["--json"], expected: [.longOption(name: "json", attachedValue: nil)]),
        Row(arguments: ["--policy=p.yaml"], expected: [.longOption(name: "policy", attachedValue: "p.yaml")]),
        Row(arguments: ["--policy", "p.yaml"], expected: [.longOption(name: "policy", attachedValue: nil), .value("p.yaml")]),
        Row(arguments: ["--policy="], expected: [.longOption(name: "policy", attachedValue: "")]),
        Row(arguments: ["--policy=a=b"], expected: [.longOption(name: "policy", attachedValue: "a=b")]),
        Row(arguments: ["--no-color"], expected: [.longOption(name: "no-color", attachedValue: nil)]),
        Row(arguments: ["-q"], expected: [.shortOptions(letters: ["q"], attachedValue: nil)]),
        Row(arguments: ["-qv"], expected: [.shortOptions(letters: ["q", "v"], attachedValue: nil)]),
        Row(arguments: ["-fa.yaml"], expected: [.shortOptions(letters: Array("fa.yaml"), attachedValue: nil)]),
        Row(arguments: ["-f=a.yaml"], expected: [.shortOptions(letters: ["f"], attachedValue: "a.yaml")]),
        Row(arguments: ["-f", "a.yaml"], expected: [.shortOptions(letters: ["f"], attachedValue: nil), .value("a.yaml")]),
        Row(arguments: ["-"], expected: [.value("-")]),
        Row(arguments: [""], expected: [.value("")]),
        Row(arguments: ["--"], expected: [.terminator]),
        Row(arguments: ["--", "--json", "-q"], expected: [.terminator, .value("--json"), .value("-q")]),
        Row(arguments: ["--", "--"], expected: [.terminator, .value("--")]),
        Row(arguments: ["---x"], expected: [.longOption(name: "-x", attachedValue: nil)]),
        Row(arguments: ["-5"], expected: [.shortOptions(letters: ["5"], attachedValue: nil)]),
        Row(arguments: ["-é"], expected: [.shortOptions(letters: ["é"], attachedValue: nil)]),
        Row(arguments: ["a b", "ü.yaml"], expected: [.value("a b"), .value("ü.yaml")]),
        Row(
            arguments: ["-q", "validate", "--json", "-p", "x"],
            expected: [
                .shortOptions(letters: ["q"], attachedValue: nil), .value("validate"),
                .longOption(name: "json", attachedValue: nil), .shortOptions(letters: ["p"], attachedValue: nil), .value("x"),
            ]
        ),
    ]

    @Test(arguments: rows)
    func splitsArgumentsBySpelling(_ row: Row) {
        #expect(Tokenizer.split(row.arguments).map(\.kind) == row.expected)
    }

    @Test func keepsEachArgumentsIndexAndText() {
        let tokens = Tokenizer.split(["validate", "--", "-f"])
        #expect(tokens.map(\.index) == [0, 1, 2])
        #expect(tokens.map(\.text) == ["validate", "--", "-f"])
    }
}
