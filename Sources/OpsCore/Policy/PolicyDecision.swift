/// What policy says about one change: whether a human must approve it, and who may.
public struct PolicyDecision: Sendable, Equatable {
    public var requiresApproval: Bool
    /// Role names whose members may approve; empty means any identity but the planner's.
    public var approverRoles: [String]
    public var minApprovals: Int
    public var method: ApprovalRule.Method
    public var risk: Risk
    /// One sentence on why, for `show` and `status`.
    public var reason: String
    /// The matching rule's key as written in change-policy.yaml.
    public var rule: String?

    public init(
        requiresApproval: Bool,
        approverRoles: [String],
        minApprovals: Int,
        method: ApprovalRule.Method,
        risk: Risk,
        reason: String,
        rule: String?
    ) {
        self.requiresApproval = requiresApproval
        self.approverRoles = approverRoles
        self.minApprovals = minApprovals
        self.method = method
        self.risk = risk
        self.reason = reason
        self.rule = rule
    }
}
