import Synchronization
import Testing
@testable import OpsCLI

/// The command table takes new commands without changes to the parser: a test-only command
/// with a required argument and a value option exercises the generic checks.
struct CommandRegistryTests {
    struct EchoArguments: Sendable {
        var word: String
        var times: Int
    }

    static let times = FlagSpec(long: "times", short: "n", kind: .value(placeholder: "N"), summary: "How often")

    static let echo = CommandDescriptor(
        name: "echo",
        summary: "Print a word",
        usage: "echo <word> [--times N]",
        flags: [times],
        positionals: [PositionalSpec(name: "word", isRequired: true, summary: "The word")],
        parse: { input in
            var problems: [UsageError] = []
            var count = 1
            if let option = input.arguments.singleOccurrence(of: times, command: "echo", problems: &problems), let text = option.value {
                if let parsed = Int(text), parsed > 0 {
                    count = parsed
                } else {
                    problems.append(UsageError(
                        .invalidValue(option: option.spelling, value: text, reason: "expected a positive whole number"),
                        command: "echo",
                        argumentIndex: option.index
                    ))
                }
            }
            let word = input.arguments.positionals.first?.value ?? ""
            return ParseResult(EchoArguments(word: word, times: count), problems: problems)
        },
        run: { arguments, context in
            context.standardOutput.write(Array(repeating: arguments.word, count: arguments.times).joined(separator: " ") + "\n")
            return .success
        }
    )

    static let registry = CommandRegistry(commands: [echo, HelpCommand.descriptor, VersionCommand.descriptor])

    @Test func runsANewCommand() async {
        let run = await runOpsctl(["echo", "hi", "-n", "3"], registry: Self.registry)
        #expect(run.status == 0)
        #expect(run.standardOutput == "hi hi hi\n")
    }

    @Test func missingRequiredArgument() async {
        let run = await runOpsctl(["echo"], registry: Self.registry)
        #expect(run.status == 64)
        #expect(run.standardError == "opsctl: error: missing argument <word>\nhint: See 'opsctl help echo'.\n")
    }

    @Test func badValueFromTheCommandsOwnParse() async {
        let run = await runOpsctl(["echo", "hi", "--times=zero"], registry: Self.registry)
        #expect(run.status == 64)
        #expect(run.standardError == """
            opsctl: error: invalid value 'zero' for '--times': expected a positive whole number
            hint: See 'opsctl help echo'.

            """)
    }

    @Test func helpListsTheNewCommand() async {
        let overview = await runOpsctl(["help"], registry: Self.registry)
        #expect(overview.standardOutput.contains("  echo     Print a word\n"))
        let help = await runOpsctl(["echo", "--help"], registry: Self.registry)
        #expect(help.standardOutput.hasPrefix("Usage: opsctl echo <word> [--times N]\n"))
        #expect(help.standardOutput.contains("  <word>  The word\n"))
        #expect(help.standardOutput.contains("  -n, --times N"))
    }

    @Test func standardTableHasOnlyWorkingCommands() {
        #expect(CommandRegistry.standard.names == [
            "validate", "plan", "show", "approve", "reject", "status", "apply", "receipts", "export", "unlock", "serve", "sandbox", "version",
            "completion", "help",
        ])
    }

    @Test func everyStandardEntryIsNamedAsItsDescriptor() {
        for entry in CommandRegistry.standard.entries {
            #expect(entry.descriptor().name == entry.name)
        }
    }

    @Test func findingACommandMakesOnlyItsDescriptor() {
        let made = Mutex<[String]>([])
        let registry = CommandRegistry(entries: ["first", "second", "third"].map { name in
            CommandRegistry.Entry(name: name) {
                made.withLock { $0.append(name) }
                var descriptor = Self.echo
                descriptor.name = name
                return descriptor
            }
        })
        #expect(registry.command(named: "second")?.name == "second")
        #expect(registry.command(named: "fourth") == nil)
        #expect(registry.suggestion(for: "thrid") == "third")
        #expect(made.withLock { $0 } == ["second"])
        #expect(registry.commands.map(\.name) == ["first", "second", "third"])
    }
}
