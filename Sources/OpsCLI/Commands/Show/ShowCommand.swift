import OpsCore
import OpsRender

/// `opsctl show plan.json [--json]`: a saved plan, verified, as a diff or as JSON.
enum ShowCommand {
    struct Arguments: Sendable, Hashable {
        var planPath: String
        var json: Bool
    }

    static let json = FlagSpec(long: "json", summary: "Print the plan as one JSON document on standard output")

    static let descriptor = CommandDescriptor(
        name: "show",
        summary: "Show a saved plan as a diff",
        usage: "show <plan> [--json]",
        discussion: "Reads a plan file, refuses it when its digests do not match its content, and prints it.",
        flags: [json],
        positionals: [PositionalSpec(name: "plan", isRequired: true, summary: "The plan file written by 'opsctl plan'")],
        parse: { input in
            ParseResult(Arguments(planPath: input.arguments.positionals.first?.value ?? "", json: input.arguments.contains(json)))
        },
        run: run
    )

    @Sendable static func run(_ arguments: Arguments, context: CommandContext) async -> CommandOutcome {
        guard let plan = context.readPlan(arguments.planPath) else { return .failure }
        let output = context.standardOutput
        output.write(PlanView(format: ViewFormat(json: arguments.json, colour: output.colour), redactor: context.redactor).render(plan))
        return .success
    }
}
