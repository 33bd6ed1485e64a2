import Foundation

/// What one `plan` or `apply` run reports to monitoring: drift by scope and risk, checks by
/// scope and status, unmanaged objects, approvals pending, the run's duration and time, and
/// the receipts head. Every scope the plan audited gets every series, zeros included, so a
/// series never vanishes between runs and an alert on `> 0` keeps its baseline.
package struct RunMetrics: Sendable {
    package enum Command: String, Sendable {
        case plan, apply
    }

    package var command: Command
    package var plan: Plan
    /// Nil for `plan`.
    package var apply: ApplyReport?
    package var succeeded: Bool
    package var finishedAt: Date
    package var durationSeconds: Double
    package var receiptsHeadSeq: Int?

    package init(
        command: Command, plan: Plan, apply: ApplyReport? = nil, succeeded: Bool, finishedAt: Date, durationSeconds: Double,
        receiptsHeadSeq: Int?
    ) {
        self.command = command
        self.plan = plan
        self.apply = apply
        self.succeeded = succeeded
        self.finishedAt = finishedAt
        self.durationSeconds = durationSeconds
        self.receiptsHeadSeq = receiptsHeadSeq
    }

    package static let prefix = "opsctl_"

    package var families: [MetricFamily] {
        let run = [MetricFamily.Label("command", command.rawValue)]
        var families = [
            MetricFamily(
                name: Self.prefix + "last_run_timestamp_seconds", help: "When the last run finished, in seconds since the Unix epoch.",
                samples: [.init(run, value: finishedAt.timeIntervalSince1970.rounded())]),
            MetricFamily(
                name: Self.prefix + "last_run_duration_seconds", help: "How long the last run took.",
                samples: [.init(run, value: durationSeconds)]),
            MetricFamily(
                name: Self.prefix + "last_run_success", help: "1 when the last run succeeded (every scope read, nothing failed), else 0.",
                samples: [.init(run, value: succeeded ? 1 : 0)]),
            driftChanges, checks, unmanagedObjects,
            MetricFamily(
                name: Self.prefix + "approvals_pending", help: "Changes of the plan that still wait for approval.",
                samples: [.init(value: Double(approvalsPending))]),
        ]
        if let apply {
            families.append(applyResults(apply))
        }
        if let receiptsHeadSeq {
            families.append(MetricFamily(
                name: Self.prefix + "receipts_head_seq", help: "The seq of the last receipt in the log.",
                samples: [.init(value: Double(receiptsHeadSeq))]))
        }
        return families
    }

    private var scopes: [ServiceScope] { plan.scope.sorted() }

    private var driftChanges: MetricFamily {
        var counts: [ServiceScope: [Risk: Int]] = [:]
        for change in plan.changes { counts[change.id.scope, default: [:]][change.risk, default: 0] += 1 }
        let samples = scopes.flatMap { scope in
            Risk.allCases.map { risk in
                MetricFamily.Sample(
                    [.init("scope", scope.rawValue), .init("risk", risk.rawValue)], value: Double(counts[scope]?[risk] ?? 0))
            }
        }
        return MetricFamily(name: Self.prefix + "drift_changes", help: "Changes the plan proposes, by scope and risk.", samples: samples)
    }

    private var checks: MetricFamily {
        var counts: [ServiceScope: [CheckStatus: Int]] = [:]
        for check in plan.checks { counts[check.scope, default: [:]][check.status, default: 0] += 1 }
        let samples = scopes.flatMap { scope in
            CheckStatus.allCases.map { status in
                MetricFamily.Sample(
                    [.init("scope", scope.rawValue), .init("status", status.rawValue)], value: Double(counts[scope]?[status] ?? 0))
            }
        }
        return MetricFamily(name: Self.prefix + "checks", help: "Checks the plan made, by scope and status.", samples: samples)
    }

    /// From coverage where a connector counted its collections, else from `unmanaged` checks.
    private var unmanagedObjects: MetricFamily {
        var counts: [ServiceScope: Int] = [:]
        var counted = Set<ServiceScope>()
        for coverage in plan.coverage {
            counts[coverage.scope, default: 0] += max(0, coverage.total - coverage.managed)
            counted.insert(coverage.scope)
        }
        for check in plan.checks where check.status == .unmanaged && !counted.contains(check.scope) {
            counts[check.scope, default: 0] += 1
        }
        return MetricFamily(
            name: Self.prefix + "unmanaged_objects", help: "Objects that exist remotely but desired-state.yaml does not declare.",
            samples: scopes.map { .init([.init("scope", $0.rawValue)], value: Double(counts[$0] ?? 0)) })
    }

    private var approvalsPending: Int {
        apply?.waiting ?? plan.summary.awaitingApproval
    }

    private func applyResults(_ report: ApplyReport) -> MetricFamily {
        var counts: [String: Int] = [:]
        for entry in report.entries { counts[Self.resultName(entry.outcome), default: 0] += 1 }
        let results = ["applied", "already_applied", "proposed", "awaiting_approval", "rejected", "stale", "failed"]
        return MetricFamily(
            name: Self.prefix + "apply_changes", help: "What the last apply did with each change, by result.",
            samples: results.map { .init([.init("result", $0)], value: Double(counts[$0] ?? 0)) })
    }

    private static func resultName(_ outcome: ApplyReport.Outcome) -> String {
        switch outcome {
        case .applied: "applied"
        case .alreadyApplied: "already_applied"
        case .proposed: "proposed"
        case .awaitingApproval: "awaiting_approval"
        case .rejected: "rejected"
        case .stale: "stale"
        case .failed: "failed"
        }
    }
}
