import OpsCore
import Testing
@testable import OpsCLI

/// `opsctl approve <changeId> [--plan FILE] [--reason TEXT]` and
/// `opsctl reject <changeId> [--plan FILE] --reason TEXT`, parsed without I/O.
struct VerdictArgumentsTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var expected: VerdictCommand.Arguments
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static func verdict(
        _ verdict: ApprovalRecord.Verdict, _ changeID: String, plan: String = "plan.json", reason: String? = nil,
        globals: GlobalOptions = GlobalOptions()
    ) -> VerdictCommand.Arguments {
        VerdictCommand.Arguments(verdict: verdict, changeID: changeID, planPath: plan, reason: reason, globals: globals)
    }

    static let rows: [Row] = [
        Row(arguments: ["approve", "github.label.update.bug"], expected: verdict(.approve, "github.label.update.bug")),
        Row(
            arguments: ["approve", "github.branch_protection.update.main", "--plan", "p.json", "--reason", "looks right"],
            expected: verdict(.approve, "github.branch_protection.update.main", plan: "p.json", reason: "looks right")
        ),
        Row(
            arguments: ["approve", "--plan=p.json", "--reason=ok", "github.label.update.bug"],
            expected: verdict(.approve, "github.label.update.bug", plan: "p.json", reason: "ok")
        ),
        // An approval may go without a reason, even an empty one.
        Row(arguments: ["approve", "github.label.update.bug", "--reason="], expected: verdict(.approve, "github.label.update.bug", reason: "")),
        Row(
            arguments: ["reject", "supabase.column.drop.public.orders.legacy_score", "--reason", "still read by the reports"],
            expected: verdict(.reject, "supabase.column.drop.public.orders.legacy_score", reason: "still read by the reports")
        ),
        Row(
            arguments: ["--receipts", "r.jsonl", "reject", "github.label.update.bug", "--plan", "p.json", "--reason=no"],
            expected: verdict(.reject, "github.label.update.bug", plan: "p.json", reason: "no", globals: GlobalOptions(receiptsPath: "r.jsonl"))
        ),
        // Approval requests go to Slack for several changes at once; waiting takes its options.
        Row(
            arguments: ["approve", "--request", "github.label.update.bug", "github.label.create.ops"],
            expected: {
                var arguments = verdict(.approve, "github.label.update.bug")
                arguments.slack = .request
                arguments.moreChangeIDs = ["github.label.create.ops"]
                return arguments
            }()
        ),
        Row(
            arguments: ["approve", "--wait", "github.label.update.bug", "--timeout", "30", "--poll", "0.5", "--emoji", ":+1:"],
            expected: {
                var arguments = verdict(.approve, "github.label.update.bug")
                arguments.slack = .wait(SlackApprovalMode.WaitOptions(timeoutSeconds: 30, pollSeconds: 0.5, approveEmoji: "+1", rejectEmoji: "x"))
                return arguments
            }()
        ),
        // A reason that starts with a dash must be attached, or it would read as an option.
        Row(
            arguments: ["reject", "github.label.update.bug", "--reason=-1 from me"],
            expected: verdict(.reject, "github.label.update.bug", reason: "-1 from me")
        ),
    ]

    @Test(arguments: rows)
    func parses(_ row: Row) throws {
        let descriptor = row.expected.verdict == .approve ? VerdictCommand.approveDescriptor : VerdictCommand.rejectDescriptor
        try expectParses(row.arguments, as: row.expected, descriptor: descriptor) { input in
            VerdictCommand.parse(input, verdict: row.expected.verdict)
        }
    }

    static let mistakes: [UsageErrorRow] = [
        UsageErrorRow(
            arguments: ["reject", "github.label.update.bug"],
            error: UsageError(.missingArgument("--reason TEXT"), command: "reject"),
            standardError: "opsctl: error: missing argument <--reason TEXT>\nhint: See 'opsctl help reject'.\n"
        ),
        UsageErrorRow(
            arguments: ["reject", "github.label.update.bug", "--plan", "p.json", "--reason", "   "],
            error: UsageError(.missingArgument("--reason TEXT"), command: "reject"),
            standardError: "opsctl: error: missing argument <--reason TEXT>\nhint: See 'opsctl help reject'.\n"
        ),
        UsageErrorRow(
            arguments: ["reject", "github.label.update.bug", "--reason="],
            error: UsageError(.missingArgument("--reason TEXT"), command: "reject"),
            standardError: "opsctl: error: missing argument <--reason TEXT>\nhint: See 'opsctl help reject'.\n"
        ),
        UsageErrorRow(
            arguments: ["approve"],
            error: UsageError(.missingArgument("changeId"), command: "approve"),
            standardError: "opsctl: error: missing argument <changeId>\nhint: See 'opsctl help approve'.\n"
        ),
        // The missing change comes first: the reason is the smaller matter.
        UsageErrorRow(
            arguments: ["reject", "--plan", "p.json"],
            error: UsageError(.missingArgument("changeId"), command: "reject"),
            standardError: "opsctl: error: missing argument <changeId>\nhint: See 'opsctl help reject'.\n"
        ),
        UsageErrorRow(
            arguments: ["approve", "github.label.update.bug", "--reason"],
            error: UsageError(.missingValue(option: "--reason", placeholder: "TEXT"), command: "approve", argumentIndex: 2),
            standardError: "opsctl: error: option '--reason' needs a value (TEXT)\nhint: See 'opsctl help approve'.\n"
        ),
        // A detached value that starts with a dash is an option, not the reason.
        UsageErrorRow(
            arguments: ["reject", "github.label.update.bug", "--reason", "-1"],
            error: UsageError(.missingValue(option: "--reason", placeholder: "TEXT"), command: "reject", argumentIndex: 2),
            standardError: "opsctl: error: option '--reason' needs a value (TEXT)\nhint: See 'opsctl help reject'.\n"
        ),
        UsageErrorRow(
            arguments: ["approve", "github.label.update.bug", "--plan"],
            error: UsageError(.missingValue(option: "--plan", placeholder: "FILE"), command: "approve", argumentIndex: 2),
            standardError: "opsctl: error: option '--plan' needs a value (FILE)\nhint: See 'opsctl help approve'.\n"
        ),
        UsageErrorRow(
            arguments: ["approve", "github.label.update.bug", "--reson", "ok"],
            error: UsageError(.unknownOption("--reson"), command: "approve", argumentIndex: 2, suggestion: "--reason"),
            standardError: "opsctl: error: unknown option '--reson' for 'approve'\nhint: did you mean '--reason'? See 'opsctl help approve'.\n"
        ),
        UsageErrorRow(
            arguments: ["reject", "github.label.update.bug", "--paln", "p.json", "--reason", "no"],
            error: UsageError(.unknownOption("--paln"), command: "reject", argumentIndex: 2, suggestion: "--plan"),
            standardError: "opsctl: error: unknown option '--paln' for 'reject'\nhint: did you mean '--plan'? See 'opsctl help reject'.\n"
        ),
        UsageErrorRow(
            arguments: ["approve", "github.label.update.bug", "--plan", "a.json", "--plan", "b.json"],
            error: UsageError(.repeatedOption("--plan"), command: "approve", argumentIndex: 4),
            standardError: "opsctl: error: option '--plan' was given more than once\nhint: See 'opsctl help approve'.\n"
        ),
        UsageErrorRow(
            arguments: ["reject", "github.label.update.bug", "--reason", "no", "--reason", "never"],
            error: UsageError(.repeatedOption("--reason"), command: "reject", argumentIndex: 4),
            standardError: "opsctl: error: option '--reason' was given more than once\nhint: See 'opsctl help reject'.\n"
        ),
        UsageErrorRow(
            arguments: ["approve", "github.label.update.bug", "github.label.create.security"],
            error: UsageError(.unexpectedArgument("github.label.create.security"), command: "approve", argumentIndex: 2),
            standardError: "opsctl: error: unexpected argument 'github.label.create.security' for 'approve'\nhint: See 'opsctl help approve'.\n"
        ),
        // `approve` prints one line and has no JSON form.
        UsageErrorRow(
            arguments: ["approve", "github.label.update.bug", "--json"],
            error: UsageError(.unknownOption("--json"), command: "approve", argumentIndex: 2),
            standardError: "opsctl: error: unknown option '--json' for 'approve'\nhint: See 'opsctl help approve'.\n"
        ),
    ]

    @Test(arguments: mistakes)
    func refuses(_ row: UsageErrorRow) async {
        await expectRefused(row)
    }
}
