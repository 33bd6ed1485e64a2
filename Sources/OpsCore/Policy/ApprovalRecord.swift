import Foundation

/// An approval or rejection, as read back from an `approve` or `reject` receipt.
public struct ApprovalRecord: Sendable, Equatable {
    public enum Verdict: String, Sendable, Equatable {
        case approve, reject
    }

    public var verdict: Verdict
    public var changeID: String
    public var changeDigest: String
    public var planDigest: String
    public var approver: String
    public var reason: String
    public var recordedAt: Date
    public var seq: Int

    public init(
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
