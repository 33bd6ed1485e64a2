import Foundation

/// An approval or rejection, as read back from an `approve` or `reject` receipt.
package struct ApprovalRecord: Sendable, Equatable {
    package enum Verdict: String, Sendable, Equatable {
        case approve, reject
    }

    package var verdict: Verdict
    package var changeID: String
    package var changeDigest: String
    package var planDigest: String
    package var approver: String
    package var reason: String
    package var recordedAt: Date
    package var seq: Int

    package init(
        verdict: Verdict,
        changeID: String,
        changeDigest: String,
        planDigest: String,
        approver: String,
        reason: String,
        recordedAt: Date,
        seq: Int
    ) {
        self.verdict = verdict
        self.changeID = changeID
        self.changeDigest = changeDigest
        self.planDigest = planDigest
        self.approver = approver
        self.reason = reason
        self.recordedAt = recordedAt
        self.seq = seq
    }
}
