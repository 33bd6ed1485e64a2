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
    /// Set for an approval signed with an SSH key (`approve --sign`); checked before it counts.
    package var signature: ApprovalSignature?
    /// Set for a verdict given outside the CLI (a GitHub review, a Slack action), with its evidence.
    package var source: ApprovalSource?

    package init(
        verdict: Verdict,
        changeID: String,
        changeDigest: String,
        planDigest: String,
        approver: String,
        reason: String,
        recordedAt: Date,
        seq: Int,
        signature: ApprovalSignature? = nil,
        source: ApprovalSource? = nil
    ) {
        self.verdict = verdict
        self.changeID = changeID
        self.changeDigest = changeDigest
        self.planDigest = planDigest
        self.approver = approver
        self.reason = reason
        self.recordedAt = recordedAt
        self.seq = seq
        self.signature = signature
        self.source = source
    }
}
