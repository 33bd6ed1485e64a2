import Testing
@testable import OpsCLI

/// Options matched against the flags `validate` accepts: global ones plus `--json`.
struct OptionScannerTests {
    enum Expected: Sendable {
        /// Options as `--long=value` (or `--long` for booleans) in order, then positionals.
        case scanned(options: [String], positionals: [String])
        case failure(UsageError.Reason, suggestion: String?, argumentIndex: Int)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var expected: Expected
        var testDescription: String { arguments.map { "'\($0)'" }.joined(separator: " ") }
    }

    static let rows: [Row] = [
        Row(arguments: ["-f", "a.yaml"], expected: .scanned(options: ["--desired-state=a.yaml"], positionals: [])),
        Row(arguments: ["--desired-state", "a.yaml"], expected: .scanned(options: ["--desired-state=a.yaml"], positionals: [])),
        Row(arguments: ["--desired-state=a.yaml"], expected: .scanned(options: ["--desired-state=a.yaml"], positionals: [])),
        Row(arguments: ["-fa.yaml"], expected: .scanned(options: ["--desired-state=a.yaml"], positionals: [])),
        Row(arguments: ["-f=a.yaml"], expected: .scanned(options: ["--desired-state=a.yaml"], positionals: [])),
        Row(arguments: ["--policy=-odd.yaml"], expected: .scanned(options: ["--policy=-odd.yaml"], positionals: [])),
        Row(arguments: ["-qv"], expected: .scanned(options: ["--quiet", "--verbose"], positionals: [])),
        Row(arguments: ["-qf", "a.yaml"], expected: .scanned(options: ["--quiet", "--desired-state=a.yaml"], positionals: [])),
        Row(arguments: ["-qfa.yaml"], expected: .scanned(options: ["--quiet", "--desired-state=a.yaml"], positionals: [])),
        Row(arguments: ["a", "-v", "b"], expected: .scanned(options: ["--verbose"], positionals: ["a", "b"])),
        Row(arguments: ["--", "-f", "--json"], expected: .scanned(options: [], positionals: ["-f", "--json"])),
        Row(arguments: ["-", "--json"], expected: .scanned(options: ["--json"], positionals: ["-"])),
        Row(arguments: ["--policy"], expected: .failure(.missingValue(option: "--policy", placeholder: "FILE"), suggestion: nil, argumentIndex: 0)),
        Row(arguments: ["--json", "-f"], expected: .failure(.missingValue(option: "-f", placeholder: "FILE"), suggestion: nil, argumentIndex: 1)),
        Row(arguments: ["-f", "--json"], expected: .failure(.missingValue(option: "-f", placeholder: "FILE"), suggestion: nil, argumentIndex: 0)),
        Row(arguments: ["-f", "--", "a.yaml"], expected: .failure(.missingValue(option: "-f", placeholder: "FILE"), suggestion: nil, argumentIndex: 0)),
        Row(arguments: ["--polcy", "x"], expected: .failure(.unknownOption("--polcy"), suggestion: "--policy", argumentIndex: 0)),
        Row(arguments: ["x", "--jsn"], expected: .failure(.unknownOption("--jsn"), suggestion: "--json", argumentIndex: 1)),
        Row(arguments: ["--desired-stat=a"], expected: .failure(.unknownOption("--desired-stat"), suggestion: "--desired-state", argumentIndex: 0)),
        Row(arguments: ["--nocolor"], expected: .failure(.unknownOption("--nocolor"), suggestion: "--no-color", argumentIndex: 0)),
        Row(arguments: ["--frobnicate"], expected: .failure(.unknownOption("--frobnicate"), suggestion: nil, argumentIndex: 0)),
        Row(arguments: ["-x"], expected: .failure(.unknownOption("-x"), suggestion: nil, argumentIndex: 0)),
        Row(arguments: ["-qx"], expected: .failure(.unknownOption("-x"), suggestion: nil, argumentIndex: 0)),
        Row(arguments: ["-json"], expected: .failure(.unknownOption("-json"), suggestion: "--json", argumentIndex: 0)),
        Row(arguments: ["--json=yes"], expected: .failure(.unexpectedValue(option: "--json", value: "yes"), suggestion: nil, argumentIndex: 0)),
        Row(arguments: ["-q=1"], expected: .failure(.unexpectedValue(option: "-q", value: "1"), suggestion: nil, argumentIndex: 0)),
    ]

    static let scanner = OptionScanner(flags: GlobalOptions.Flags.all + [ValidateArguments.Flags.json], command: "validate")

    @Test(arguments: rows)
    func matchesOptionsAgainstTheirSpecs(_ row: Row) {
        let result = Self.scanner.scan(Tokenizer.split(row.arguments)[...])
        switch (result, row.expected) {
        case (.success(let scan), .scanned(let options, let positionals)):
            let spelled = scan.arguments.options.map { option in option.value.map { "\(option.flag.longName)=\($0)" } ?? option.flag.longName }
            #expect(spelled == options)
            #expect(scan.arguments.positionals.map(\.value) == positionals)
        case (.failure(let error), .failure(let reason, let suggestion, let index)):
            #expect(error.reason == reason)
            #expect(error.suggestion == suggestion)
            #expect(error.argumentIndex == index)
            #expect(error.command == "validate")
        case (.success(let scan), .failure):
            Issue.record("expected a usage error, scanned \(scan.arguments)")
        case (.failure(let error), .scanned):
            Issue.record("expected a scan, got \(error.message)")
        }
    }

    @Test func stopsAtTheFirstPositionalWhenAsked() throws {
        let tokens = Tokenizer.split(["-q", "-f", "a.yaml", "validate", "--json"])
        let scan = try OptionScanner(flags: GlobalOptions.Flags.all).scan(tokens[...], stopAtFirstPositional: true).get()
        #expect(scan.arguments.options.map(\.flag.long) == ["quiet", "desired-state"])
        #expect(scan.remainder.map(\.text) == ["validate", "--json"])
        #expect(scan.remainder.first?.index == 3)
    }
}
