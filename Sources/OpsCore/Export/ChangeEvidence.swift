/// The receipts that prove what happened to one change: its last outcome, the intent before
/// it, the plan that proposed it, the verdicts on it, and the unbroken run of log lines from
/// the earliest of these to the outcome, which re-verifies on its own as a chain segment.
package struct ChangeEvidence: Sendable {
    package var outcome: Receipt
    package var outcomeBody: OutcomeReceiptBody
    package var intent: Receipt?
    package var plan: Receipt?
    /// `approve` and `reject` receipts for this exact change (same ID and digest).
    package var verdicts: [Receipt]
    /// Contiguous receipts, first to last, ending with `outcome`.
    package var segment: [Receipt]

    package var change: ChangeReference { outcomeBody.change }

    /// The evidence of the change's latest outcome; `receipts` must be a verified log in order.
    package static func find(changeID: String, in receipts: [Receipt]) throws(ExportError) -> ChangeEvidence {
        guard let outcome = receipts.last(where: { $0.kind == .outcome && $0.names(changeID: changeID) }),
            let outcomeBody = OutcomeReceiptBody(outcome)
        else {
            let planned = receipts.contains { $0.kind == .plan && $0.names(changeID: changeID) }
            throw ExportError.noOutcome(changeID: changeID, planned: planned)
        }
        let reference = outcomeBody.change
        let earlier = receipts.prefix { $0.seq < outcome.seq }
        let intent = earlier.last {
            guard let body = IntentReceiptBody($0) else { return false }
            return body.change == reference
        }
        let plan = earlier.last { PlanReceiptBody($0)?.planDigest == reference.planDigest }
        let verdicts = earlier.filter {
            guard let body = VerdictReceiptBody($0) else { return false }
            return body.change.changeID == reference.changeID && body.change.changeDigest == reference.changeDigest
        }
        let first = ([plan, intent].compactMap { $0 } + verdicts).map(\.seq).min() ?? outcome.seq
        let segment = receipts.filter { $0.seq >= first && $0.seq <= outcome.seq }
        return ChangeEvidence(
            outcome: outcome, outcomeBody: outcomeBody, intent: intent, plan: plan, verdicts: verdicts, segment: segment)
    }
}
