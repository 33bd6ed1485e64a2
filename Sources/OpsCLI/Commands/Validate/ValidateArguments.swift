/// `opsctl validate [-f FILE] [-p FILE] [--json]` as a value.
struct ValidateArguments: Sendable, Hashable {
    var desiredStatePath: String
    var policyPath: String
    var json = false

    enum Flags {
        static let json = FlagSpec(long: "json", summary: "Print one JSON document on standard output and nothing else")
    }

    static func parse(_ input: CommandInput) -> ParseResult<ValidateArguments> {
        ParseResult(ValidateArguments(
            desiredStatePath: input.globals.desiredStatePath,
            policyPath: input.globals.policyPath,
            json: input.arguments.contains(Flags.json)
        ))
    }
}
