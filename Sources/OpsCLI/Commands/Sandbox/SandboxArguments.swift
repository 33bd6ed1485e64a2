import OpsCore
import OpsSandbox

/// `opsctl sandbox serve [--port N] [--state FILE] [--latency MS] [--faults SPEC] [--seed N]`
/// as a value. `serve` is a positional argument: the command table has one entry per top-level
/// command, and `sandbox` leaves room for more actions.
struct SandboxArguments: Sendable {
    /// A fixed default, so that `OPSCTL_SANDBOX_URL` stays the same from one run to the next;
    /// `--port 0` asks the system for a free port instead.
    static let defaultPort: UInt16 = 8787
    /// More than ten minutes per request is no longer "a distant API" but a hang, which the
    /// scripted faults (`POST /_sandbox/faults`) model explicitly.
    static let maximumLatencyMilliseconds = 600_000

    var port = SandboxArguments.defaultPort
    /// Nil keeps the state in memory only.
    var stateFile: String?
    var latencyMilliseconds = 0
    var faults = FaultPlan.none
    var seed: UInt64 = 0

    var configuration: SandboxConfiguration {
        SandboxConfiguration(
            port: port, stateFile: stateFile, latency: .milliseconds(latencyMilliseconds), faults: faults, seed: seed)
    }

    enum Action: String, Sendable, CaseIterable {
        case serve
    }

    enum Flags {
        static let port = FlagSpec(
            long: "port", kind: .value(placeholder: "N"),
            summary: "Port on 127.0.0.1 (default: \(SandboxArguments.defaultPort)); 0 picks a free one"
        )
        static let state = FlagSpec(
            long: "state", kind: .value(placeholder: "FILE"),
            summary: "JSON state file, created on the first change (default: state in memory only)"
        )
        static let latency = FlagSpec(
            long: "latency", kind: .value(placeholder: "MS"),
            summary: "Milliseconds to wait before answering each API request (default: 0)"
        )
        static let faults = FlagSpec(
            long: "faults", kind: .value(placeholder: "SPEC"),
            summary: "Random faults per request, e.g. 429:0.1,500:0.05,reset:0.01"
        )
        static let seed = FlagSpec(
            long: "seed", kind: .value(placeholder: "N"),
            summary: "Seed for the random faults; the same seed repeats the same faults (default: 0)"
        )

        static let all = [port, state, latency, faults, seed]
    }

    static let command = "sandbox"

    static func parse(_ input: CommandInput) -> ParseResult<SandboxArguments> {
        var arguments = SandboxArguments()
        // The generic layer has already refused a missing action; this keeps parse total.
        guard let given = input.arguments.positionals.first else {
            return ParseResult(arguments, problems: [UsageError(.missingArgument("action"), command: command)])
        }
        guard Action(rawValue: given.value) != nil else {
            let suggestion = closestMatch(to: given.value, in: Action.allCases.map(\.rawValue))
            return ParseResult(arguments, problems: [UsageError(
                .unknownCommand("\(command) \(given.value)"),
                command: command,
                argumentIndex: given.index,
                suggestion: suggestion.map { "\(command) \($0)" }
            )])
        }

        var problems: [UsageError] = []
        func value(of flag: FlagSpec) -> ResolvedOption? {
            guard let option = input.arguments.singleOccurrence(of: flag, command: command, problems: &problems),
                option.value != nil
            else { return nil }
            return option
        }
        func refuse(_ option: ResolvedOption, _ reason: String) {
            problems.append(UsageError(
                .invalidValue(option: option.spelling, value: option.value ?? "", reason: reason),
                command: command, argumentIndex: option.index
            ))
        }

        if let option = value(of: Flags.port), let text = option.value {
            if let port = decimal(text, as: UInt16.self) {
                arguments.port = port
            } else {
                refuse(option, "expected a port number from 0 to 65535 (0 picks a free port)")
            }
        }
        if let option = value(of: Flags.state), let text = option.value {
            if text.isEmpty {
                refuse(option, "a path must not be empty")
            } else {
                arguments.stateFile = text
            }
        }
        if let option = value(of: Flags.latency), let text = option.value {
            if let milliseconds = decimal(text, as: Int.self), milliseconds <= maximumLatencyMilliseconds {
                arguments.latencyMilliseconds = milliseconds
            } else {
                refuse(option, "expected whole milliseconds from 0 to \(maximumLatencyMilliseconds)")
            }
        }
        if let option = value(of: Flags.faults), let text = option.value {
            do {
                arguments.faults = try FaultPlan(parsing: text)
            } catch {
                refuse(option, faultsProblem(error))
            }
        }
        if let option = value(of: Flags.seed), let text = option.value {
            if let seed = decimal(text, as: UInt64.self) {
                arguments.seed = seed
            } else {
                refuse(option, "expected a whole number from 0 to \(UInt64.max)")
            }
        }
        return ParseResult(arguments, problems: problems)
    }

    /// Plain decimal digits only: `Int("+5")` and `Int(" 5")` style leniency would let typos
    /// through, and a sign makes no sense for any of these options.
    private static func decimal<Number: FixedWidthInteger>(_ text: String, as type: Number.Type) -> Number? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Number(text)
    }

    /// The reason part of `invalid value 'SPEC' for '--faults': REASON`, naming the item at
    /// fault; the option and the whole value are already in the message around it.
    private static func faultsProblem(_ error: FaultPlanError) -> String {
        let format = "write comma-separated KIND:PROBABILITY items, where KIND is a status from 400 to 599 or 'reset', e.g. 429:0.1,500:0.05,reset:0.01"
        switch error.reason {
        case .emptyItem(let position):
            return "item \(position) is empty; \(format)"
        case .missingProbability:
            return "'\(error.item)' is not KIND:PROBABILITY; \(format)"
        case .unknownKind(let kind):
            return "'\(kind)' is neither an HTTP status nor 'reset'; \(format)"
        case .statusOutOfRange(let code):
            return "status \(code) is not an error status (400-599)"
        case .invalidProbability(let text):
            return "'\(text)' in '\(error.item)' is not a probability (a number from 0 to 1, or a percentage)"
        case .probabilityOutOfRange(let text):
            return "probability \(text) in '\(error.item)' is greater than 1"
        case .duplicateKind(let kind):
            return "'\(kind)' is listed twice"
        case .totalExceedsOne(let total):
            return "the probabilities add up to \(total), more than 1"
        }
    }
}
