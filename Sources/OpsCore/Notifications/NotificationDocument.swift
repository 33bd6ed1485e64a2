/// What one run tells its notification targets (docs/notifications.md): the summary counts,
/// the riskiest changes, the plan's digest and, after apply, the receipts head. Built from
/// values already redacted in the plan; the views redact again before anything is sent.
package struct NotificationDocument: Sendable, Hashable {
    package static let formatVersion = "1.0"
    /// How many changes a notification lists; the rest are counted.
    package static let topChangeLimit = 5

    package enum Command: String, Sendable, Hashable {
        case plan, apply
    }

    /// One change as a notification lists it.
    package struct ChangeLine: Sendable, Hashable {
        package var id: String
        package var risk: Risk
        package var description: String
        package var requiresApproval: Bool
    }

    /// Counts of a plan, or of an apply's outcomes.
    package struct Summary: Sendable, Hashable {
        package var toAdd: Int
        package var toChange: Int
        package var toDestroy: Int
        package var awaitingApproval: Int
        package var failingChecks: Int
        /// Apply only: how the changes ended.
        package var applied: Int?
        package var failed: Int?
        package var rejected: Int?
        package var proposed: Int?
    }

    package var command: Command
    package var createdAt: String
    package var actor: String
    package var scopes: [ServiceScope]
    package var summary: Summary
    /// The riskiest changes first (ties by ID), at most `topChangeLimit`.
    package var topChanges: [ChangeLine]
    package var totalChanges: Int
    package var planDigest: String
    /// After apply: the receipts head once the run's receipts were written.
    package var receiptsHead: ReceiptHead?

    /// For `plan`.
    package init(plan: Plan, planDigest: String, createdAt: String, actor: String) {
        let summary = plan.summary
        self.init(
            command: .plan, plan: plan, planDigest: planDigest, createdAt: createdAt, actor: actor,
            summary: Summary(
                toAdd: summary.toAdd, toChange: summary.toChange, toDestroy: summary.toDestroy,
                awaitingApproval: summary.awaitingApproval, failingChecks: summary.failingChecks
            ),
            changes: plan.changes, receiptsHead: nil
        )
    }

    /// For `apply`: the plan's counts with the outcomes of this run.
    package init(report: ApplyReport, plan: Plan, planDigest: String, createdAt: String, actor: String) {
        let counts = plan.summary
        let selected = Set(report.entries.map(\.changeID))
        self.init(
            command: .apply, plan: plan, planDigest: planDigest, createdAt: createdAt, actor: actor,
            summary: Summary(
                toAdd: counts.toAdd, toChange: counts.toChange, toDestroy: counts.toDestroy,
                awaitingApproval: report.waiting, failingChecks: counts.failingChecks,
                applied: report.applied, failed: report.failed, rejected: report.rejected, proposed: report.proposed
            ),
            changes: plan.changes.filter { selected.contains($0.id) }, receiptsHead: report.receiptsHead
        )
    }

    private init(
        command: Command, plan: Plan, planDigest: String, createdAt: String, actor: String, summary: Summary, changes: [Change],
        receiptsHead: ReceiptHead?
    ) {
        self.command = command
        self.createdAt = createdAt
        self.actor = actor
        scopes = plan.scope
        self.summary = summary
        let ranked = changes.sorted { $0.risk != $1.risk ? $0.risk > $1.risk : $0.id.description < $1.id.description }
        topChanges = ranked.prefix(Self.topChangeLimit).map {
            ChangeLine(id: $0.id.description, risk: $0.risk, description: $0.description, requiresApproval: $0.requiresApproval)
        }
        totalChanges = changes.count
        self.planDigest = planDigest
        self.receiptsHead = receiptsHead
    }

    /// Something to act on: changes, failing checks, or (after apply) failures.
    package var hasDrift: Bool {
        totalChanges > 0 || summary.failingChecks > 0 || (summary.failed ?? 0) > 0
    }
}
