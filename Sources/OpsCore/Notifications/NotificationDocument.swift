/// What one run tells its notification targets (docs/notifications.md): the summary counts,
/// the riskiest changes, the plan's digest and, after apply, the receipts head. Built from
/// values already redacted in the plan; the views redact again before anything is sent.
public struct NotificationDocument: Sendable, Hashable {
    public static let formatVersion = "1.0"
    /// How many changes a notification lists; the rest are counted.
    public static let topChangeLimit = 5

    public enum Command: String, Sendable, Hashable {
        case plan, apply
    }

    /// One change as a notification lists it.
    public struct ChangeLine: Sendable, Hashable {
        public var id: String
        public var risk: Risk
        public var description: String
        public var requiresApproval: Bool
    }

    /// Counts of a plan, or of an apply's outcomes.
    public struct Summary: Sendable, Hashable {
        public var toAdd: Int
        public var toChange: Int
        public var toDestroy: Int
        public var awaitingApproval: Int
        public var failingChecks: Int
        /// Apply only: how the changes ended.
        public var applied: Int?
        public var failed: Int?
        public var rejected: Int?
        public var proposed: Int?
    }

    public var command: Command
    public var createdAt: String
    public var actor: String
    public var scopes: [ServiceScope]
    public var summary: Summary
    /// The riskiest changes first (ties by ID), at most `topChangeLimit`.
    public var topChanges: [ChangeLine]
    public var totalChanges: Int
    public var planDigest: String
    /// After apply: the receipts head once the run's receipts were written.
    public var receiptsHead: ReceiptHead?

    /// For `plan`.
    public init(plan: Plan, planDigest: String, createdAt: String, actor: String) {
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
    public init(report: ApplyReport, plan: Plan, planDigest: String, createdAt: String, actor: String) {
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
    public var hasDrift: Bool {
        totalChanges > 0 || summary.failingChecks > 0 || (summary.failed ?? 0) > 0
    }
}
