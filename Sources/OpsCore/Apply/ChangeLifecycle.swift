import Foundation

/// Where a change stands, derived from policy and receipts alone:
/// pending → approved / rejected → applied / failed, with `awaitingMerge` between approved
/// and applied for changes delivered as a pull request.
package enum ChangeLifecycle: Sendable, Equatable {
    case pending(ApprovalState)
    case approved(ApprovalState)
    case rejected(by: String, reason: String)
    /// Proposed (a migration pull request) and not yet seen to take effect by a later plan.
    case awaitingMerge(seq: Int, location: String)
    case applied(seq: Int)
    case failed(seq: Int, detail: String)

    package var label: String {
        switch self {
        case .pending: "pending"
        case .approved: "approved"
        case .rejected: "rejected"
        case .awaitingMerge: "awaiting merge"
        case .applied: "applied"
        case .failed: "failed"
        }
    }

    /// The label as one word, for JSON documents (`awaiting-merge`), like apply's results.
    package var code: String { label.replacingOccurrences(of: " ", with: "-") }

    package static func of(
        _ change: Change,
        in plan: Plan,
        policy: ChangePolicy,
        ledger: ReceiptLedger,
        now: Date,
        confirmedReviews: Set<Int> = []
    ) -> ChangeLifecycle {
        if let outcome = ledger.lastOutcome(for: change) {
            switch outcome.result {
            case .applied, .alreadyApplied: return .applied(seq: outcome.seq)
            case .failed: return .failed(seq: outcome.seq, detail: outcome.detail)
            case .proposed:
                if let later = ledger.planShowingSettled(change, after: outcome.seq) { return .applied(seq: later.seq) }
                return .awaitingMerge(seq: outcome.seq, location: outcome.proposal ?? "")
            }
        }
        let decision = PolicyEvaluator.decide(for: change, policy: policy)
        let state = ApprovalEvaluator.evaluate(
            change: change, decision: decision, records: ledger.approvals, planner: plan.createdBy, policy: policy, now: now,
            confirmedReviews: confirmedReviews
        )
        switch state {
        case .rejected(let by, let reason): return .rejected(by: by, reason: reason)
        case .approved, .notRequired: return .approved(state)
        case .pending: return .pending(state)
        }
    }
}
