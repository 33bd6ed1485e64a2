import Foundation
@testable import OpsCore
import Testing
@testable import OpsCLI

/// What `plan` and `apply` leave in `$GITHUB_OUTPUT`, `$GITHUB_STEP_SUMMARY` and the log, with
/// real files.
struct GitHubActionsOutputTests {
    let directory: TemporaryDirectory
    let commands = TextCapture()
    let errors = TextCapture()

    init() throws {
        directory = try TemporaryDirectory.make()
    }

    func output(redactor: Redactor = Redactor(registry: SecretRegistry()), json: Bool = false) -> GitHubActionsOutput {
        let context = CommandContext(
            globals: GlobalOptions(),
            environment: Environment(variables: [
                "GITHUB_ACTIONS": "true",
                "GITHUB_OUTPUT": directory.file("output"),
                "GITHUB_STEP_SUMMARY": directory.file("summary.md"),
            ]),
            standardOutput: OutputChannel(colour: .plain, sink: commands.append),
            standardError: OutputChannel(colour: .plain, sink: errors.append),
            registry: .standard,
            redactor: redactor
        )
        return GitHubActionsOutput(context: context, redactor: redactor, json: json)
    }

    static func plan(changes count: Int) -> Plan {
        let changes = (0..<count).map { index in
            Change(
                id: ChangeID(scope: .github, resource: "label", action: "create", name: "label-\(index)"),
                description: "create label label-\(index) with colour d73a4a and a description long enough to look real",
                risk: .low, before: .null, after: .object(["name": .string("label-\(index)")]), observed: "sha256:0",
                requiresApproval: index % 3 == 0
            )
        }
        return Plan(createdAt: "2026-12-01T00:00:00Z", createdBy: "ci", scope: [.github], inputs: [], checks: [], changes: changes)
    }

    func file(_ name: String) throws -> String {
        try String(contentsOfFile: directory.file(name), encoding: .utf8)
    }

    @Test func planOutputsKeysAndValues() throws {
        output().publish(plan: Self.plan(changes: 4), planFile: "plan.json", planDigest: "sha256:abc", receiptsHead: ReceiptHead(seq: 7, hash: "sha256:def"), outcome: .attention)
        #expect(try StepOutputs.parse(file("output")) == [
            "exitcode": "2", "changes": "4", "pending": "2", "failing_checks": "0",
            "plan_digest": "sha256:abc", "receipts_head": "sha256:def", "plan_file": "plan.json",
        ])
        #expect(try file("summary.md").hasPrefix("## opsctl plan\n"))
    }

    @Test func anIncompletePlanHasNoFileOrDigest() throws {
        output().publish(plan: Self.plan(changes: 0), planFile: nil, planDigest: nil, receiptsHead: nil, outcome: .failure)
        let outputs = try StepOutputs.parse(file("output"))
        #expect(outputs["exitcode"] == "1")
        #expect(outputs["plan_file"] == "" && outputs["plan_digest"] == "" && outputs["receipts_head"] == "")
    }

    @Test func aTenThousandChangeSummaryStaysUnderOneMebibyteAndPointsAtThePlan() throws {
        output().publish(plan: Self.plan(changes: 10_000), planFile: "plan.json", planDigest: "sha256:abc", receiptsHead: nil, outcome: .success)
        let summary = try Data(contentsOf: URL(fileURLWithPath: directory.file("summary.md")))
        #expect(summary.count < 1_048_576)
        #expect(summary.count > 900_000, "the cut keeps as much as fits")
        let text = String(decoding: summary, as: UTF8.self)
        #expect(text.hasSuffix("lines are shown; the full plan is in `plan.json` (keep it as an artifact: `opsctl show plan.json` prints it).\n"))
        #expect(text.contains("> **This summary was cut** to stay under GitHub's 1 MiB limit"))
        #expect(!text.contains("label-9999"))
    }

    @Test func theSummaryBudgetCountsWhatTheStepWroteAlready() throws {
        try directory.write("summary.md", String(repeating: "x", count: 600_000) + "\n")
        output().publish(plan: Self.plan(changes: 10_000), planFile: "plan.json", planDigest: "sha256:abc", receiptsHead: nil, outcome: .success)
        let size = try Data(contentsOf: URL(fileURLWithPath: directory.file("summary.md"))).count
        #expect(size < 1_048_576)
    }

    @Test func annotationsGoToStandardErrorWithJSON() throws {
        var plan = Self.plan(changes: 0)
        plan.checks = [Check(id: "github.x", scope: .github, name: "x", status: .fail, message: "broken")]
        output(json: true).publish(plan: plan, planFile: "plan.json", planDigest: "sha256:abc", receiptsHead: nil, outcome: .success)
        #expect(commands.contents.isEmpty)
        #expect(errors.contents == "::error title=github.x::broken\n")
    }

    @Test func aRefusedOutputBecomesAWarningAndTheSecretAppearsNowhere() throws {
        let redactor = Redactor(registry: SecretRegistry())
        let canary = "CANARY-plan-path-secret-93ab1e"
        redactor.register(secret: canary)
        output(redactor: redactor).publish(
            plan: Self.plan(changes: 1), planFile: "\(canary)/plan.json", planDigest: "sha256:abc", receiptsHead: nil, outcome: .success
        )
        let outputs = try StepOutputs.parse(file("output"))
        #expect(outputs["plan_file"] == nil)
        #expect(outputs["changes"] == "1")
        #expect(commands.contents.contains("::warning title=opsctl%3A output not set::The step output plan_file was not written: its value contains a secret."))
        let everything = try file("output") + file("summary.md") + commands.contents + errors.contents
        #expect(!everything.contains(canary))
    }

    @Test func applyWritesItsOwnOutputsAndSummary() throws {
        let label = ChangeID(scope: .github, resource: "label", action: "create", name: "bug")
        let waiting = ChangeID(scope: .github, resource: "branch_protection", action: "update", name: "main")
        let broken = ChangeID(scope: .github, resource: "label", action: "update", name: "ui")
        let report = ApplyReport(
            planPath: "plan.json",
            entries: [
                ApplyReport.Entry(changeID: label, outcome: .applied(detail: "created")),
                ApplyReport.Entry(changeID: waiting, outcome: .awaitingApproval(.pending(counted: [], needed: 1, refused: []), reason: "needs approval")),
                ApplyReport.Entry(changeID: broken, outcome: .failed(Diagnostic(message: "422 from GitHub: colour, invalid"))),
            ],
            receiptsHead: ReceiptHead(seq: 12, hash: "sha256:feed")
        )
        output().publish(apply: report, planDigest: "sha256:abc", outcome: .failure)
        #expect(try StepOutputs.parse(file("output")) == [
            "exitcode": "1", "changes": "3", "applied": "1", "pending": "1", "failed": "1",
            "plan_digest": "sha256:abc", "receipts_head": "sha256:feed", "plan_file": "plan.json",
        ])
        let summary = try file("summary.md")
        #expect(summary.hasPrefix("## opsctl apply\n"))
        #expect(summary.contains("| 1 | 0 | 1 | 0 | 1 | seq 12 `sha256:feed` |"))
        #expect(summary.contains("| `github.label.update.ui` | failed | 422 from GitHub: colour, invalid |"))
        #expect(commands.contents == "::error title=github.label.update.ui::422 from GitHub: colour, invalid\n")
    }
}
