import Foundation

/// What the receipts say about changes: approvals and rejections, and what was applied.
/// Receipt bodies are written by `approve`, `reject` and `apply` with the field names below.
public struct ReceiptLedger: Sendable {
    public enum BodyKey {
        public static let changeID = "changeId"
        public static let changeDigest = "changeDigest"
        public static let planDigest = "planDigest"
        public static let reason = "reason"
        public static let result = "result"
        public static let idempotencyKey = "idempotencyKey"
    }

    public enum OutcomeResult: String, Sendable {
        case applied
        case alreadyApplied = "already-applied"
        case failed
    }

    public struct Outcome: Sendable, Equatable {
        public var changeID: String
        public var changeDigest: String
        public var result: OutcomeResult
        public var seq: Int
        public var detail: String
    }

    public private(set) var approvals: [ApprovalRecord] = []
    public private(set) var outcomes: [Outcome] = []

    public init(receipts: [Receipt]) {
        for receipt in receipts {
            let body = receipt.body
            guard let changeID = body[BodyKey.changeID]?.stringValue,
                let digest = body[BodyKey.changeDigest]?.stringValue
            else { continue }
            switch receipt.kind {
            case .approve, .reject:
                approvals.append(ApprovalRecord(
                    verdict: receipt.kind == .approve ? .approve : .reject,
                    changeID: changeID,
                    changeDigest: digest,
                    planDigest: body[BodyKey.planDigest]?.stringValue ?? "",
                    approver: receipt.actor,
                    reason: body[BodyKey.reason]?.stringValue ?? "",
                    recordedAt: receipt.date,
                    seq: receipt.seq
                ))
            case .outcome:
                guard let result = body[BodyKey.result]?.stringValue.flatMap(OutcomeResult.init(rawValue:)) else { continue }
                outcomes.append(Outcome(
                    changeID: changeID,
                    changeDigest: digest,
                    result: result,
                    seq: receipt.seq,
                    detail: body["detail"]?.stringValue ?? ""
                ))
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
        return outcome.result != .failed
    }
}
