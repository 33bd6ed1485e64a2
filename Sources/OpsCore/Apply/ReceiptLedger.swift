import Foundation

/// What the receipts say about changes: approvals and rejections, attempts, what was applied
/// or proposed, and which plans came later. Bodies are read through `ReceiptBodies`; a body
/// that does not read as its kind is not trusted for anything.
public struct ReceiptLedger: Sendable {
    public struct Outcome: Sendable, Equatable {
        public var changeID: String
        public var changeDigest: String
        public var result: OutcomeResult
        public var seq: Int
        public var detail: String
        public var proposal: String?
    }

    public struct Intent: Sendable, Equatable {
        public var changeID: String
        public var changeDigest: String
        public var seq: Int
    }

    /// A later plan, as far as it tells whether a proposed change took effect.
    public struct PlanRecord: Sendable, Equatable {
        public var seq: Int
        public var changeIDs: Set<String>
        /// Nil for plan receipts that did not record which scopes they read completely.
        public var scopes: Set<String>?
    }

    public private(set) var approvals: [ApprovalRecord] = []
    public private(set) var outcomes: [Outcome] = []
    public private(set) var intents: [Intent] = []
    public private(set) var plans: [PlanRecord] = []

    public init(receipts: [Receipt]) {
        for receipt in receipts {
            switch receipt.kind {
            case .approve, .reject:
                guard let verdict = VerdictReceiptBody(receipt) else { continue }
                approvals.append(ApprovalRecord(
                    verdict: verdict.verdict,
                    changeID: verdict.change.changeID,
                    changeDigest: verdict.change.changeDigest,
                    planDigest: verdict.change.planDigest,
                    approver: receipt.actor,
                    reason: verdict.reason,
                    recordedAt: receipt.date,
                    seq: receipt.seq
                ))
            case .intent:
                guard let intent = IntentReceiptBody(receipt) else { continue }
                intents.append(Intent(changeID: intent.change.changeID, changeDigest: intent.change.changeDigest, seq: receipt.seq))
            case .outcome:
                guard let outcome = OutcomeReceiptBody(receipt) else { continue }
                outcomes.append(Outcome(
                    changeID: outcome.change.changeID, changeDigest: outcome.change.changeDigest, result: outcome.result,
                    seq: receipt.seq, detail: outcome.detail, proposal: outcome.proposal
                ))
            case .plan:
                guard let plan = PlanReceiptBody(receipt) else { continue }
                plans.append(PlanRecord(seq: receipt.seq, changeIDs: Set(plan.changeIDs), scopes: plan.scopes.map(Set.init)))
            default:
                continue
            }
        }
    }

    /// The last outcome recorded for this exact change (same digest), if any.
    public func lastOutcome(for change: Change) -> Outcome? {
        let digest = PlanDigest.of(change)
        return outcomes.last { $0.changeID == change.id.description && $0.changeDigest == digest }
    }

    public func isApplied(_ change: Change) -> Bool {
        guard let outcome = lastOutcome(for: change) else { return false }
        return outcome.result == .applied || outcome.result == .alreadyApplied
    }

    /// An intent for this exact change with no outcome after it: an earlier apply stopped
    /// between sending the change and recording what came of it.
    public func interruptedIntent(for change: Change) -> Intent? {
        let digest = PlanDigest.of(change)
        guard let intent = intents.last(where: { $0.changeID == change.id.description && $0.changeDigest == digest }) else {
            return nil
        }
        let settled = outcomes.contains { $0.changeID == intent.changeID && $0.changeDigest == digest && $0.seq > intent.seq }
        return settled ? nil : intent
    }

    /// The first plan after `seq` that read the change's scope completely and no longer
    /// proposes the change: the proposal took effect by then.
    public func planShowingSettled(_ change: Change, after seq: Int) -> PlanRecord? {
        plans.first { plan in
            plan.seq > seq && (plan.scopes?.contains(change.scope.rawValue) ?? false)
                && !plan.changeIDs.contains(change.id.description)
        }
    }
}
