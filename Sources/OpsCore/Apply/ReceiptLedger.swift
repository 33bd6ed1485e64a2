import Foundation

/// What the receipts say about changes: approvals and rejections, attempts, what was applied
/// or proposed, and which plans came later. Bodies are read through `ReceiptBodies`; a body
/// that does not read as its kind is not trusted for anything.
package struct ReceiptLedger: Sendable {
    package struct Outcome: Sendable, Equatable {
        package var changeID: String
        package var changeDigest: String
        package var result: OutcomeResult
        package var seq: Int
        package var detail: String
        package var proposal: String?
    }

    package struct Intent: Sendable, Equatable {
        package var changeID: String
        package var changeDigest: String
        package var seq: Int
    }

    /// A later plan, as far as it tells whether a proposed change took effect.
    package struct PlanRecord: Sendable, Equatable {
        package var seq: Int
        package var changeIDs: Set<String>
        /// Nil for plan receipts that did not record which scopes they read completely.
        package var scopes: Set<String>?
    }

    package private(set) var approvals: [ApprovalRecord] = []
    package private(set) var outcomes: [Outcome] = []
    package private(set) var intents: [Intent] = []
    package private(set) var plans: [PlanRecord] = []

    package init(receipts: [Receipt]) {
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
                    seq: receipt.seq,
                    signature: verdict.signature,
                    source: verdict.source
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
    package func lastOutcome(for change: Change) -> Outcome? {
        let digest = PlanDigest.of(change)
        return outcomes.last { $0.changeID == change.id.description && $0.changeDigest == digest }
    }

    package func isApplied(_ change: Change) -> Bool {
        guard let outcome = lastOutcome(for: change) else { return false }
        return outcome.result == .applied || outcome.result == .alreadyApplied
    }

    /// An intent for this exact change with no outcome after it: an earlier apply stopped
    /// between sending the change and recording what came of it.
    package func interruptedIntent(for change: Change) -> Intent? {
        let digest = PlanDigest.of(change)
        guard let intent = intents.last(where: { $0.changeID == change.id.description && $0.changeDigest == digest }) else {
            return nil
        }
        let settled = outcomes.contains { $0.changeID == intent.changeID && $0.changeDigest == digest && $0.seq > intent.seq }
        return settled ? nil : intent
    }

    /// The first plan after `seq` that read the change's scope completely and no longer
    /// proposes the change: the proposal took effect by then.
    package func planShowingSettled(_ change: Change, after seq: Int) -> PlanRecord? {
        plans.first { plan in
            plan.seq > seq && (plan.scopes?.contains(change.scope.rawValue) ?? false)
                && !plan.changeIDs.contains(change.id.description)
        }
    }
}
