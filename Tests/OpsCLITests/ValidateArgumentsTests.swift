import Testing
@testable import OpsCLI

/// `validate`'s value, parsed without I/O from a scanned command line.
struct ValidateArgumentsTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var expected: ValidateArguments
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let rows: [Row] = [
        Row(arguments: ["validate"], expected: ValidateArguments(desiredStatePath: "desired-state.yaml", policyPath: "change-policy.yaml")),
        Row(arguments: ["validate", "--json"], expected: ValidateArguments(desiredStatePath: "desired-state.yaml", policyPath: "change-policy.yaml", json: true)),
        Row(arguments: ["-f", "a.yaml", "validate", "-pb.yaml"], expected: ValidateArguments(desiredStatePath: "a.yaml", policyPath: "b.yaml")),
        Row(arguments: ["validate", "--policy=b.yaml", "--json", "-f", "a.yaml"], expected: ValidateArguments(desiredStatePath: "a.yaml", policyPath: "b.yaml", json: true)),
    ]

    @Test(arguments: rows)
    func parses(_ row: Row) throws {
        let tokens = Tokenizer.split(Array(row.arguments))
        let commandAt = try #require(tokens.firstIndex { $0.text == "validate" })
        let scanner = OptionScanner(flags: GlobalOptions.Flags.all + ValidateCommand.descriptor.flags, command: "validate")
        let before = try scanner.scan(tokens[..<commandAt]).get().arguments
        let after = try scanner.scan(tokens[(commandAt + 1)...]).get().arguments
        let arguments = before.appending(after)
        let globals = try GlobalOptions.parse(arguments, command: "validate").result.get()
        let parsed = ValidateArguments.parse(CommandInput(arguments: arguments, globals: globals, registry: .standard))
        #expect(parsed.problems.isEmpty)
        #expect(parsed.value == row.expected)
    }
}
