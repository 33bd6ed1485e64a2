import Testing
@testable import OpsCLI

struct CommandLineParserTests {
    let parser = CommandLineParser(registry: .standard)

    func globals(_ arguments: [String]) throws -> GlobalOptions {
        try parser.parse(arguments).get().globals
    }

    func usageError(_ arguments: [String]) -> UsageError? {
        guard case .failure(let error) = parser.parse(arguments) else { return nil }
        return error
    }

    @Test func globalOptionsWorkBeforeAndAfterTheCommandName() throws {
        let before = try globals(["-f", "a.yaml", "--policy=b.yaml", "-q", "validate"])
        let after = try globals(["validate", "-f", "a.yaml", "--policy=b.yaml", "-q"])
        #expect(before == after)
        #expect(before.desiredStatePath == "a.yaml")
        #expect(before.policyPath == "b.yaml")
        #expect(before.verbosity == .quiet)
    }

    @Test func globalOptionsHaveTheSpecDefaults() throws {
        let options = try globals(["validate"])
        #expect(options.desiredStatePath == "desired-state.yaml")
        #expect(options.policyPath == "change-policy.yaml")
        #expect(options.receiptsPath == nil, "not given: OPSCTL_RECEIPTS_URL or the default file decides")
        #expect(options.colourDisabled == false)
        #expect(options.verbosity == .normal)
    }

    @Test func readsReceiptsNoColorAndVerbose() throws {
        let options = try globals(["--receipts", "log.jsonl", "validate", "--no-color", "-v"])
        #expect(options.receiptsPath == "log.jsonl")
        #expect(options.colourDisabled)
        #expect(options.verbosity == .verbose)
    }

    @Test func picksTheCommandByName() throws {
        #expect(try parser.parse(["validate"]).get().command.name == "validate")
        #expect(try parser.parse(["-q", "version"]).get().command.name == "version")
        #expect(try parser.parse(["--", "validate"]).get().command.name == "validate")
    }

    @Test(arguments: [[], ["help"], ["--help"], ["-h"], ["-q"], ["--no-color"]])
    func showsHelpWithoutACommand(_ arguments: [String]) throws {
        #expect(try parser.parse(arguments).get().command.name == "help")
    }

    @Test(arguments: [["--version"], ["version"], ["validate", "--version"], ["-q", "--version"]])
    func showsTheVersion(_ arguments: [String]) throws {
        #expect(try parser.parse(arguments).get().command.name == "version")
    }

    @Test(arguments: [
        ["validate", "--help"], ["validate", "--bogus", "--help"], ["-h", "validate", "extra"],
        ["validate", "-qh"], ["validate", "-f", "--help"],
    ])
    func helpWinsOverOtherMistakes(_ arguments: [String]) throws {
        #expect(try parser.parse(arguments).get().command.name == "help")
    }

    @Test func helpAfterTheTerminatorIsAnArgument() {
        #expect(usageError(["validate", "--", "--help"])?.reason == .unexpectedArgument("--help"))
    }

    @Test func unknownCommandSuggestsTheClosestOne() {
        let error = usageError(["valdate", "-f", "x"])
        #expect(error?.reason == .unknownCommand("valdate"))
        #expect(error?.suggestion == "validate")
        #expect(error?.argumentIndex == 0)
        #expect(error?.hint == "did you mean 'validate'? See 'opsctl help'.")
    }

    @Test(arguments: ["deploy"])
    func commandsThatDoNotWorkYetAreAbsent(_ name: String) {
        #expect(usageError([name])?.reason == .unknownCommand(name))
    }

    @Test func unknownCommandIsReportedEvenWithHelp() {
        #expect(usageError(["valdate", "--help"])?.reason == .unknownCommand("valdate"))
        #expect(usageError(["help", "valdate"])?.suggestion == "validate")
    }

    @Test func aCommandOptionBeforeTheCommandNameSaysWhereItGoes() {
        let error = usageError(["--json", "validate"])
        #expect(error?.reason == .optionBeforeCommand("--json", command: "validate"))
        #expect(error?.message == "option '--json' belongs to 'validate' and must follow the command name")
        #expect(error?.hint == "write 'opsctl validate --json'. See 'opsctl help validate'.")
    }

    @Test func unknownGlobalOptionBeforeTheCommand() {
        let error = usageError(["--polcy", "p.yaml", "validate"])
        #expect(error?.reason == .unknownOption("--polcy"))
        #expect(error?.suggestion == "--policy")
        #expect(error?.command == nil)
    }

    @Test func extraArgumentsAreUsageErrors() {
        let error = usageError(["validate", "-f", "a.yaml", "b.yaml"])
        #expect(error?.reason == .unexpectedArgument("b.yaml"))
        #expect(error?.argumentIndex == 3)
        #expect(usageError(["version", "now"])?.reason == .unexpectedArgument("now"))
        #expect(usageError(["help", "validate", "again"])?.reason == .unexpectedArgument("again"))
    }

    @Test func emptyPathIsABadValue() {
        let error = usageError(["validate", "--desired-state="])
        #expect(error?.reason == .invalidValue(option: "--desired-state", value: "", reason: "a path must not be empty"))
        #expect(error?.message == "invalid value '' for '--desired-state': a path must not be empty")
    }

    @Test func repeatedValueOptionIsAUsageError() {
        let error = usageError(["-f", "a.yaml", "validate", "--desired-state", "b.yaml"])
        #expect(error?.reason == .repeatedOption("--desired-state"))
        #expect(error?.argumentIndex == 3)
    }

    @Test func quietAndVerboseConflict() {
        #expect(usageError(["validate", "-q", "--verbose"])?.reason == .conflictingOptions("-q", "--verbose"))
    }

    @Test func noColourIsReadFromSpellingAlone() {
        #expect(CommandLineParser.requestsNoColour(["--bogus", "--no-color"]))
        #expect(!CommandLineParser.requestsNoColour(["--", "--no-color"]))
    }
}
