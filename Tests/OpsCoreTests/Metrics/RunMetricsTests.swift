import Foundation
import OpsTesting
import Testing

@testable import OpsCore

@Suite("Run metrics")
struct RunMetricsTests {
    static func plan(changes: [Change], checks: [Check] = [], coverage: [Coverage] = []) -> Plan {
        Plan(
            createdAt: "2026-12-01T10:00:00Z", createdBy: "ci@example.com", scope: [.vercel, .github], inputs: [], checks: checks,
            changes: changes, coverage: coverage)
    }

    static func value(_ families: [MetricFamily], _ name: String, _ labels: [String: String] = [:]) -> Double? {
        families.first { $0.name == name }?.samples.first { sample in
            Dictionary(uniqueKeysWithValues: sample.labels.map { ($0.name, $0.value) }) == labels
        }?.value
    }

    @Test func countsDriftByScopeAndRiskWithZerosForEveryAuditedScope() {
        var approved = ChangeFactory.change("github.label.create.bug")
        approved.requiresApproval = false
        var protection = ChangeFactory.change("github.branch_protection.update.main", risk: .high)
        protection.requiresApproval = true
        let metrics = RunMetrics(
            command: .plan, plan: Self.plan(changes: [approved, protection, ChangeFactory.change("github.label.create.docs")]),
            succeeded: true, finishedAt: Date(timeIntervalSince1970: 1_764_583_200), durationSeconds: 0.75, receiptsHeadSeq: 41)
        let families = metrics.families
        #expect(Self.value(families, "opsctl_drift_changes", ["scope": "github", "risk": "low"]) == 2)
        #expect(Self.value(families, "opsctl_drift_changes", ["scope": "github", "risk": "high"]) == 1)
        #expect(Self.value(families, "opsctl_drift_changes", ["scope": "vercel", "risk": "critical"]) == 0)
        #expect(families.first { $0.name == "opsctl_drift_changes" }?.samples.count == 2 * Risk.allCases.count)
        #expect(Self.value(families, "opsctl_approvals_pending") == 2)
        #expect(Self.value(families, "opsctl_receipts_head_seq") == 41)
        #expect(Self.value(families, "opsctl_last_run_timestamp_seconds", ["command": "plan"]) == 1_764_583_200)
        #expect(Self.value(families, "opsctl_last_run_duration_seconds", ["command": "plan"]) == 0.75)
        #expect(Self.value(families, "opsctl_last_run_success", ["command": "plan"]) == 1)
        #expect(!families.contains { $0.name == "opsctl_apply_changes" })
    }

    @Test func countsChecksByStatusAndUnmanagedObjectsFromCoverage() {
        let checks = [
            ChangeFactory.check("github.label.bug", scope: .github, status: .pass),
            ChangeFactory.check("github.label.docs", scope: .github, status: .fail),
            ChangeFactory.check("vercel.env.KEY", scope: .vercel, status: .unmanaged),
            ChangeFactory.check("vercel.env.OTHER", scope: .vercel, status: .unmanaged),
        ]
        let coverage = [
            Coverage(scope: .github, collection: "labels", managed: 2, total: 7),
            Coverage(scope: .github, collection: "branch protection rules", managed: 1, total: 2),
        ]
        let families = RunMetrics(
            command: .plan, plan: Self.plan(changes: [], checks: checks, coverage: coverage), succeeded: true, finishedAt: Date(),
            durationSeconds: 1, receiptsHeadSeq: nil
        ).families
        #expect(Self.value(families, "opsctl_checks", ["scope": "github", "status": "fail"]) == 1)
        #expect(Self.value(families, "opsctl_checks", ["scope": "github", "status": "error"]) == 0)
        #expect(Self.value(families, "opsctl_checks", ["scope": "vercel", "status": "unmanaged"]) == 2)
        // Coverage counts every undeclared object; without it, the unmanaged checks do.
        #expect(Self.value(families, "opsctl_unmanaged_objects", ["scope": "github"]) == 6)
        #expect(Self.value(families, "opsctl_unmanaged_objects", ["scope": "vercel"]) == 2)
        #expect(!families.contains { $0.name == "opsctl_receipts_head_seq" })
    }

    @Test func applyReportsEachResultAndWhatStillWaits() throws {
        let changes = ["github.label.create.a", "github.label.create.b", "github.label.create.c", "github.label.create.d"].map {
            ChangeFactory.change($0)
        }
        let report = ApplyReport(planPath: "plan.json", entries: [
            .init(changeID: changes[0].id, outcome: .applied(detail: "created")),
            .init(changeID: changes[1].id, outcome: .stale(observed: "a", now: "b", detail: "moved")),
            .init(changeID: changes[2].id, outcome: .awaitingApproval(.pending(counted: [], needed: 1, refused: []), reason: "needs one")),
            .init(changeID: changes[3].id, outcome: .failed(Diagnostic(message: "no"))),
        ], receiptsHead: ReceiptHead(seq: 9, hash: String(repeating: "a", count: 64)))
        let families = RunMetrics(
            command: .apply, plan: Self.plan(changes: changes), apply: report, succeeded: false, finishedAt: Date(), durationSeconds: 2,
            receiptsHeadSeq: report.receiptsHead?.seq
        ).families
        #expect(Self.value(families, "opsctl_apply_changes", ["result": "applied"]) == 1)
        #expect(Self.value(families, "opsctl_apply_changes", ["result": "stale"]) == 1)
        #expect(Self.value(families, "opsctl_apply_changes", ["result": "failed"]) == 1)
        #expect(Self.value(families, "opsctl_apply_changes", ["result": "proposed"]) == 0)
        #expect(Self.value(families, "opsctl_approvals_pending") == 1)
        #expect(Self.value(families, "opsctl_last_run_success", ["command": "apply"]) == 0)
    }
}
