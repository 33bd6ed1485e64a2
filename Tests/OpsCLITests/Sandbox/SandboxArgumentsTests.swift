import OpsSandbox
import Testing
@testable import OpsCLI

/// `sandbox serve`'s value and usage errors, parsed without I/O.
struct SandboxArgumentsTests {
    static func parse(_ arguments: [String]) throws -> ParseResult<SandboxArguments> {
        SandboxArguments.parse(try CommandInputBuilder.input(arguments, for: SandboxCommand.descriptor))
    }

    @Test func defaults() throws {
        let parsed = try Self.parse(["sandbox", "serve"])
        #expect(parsed.problems.isEmpty)
        let configuration = parsed.value.configuration
        #expect(configuration.port == SandboxArguments.defaultPort)
        #expect(configuration.stateFile == nil)
        #expect(configuration.latency == .zero)
        #expect(configuration.faults.isEmpty)
        #expect(configuration.seed == 0)
    }

    @Test func everyOptionReachesTheConfiguration() throws {
        let parsed = try Self.parse([
            "sandbox", "serve", "--port", "0", "--state=state.json", "--latency", "250",
            "--faults", "429:0.1,reset:5%", "--seed", "18446744073709551615",
        ])
        #expect(parsed.problems.isEmpty)
        let configuration = parsed.value.configuration
        #expect(configuration.port == 0)
        #expect(configuration.stateFile == "state.json")
        #expect(configuration.latency == .milliseconds(250))
        #expect(configuration.faults == FaultPlan(rules: [.init(kind: .status(429), probability: 0.1), .init(kind: .reset, probability: 0.05)]))
        #expect(configuration.seed == UInt64.max)
    }

    struct Mistake: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var expectedMessage: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let mistakes: [Mistake] = [
        Mistake(arguments: ["sandbox"], expectedMessage: "missing argument <action>"),
        Mistake(arguments: ["sandbox", "serv"], expectedMessage: "unknown command 'sandbox serv'"),
        Mistake(arguments: ["sandbox", "serve", "--port", "65536"],
                expectedMessage: "invalid value '65536' for '--port': expected a port number from 0 to 65535 (0 picks a free port)"),
        Mistake(arguments: ["sandbox", "serve", "--port=+80"], expectedMessage: "invalid value '+80' for '--port'"),
        Mistake(arguments: ["sandbox", "serve", "--port", "http"], expectedMessage: "invalid value 'http' for '--port'"),
        Mistake(arguments: ["sandbox", "serve", "--port", "1", "--port", "2"], expectedMessage: "option '--port' was given more than once"),
        Mistake(arguments: ["sandbox", "serve", "--latency", "1.5"],
                expectedMessage: "invalid value '1.5' for '--latency': expected whole milliseconds from 0 to 600000"),
        Mistake(arguments: ["sandbox", "serve", "--latency=-5"], expectedMessage: "invalid value '-5' for '--latency'"),
        Mistake(arguments: ["sandbox", "serve", "--latency", "600001"], expectedMessage: "invalid value '600001' for '--latency'"),
        Mistake(arguments: ["sandbox", "serve", "--faults", "500:2"],
                expectedMessage: "invalid value '500:2' for '--faults': probability 2 in '500:2' is greater than 1"),
        Mistake(arguments: ["sandbox", "serve", "--faults", "teapot:0.1"],
                expectedMessage: "invalid value 'teapot:0.1' for '--faults': 'teapot' is neither an HTTP status nor 'reset'; write comma-separated KIND:PROBABILITY items"),
        Mistake(arguments: ["sandbox", "serve", "--faults", "200:0.1"],
                expectedMessage: "invalid value '200:0.1' for '--faults': status 200 is not an error status (400-599)"),
        Mistake(arguments: ["sandbox", "serve", "--faults", "500"], expectedMessage: "invalid value '500' for '--faults': '500' is not KIND:PROBABILITY"),
        Mistake(arguments: ["sandbox", "serve", "--faults", "500:0.6,503:0.6"],
                expectedMessage: "invalid value '500:0.6,503:0.6' for '--faults': the probabilities add up to"),
        Mistake(arguments: ["sandbox", "serve", "--seed", "-1"], expectedMessage: "option '--seed' needs a value (N)"),
        Mistake(arguments: ["sandbox", "serve", "--seed", "x"], expectedMessage: "invalid value 'x' for '--seed'"),
        Mistake(arguments: ["sandbox", "serve", "--state="], expectedMessage: "invalid value '' for '--state': a path must not be empty"),
        Mistake(arguments: ["sandbox", "serve", "extra"], expectedMessage: "unexpected argument 'extra' for 'sandbox'"),
    ]

    @Test(arguments: mistakes)
    func usageErrorsExit64WithAHint(_ mistake: Mistake) async {
        let run = await runOpsctl(mistake.arguments)
        #expect(run.status == 64)
        #expect(run.standardOutput.isEmpty)
        let lines = run.standardError.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("opsctl: error: \(mistake.expectedMessage)") == true, "\(run.standardError)")
        #expect(lines.last?.hasPrefix("hint: ") == true)
        #expect(lines.last?.hasSuffix("See 'opsctl help sandbox'.") == true)
    }

    @Test func unknownActionSuggestsServe() async {
        let run = await runOpsctl(["sandbox", "serv"])
        #expect(run.standardError.hasSuffix("hint: did you mean 'sandbox serve'? See 'opsctl help sandbox'.\n"))
    }
}
