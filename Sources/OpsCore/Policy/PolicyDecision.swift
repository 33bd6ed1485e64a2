/// What policy says about one change: whether a human must approve it, and who may.
package struct PolicyDecision: Sendable, Equatable {
    package var requiresApproval: Bool
    /// Role names whose members may approve; empty means any identity but the planner's.
    package var approverRoles: [String]
    package var minApprovals: Int
    package var method: ApprovalRule.Method
    package var risk: Risk
    /// One sentence on why, for `show` and `status`.
    package var reason: String
    /// The matching rule's key as written in change-policy.yaml.
    package var rule: String?
    /// Only approvals signed with an SSH key allowed_signers lists count.
    package var requiresSignedApprovals: Bool

    package init(
        requiresApproval: Bool,
        approverRoles: [String],
        minApprovals: Int,
        method: ApprovalRule.Method,
        risk: Risk,
        reason: String,
        rule: String?,
        requiresSignedApprovals: Bool = false
    ) {
        self.requiresApproval = requiresApproval
        self.approverRoles = approverRoles
        self.minApprovals = minApprovals
        self.method = method
        self.risk = risk
        self.reason = reason
        self.rule = rule
        self.requiresSignedApprovals = requiresSignedApprovals
    }
}
