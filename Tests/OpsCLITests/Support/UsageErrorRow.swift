import Testing
@testable import OpsCLI

/// A command line that must be refused, with the exact error the parser produces (which
/// argument it blames, its "did you mean") and the exact text the user reads on standard error.
struct UsageErrorRow: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var error: UsageError
    var standardError: String
    var testDescription: String { arguments.joined(separator: " ") }
}

/// Checks a refused command line twice: the parser's value, then a whole in-process run,
/// which must exit 64 and print nothing on standard output.
func expectRefused(_ row: UsageErrorRow, sourceLocation: Testing.SourceLocation = #_sourceLocation) async {
    let parsed = CommandLineParser(registry: .standard).parse(row.arguments)
    guard case .failure(let error) = parsed else {
        Issue.record("\(row.arguments) parsed, but should be refused with: \(row.error.message)", sourceLocation: sourceLocation)
        return
    }
    #expect(error == row.error, sourceLocation: sourceLocation)
    let run = await runOpsctl(row.arguments)
    #expect(run.status == 64, sourceLocation: sourceLocation)
    #expect(run.standardOutput.isEmpty, sourceLocation: sourceLocation)
    #expect(run.standardError == row.standardError, sourceLocation: sourceLocation)
}

/// A command line that must parse: the whole parser accepts it (positionals and all), and the
/// command's own `parse` turns it into `expected` without a problem.
func expectParses<Value: Equatable & Sendable>(
    _ arguments: [String],
    as expected: Value,
    descriptor: CommandDescriptor,
    parse: (CommandInput) -> ParseResult<Value>,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
    if case .failure(let error) = CommandLineParser(registry: .standard).parse(arguments) {
        Issue.record("\(arguments) was refused: \(error.message)", sourceLocation: sourceLocation)
        return
    }
    let parsed = parse(try CommandInputBuilder.input(arguments, for: descriptor))
    #expect(parsed.problems.isEmpty, sourceLocation: sourceLocation)
    #expect(parsed.value == expected, sourceLocation: sourceLocation)
}
