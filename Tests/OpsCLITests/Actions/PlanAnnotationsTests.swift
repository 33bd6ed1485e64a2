import OpsCore
import Testing
@testable import OpsCLI

/// GitHub keeps 10 error and 10 warning annotations per step: opsctl picks which, by status
/// and risk, and says how many it left out.
struct PlanAnnotationsTests {
    static let redactor = Redactor(registry: SecretRegistry())

    static func change(_ name: String, risk: Risk) -> Change {
        Change(
            id: ChangeID(scope: .github, resource: "label", action: "update", name: name), description: "update \(name)", risk: risk,
            before: .null, after: .null, observed: "sha256:0", source: SourceLocation(file: "desired-state.yaml", line: 3, column: 7)
        )
    }

    static func check(_ id: String, _ status: CheckStatus, change: String? = nil) -> Check {
        Check(
            id: id, scope: .github, name: id, status: status, message: "\(id) needs attention",
            changeID: change.map { ChangeID(scope: .github, resource: "label", action: "update", name: $0) }
        )
    }

    @Test func atMostTenPerLevelMostUrgentFirstWithANoticeForTheRest() {
        var checks: [Check] = (0..<12).map { Self.check("github.fail.\(String(format: "%02d", $0))", .fail) }
        checks += [Self.check("github.fail.risky", .fail, change: "risky"), Self.check("github.scope", .error)]
        checks += (0..<14).map { Self.check("github.warn.\(String(format: "%02d", $0))", .warning) }
        checks.append(Self.check("github.passes", .pass))
        let changes = [Self.change("risky", risk: .critical), Self.change("high", risk: .high), Self.change("low", risk: .low)]
        let plan = Plan(createdAt: "2026-12-01T00:00:00Z", createdBy: "ci", scope: [.github], inputs: [], checks: checks, changes: changes)

        let annotations = PlanAnnotations(plan: plan, redactor: Self.redactor)
        let errorTitles = annotations.errors.map { $0.properties.first { $0.key == "title" }?.value }
        #expect(errorTitles.count == 10)
        #expect(errorTitles.prefix(3) == ["github.scope", "github.fail.risky", "github.fail.00"])
        #expect(annotations.omittedErrors == 4)

        let warningTitles = annotations.warnings.map { $0.properties.first { $0.key == "title" }?.value }
        #expect(warningTitles.count == 10)
        #expect(warningTitles.prefix(3) == ["github.label.update.risky", "github.label.update.high", "github.warn.00"])
        #expect(!warningTitles.contains("github.label.update.low"))
        #expect(annotations.omittedWarnings == 6)

        let lines = annotations.commands.map(\.line)
        #expect(lines.count == 21)
        #expect(lines.filter { $0.hasPrefix("::error ") }.count == 10)
        #expect(lines.filter { $0.hasPrefix("::warning ") }.count == 10)
        #expect(lines.last == "::notice title=opsctl%3A more in the step summary::4 errors and 6 warnings more than GitHub shows per step are not annotated; the step summary lists every check and change.")
        #expect(lines[1].hasPrefix("::error title=github.fail.risky::"))
        #expect(lines[10] == "::warning file=desired-state.yaml,line=3,col=7,title=github.label.update.risky::critical-risk change: update risky (needs approval)")
    }

    @Test func noNoticeWhenEverythingFits() {
        let plan = Plan(createdAt: "2026-12-01T00:00:00Z", createdBy: "ci", scope: [.github], inputs: [], checks: [Self.check("github.x", .fail)], changes: [])
        let annotations = PlanAnnotations(plan: plan, redactor: Self.redactor)
        #expect(annotations.commands.map(\.line) == ["::error title=github.x::github.x needs attention"])
    }

    @Test func registeredSecretsAreRedactedBeforeEscaping() {
        let registry = SecretRegistry()
        let redactor = Redactor(registry: registry)
        redactor.register(secret: "CANARY-annotation-7d2a")
        var check = Self.check("github.x", .fail)
        check.message = "token CANARY-annotation-7d2a was refused"
        let plan = Plan(createdAt: "2026-12-01T00:00:00Z", createdBy: "ci", scope: [.github], inputs: [], checks: [check], changes: [])
        let line = PlanAnnotations(plan: plan, redactor: redactor).commands.map(\.line).joined()
        #expect(!line.contains("CANARY"))
        #expect(line.contains("[REDACTED]"))
    }
}
