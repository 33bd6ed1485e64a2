import OpsCore
import Testing
@testable import OpsCLI

/// `opsctl plan [--scope a,b] [--out FILE] [--json] [--detailed-exitcode]`, parsed without
/// I/O (after terraform's `internal/command/arguments/plan_test.go`).
struct PlanArgumentsTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var expected: PlanArguments
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let defaults = PlanArguments(globals: GlobalOptions())

    static func with(_ change: (inout PlanArguments) -> Void) -> PlanArguments {
        var arguments = defaults
        change(&arguments)
        return arguments
    }

    static let rows: [Row] = [
        Row(arguments: ["plan"], expected: defaults),
        Row(arguments: ["plan", "--scope", "github,vercel"], expected: with { $0.scopes = [.github, .vercel] }),
        Row(arguments: ["plan", "--scope=supabase"], expected: with { $0.scopes = [.supabase] }),
        // Spaces after commas are forgiven and a scope named twice is audited once, in the order given.
        Row(arguments: ["plan", "--scope", "vercel, github,vercel"], expected: with { $0.scopes = [.vercel, .github] }),
        Row(arguments: ["plan", "--scope", " github ,\tvercel\t"], expected: with { $0.scopes = [.github, .vercel] }),
        Row(arguments: ["plan", "--out", "build/plan.json"], expected: with { $0.outPath = "build/plan.json" }),
        Row(arguments: ["plan", "--out=p.json"], expected: with { $0.outPath = "p.json" }),
        Row(arguments: ["plan", "-o", "p.json"], expected: with { $0.outPath = "p.json" }),
        Row(arguments: ["plan", "-op.json"], expected: with { $0.outPath = "p.json" }),
        Row(arguments: ["plan", "--json"], expected: with { $0.json = true }),
        Row(arguments: ["plan", "--detailed-exitcode"], expected: with { $0.detailedExitCode = true }),
        Row(
            arguments: ["-f", "ds.yaml", "plan", "--detailed-exitcode", "--scope", "github", "--json", "--out", "p.json", "--receipts=r.jsonl"],
            expected: PlanArguments(
                globals: GlobalOptions(desiredStatePath: "ds.yaml", receiptsPath: "r.jsonl"),
                scopes: [.github], outPath: "p.json", json: true, detailedExitCode: true
            )
        ),
        // A value that starts with a dash must be attached, so it is not read as an option.
        Row(arguments: ["plan", "--out=-odd.json"], expected: with { $0.outPath = "-odd.json" }),
    ]

    @Test(arguments: rows)
    func parses(_ row: Row) throws {
        try expectParses(row.arguments, as: row.expected, descriptor: PlanCommand.descriptor, parse: PlanArguments.parse)
    }

    static let knownScopes = "supabase, vercel, github, stripe, sendgrid, posthog, slack, secrets, heroku"

    static let mistakes: [UsageErrorRow] = [
        UsageErrorRow(
            arguments: ["plan", "--scpe", "github"],
            error: UsageError(.unknownOption("--scpe"), command: "plan", argumentIndex: 1, suggestion: "--scope"),
            standardError: "opsctl: error: unknown option '--scpe' for 'plan'\nhint: did you mean '--scope'? See 'opsctl help plan'.\n"
        ),
        UsageErrorRow(
            arguments: ["plan", "--detailed-exit-code"],
            error: UsageError(.unknownOption("--detailed-exit-code"), command: "plan", argumentIndex: 1, suggestion: "--detailed-exitcode"),
            standardError: "opsctl: error: unknown option '--detailed-exit-code' for 'plan'\nhint: did you mean '--detailed-exitcode'? See 'opsctl help plan'.\n"
        ),
        // "-json" is "--json" with a dash missing, not four short options.
        UsageErrorRow(
            arguments: ["plan", "-json"],
            error: UsageError(.unknownOption("-json"), command: "plan", argumentIndex: 1, suggestion: "--json"),
            standardError: "opsctl: error: unknown option '-json' for 'plan'\nhint: did you mean '--json'? See 'opsctl help plan'.\n"
        ),
        UsageErrorRow(
            arguments: ["plan", "--scope"],
            error: UsageError(.missingValue(option: "--scope", placeholder: "LIST"), command: "plan", argumentIndex: 1),
            standardError: "opsctl: error: option '--scope' needs a value (LIST)\nhint: See 'opsctl help plan'.\n"
        ),
        // The next option is not taken as the value.
        UsageErrorRow(
            arguments: ["plan", "--scope", "--json"],
            error: UsageError(.missingValue(option: "--scope", placeholder: "LIST"), command: "plan", argumentIndex: 1),
            standardError: "opsctl: error: option '--scope' needs a value (LIST)\nhint: See 'opsctl help plan'.\n"
        ),
        UsageErrorRow(
            arguments: ["plan", "--json", "-o"],
            error: UsageError(.missingValue(option: "-o", placeholder: "FILE"), command: "plan", argumentIndex: 2),
            standardError: "opsctl: error: option '-o' needs a value (FILE)\nhint: See 'opsctl help plan'.\n"
        ),
        UsageErrorRow(
            arguments: ["plan", "--out="],
            error: UsageError(.invalidValue(option: "--out", value: "", reason: "a path must not be empty"), command: "plan", argumentIndex: 1),
            standardError: "opsctl: error: invalid value '' for '--out': a path must not be empty\nhint: See 'opsctl help plan'.\n"
        ),
        UsageErrorRow(
            arguments: ["plan", "--scope", "github", "--scope", "vercel"],
            error: UsageError(.repeatedOption("--scope"), command: "plan", argumentIndex: 3),
            standardError: "opsctl: error: option '--scope' was given more than once\nhint: See 'opsctl help plan'.\n"
        ),
        // Short and long spellings of one option are the same option.
        UsageErrorRow(
            arguments: ["plan", "--out", "a.json", "-o", "b.json"],
            error: UsageError(.repeatedOption("--out"), command: "plan", argumentIndex: 3),
            standardError: "opsctl: error: option '--out' was given more than once\nhint: See 'opsctl help plan'.\n"
        ),
        UsageErrorRow(
            arguments: ["plan", "--scope", "gihub"],
            error: UsageError(
                .invalidValue(option: "--scope", value: "gihub", reason: "'gihub' is not a scope (known: \(knownScopes))"),
                command: "plan", argumentIndex: 1, suggestion: "github"
            ),
            standardError: "opsctl: error: invalid value 'gihub' for '--scope': 'gihub' is not a scope (known: \(knownScopes))\nhint: did you mean 'github'? See 'opsctl help plan'.\n"
        ),
        UsageErrorRow(
            arguments: ["plan", "--scope=github,netlify"],
            error: UsageError(
                .invalidValue(option: "--scope", value: "github,netlify", reason: "'netlify' is not a scope (known: \(knownScopes))"),
                command: "plan", argumentIndex: 1
            ),
            standardError: "opsctl: error: invalid value 'github,netlify' for '--scope': 'netlify' is not a scope (known: \(knownScopes))\nhint: See 'opsctl help plan'.\n"
        ),
        UsageErrorRow(
            arguments: ["plan", "--scope", "github,,vercel"],
            error: UsageError(.invalidValue(option: "--scope", value: "github,,vercel", reason: "a scope name is empty"), command: "plan", argumentIndex: 1),
            standardError: "opsctl: error: invalid value 'github,,vercel' for '--scope': a scope name is empty\nhint: See 'opsctl help plan'.\n"
        ),
        UsageErrorRow(
            arguments: ["plan", "--json=yes"],
            error: UsageError(.unexpectedValue(option: "--json", value: "yes"), command: "plan", argumentIndex: 1),
            standardError: "opsctl: error: option '--json' does not take a value, but was given 'yes'\nhint: See 'opsctl help plan'.\n"
        ),
        UsageErrorRow(
            arguments: ["plan", "github"],
            error: UsageError(.unexpectedArgument("github"), command: "plan", argumentIndex: 1),
            standardError: "opsctl: error: unexpected argument 'github' for 'plan'\nhint: See 'opsctl help plan'.\n"
        ),
        UsageErrorRow(
            arguments: ["--scope", "github", "plan"],
            error: UsageError(.optionBeforeCommand("--scope", command: "plan"), command: "plan", argumentIndex: 0),
            standardError: "opsctl: error: option '--scope' belongs to 'plan' and must follow the command name\nhint: write 'opsctl plan --scope'. See 'opsctl help plan'.\n"
        ),
    ]

    @Test(arguments: mistakes)
    func refuses(_ row: UsageErrorRow) async {
        await expectRefused(row)
    }
}
