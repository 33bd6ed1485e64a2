import OpsCore
import Testing
@testable import OpsCLI

/// `opsctl apply <plan> [--only id,id] [--json]`, parsed without I/O.
struct ApplyArgumentsTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var expected: ApplyCommand.Arguments
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static func id(_ text: String) -> ChangeID {
        guard let id = ChangeID(text) else { preconditionFailure("test change ID \(text) does not parse") }
        return id
    }

    static func arguments(_ plan: String, only: [String]? = nil, json: Bool = false, globals: GlobalOptions = GlobalOptions()) -> ApplyCommand.Arguments {
        ApplyCommand.Arguments(planPath: plan, only: only.map { $0.map(id) }, json: json, globals: globals)
    }

    static let rows: [Row] = [
        Row(arguments: ["apply", "plan.json"], expected: arguments("plan.json")),
        Row(
            arguments: ["apply", "plan.json", "--only", "github.label.create.security,vercel.env.add.STRIPE_SECRET_KEY"],
            expected: arguments("plan.json", only: ["github.label.create.security", "vercel.env.add.STRIPE_SECRET_KEY"])
        ),
        // Options may come before the positional; a change name may itself hold dots.
        Row(
            arguments: ["apply", "--only=supabase.table.create.public.profiles", "p.json"],
            expected: arguments("p.json", only: ["supabase.table.create.public.profiles"])
        ),
        Row(
            arguments: ["apply", "p.json", "--only", "github.label.create.security, github.label.update.bug"],
            expected: arguments("p.json", only: ["github.label.create.security", "github.label.update.bug"])
        ),
        Row(arguments: ["apply", "p.json", "--json"], expected: arguments("p.json", json: true)),
        // Naming a switch twice changes nothing, unlike a value option (see the mistakes below).
        Row(arguments: ["apply", "p.json", "--json", "--json"], expected: arguments("p.json", json: true)),
        Row(
            arguments: ["-p", "policy.yaml", "apply", "p.json", "--json", "--receipts", "r.jsonl"],
            expected: arguments("p.json", json: true, globals: GlobalOptions(policyPath: "policy.yaml", receiptsPath: "r.jsonl"))
        ),
        // After `--` a plan file may start with a dash.
        Row(arguments: ["apply", "--json", "--", "-plan.json"], expected: arguments("-plan.json", json: true)),
    ]

    @Test(arguments: rows)
    func parses(_ row: Row) throws {
        try expectParses(row.arguments, as: row.expected, descriptor: ApplyCommand.descriptor, parse: ApplyCommand.parse)
    }

    static let fourParts = "a change ID has four parts, scope.resource.action.name"
    static let unknownScope = "'gitlab' is not a scope opsctl knows (supabase, vercel, github, stripe, sendgrid, posthog, slack, secrets, heroku)"

    static let mistakes: [UsageErrorRow] = [
        UsageErrorRow(
            arguments: ["apply"],
            error: UsageError(.missingArgument("plan"), command: "apply"),
            standardError: "opsctl: error: missing argument <plan>\nhint: See 'opsctl help apply'.\n"
        ),
        UsageErrorRow(
            arguments: ["apply", "--only", "github.label.create.security"],
            error: UsageError(.missingArgument("plan"), command: "apply"),
            standardError: "opsctl: error: missing argument <plan>\nhint: See 'opsctl help apply'.\n"
        ),
        UsageErrorRow(
            arguments: ["apply", "a.json", "b.json"],
            error: UsageError(.unexpectedArgument("b.json"), command: "apply", argumentIndex: 2),
            standardError: "opsctl: error: unexpected argument 'b.json' for 'apply'\nhint: See 'opsctl help apply'.\n"
        ),
        UsageErrorRow(
            arguments: ["apply", "p.json", "--onyl", "github.label.create.security"],
            error: UsageError(.unknownOption("--onyl"), command: "apply", argumentIndex: 2, suggestion: "--only"),
            standardError: "opsctl: error: unknown option '--onyl' for 'apply'\nhint: did you mean '--only'? See 'opsctl help apply'.\n"
        ),
        UsageErrorRow(
            arguments: ["apply", "p.json", "--only"],
            error: UsageError(.missingValue(option: "--only", placeholder: "IDS"), command: "apply", argumentIndex: 2),
            standardError: "opsctl: error: option '--only' needs a value (IDS)\nhint: See 'opsctl help apply'.\n"
        ),
        UsageErrorRow(
            arguments: ["apply", "p.json", "--only", "github.label"],
            error: UsageError(.invalidValue(option: "--only", value: "github.label", reason: fourParts), command: "apply", argumentIndex: 2),
            standardError: "opsctl: error: invalid value 'github.label' for '--only': \(fourParts)\nhint: See 'opsctl help apply'.\n"
        ),
        // The error quotes the one malformed ID, not the whole list.
        UsageErrorRow(
            arguments: ["apply", "p.json", "--only=github.label.create.security,github..create.bug"],
            error: UsageError(.invalidValue(option: "--only", value: "github..create.bug", reason: fourParts), command: "apply", argumentIndex: 2),
            standardError: "opsctl: error: invalid value 'github..create.bug' for '--only': \(fourParts)\nhint: See 'opsctl help apply'.\n"
        ),
        UsageErrorRow(
            arguments: ["apply", "p.json", "--only="],
            error: UsageError(.invalidValue(option: "--only", value: "", reason: fourParts), command: "apply", argumentIndex: 2),
            standardError: "opsctl: error: invalid value '' for '--only': \(fourParts)\nhint: See 'opsctl help apply'.\n"
        ),
        // Four parts, but no such scope: refused the same way, since no plan can hold it.
        UsageErrorRow(
            arguments: ["apply", "p.json", "--only", "gitlab.label.create.bug"],
            error: UsageError(.invalidValue(option: "--only", value: "gitlab.label.create.bug", reason: unknownScope), command: "apply", argumentIndex: 2),
            standardError: "opsctl: error: invalid value 'gitlab.label.create.bug' for '--only': \(unknownScope)\nhint: See 'opsctl help apply'.\n"
        ),
        UsageErrorRow(
            arguments: ["apply", "p.json", "--only", "github.label.create.a", "--only", "github.label.create.b"],
            error: UsageError(.repeatedOption("--only"), command: "apply", argumentIndex: 4),
            standardError: "opsctl: error: option '--only' was given more than once\nhint: See 'opsctl help apply'.\n"
        ),
        UsageErrorRow(
            arguments: ["apply", "p.json", "--scope", "github"],
            error: UsageError(.unknownOption("--scope"), command: "apply", argumentIndex: 2),
            standardError: "opsctl: error: unknown option '--scope' for 'apply'\nhint: See 'opsctl help apply'.\n"
        ),
    ]

    @Test(arguments: mistakes)
    func refuses(_ row: UsageErrorRow) async {
        await expectRefused(row)
    }
}
