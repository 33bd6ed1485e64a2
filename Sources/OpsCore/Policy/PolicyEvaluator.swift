/// Policy evaluation (docs/architecture.md, "Policy"): a `hazard:NAME` rule for one of the
/// change's hazards wins, else the most specific kind pattern; without a rule, a change needs
/// approval when its risk is high or critical or its scope may not auto-apply. Two things no
/// rule can loosen: destructive changes and database schema changes always need a human.
package enum PolicyEvaluator {
    package static func decide(for change: Change, policy: ChangePolicy) -> PolicyDecision {
        let rule = policy.rule(for: change.kind, hazards: change.hazards)
        let risk = rule?.risk ?? change.risk
        let (requiresApproval, reason) = approvalNeed(change: change, rule: rule, risk: risk, policy: policy)
        return PolicyDecision(
            requiresApproval: requiresApproval,
            approverRoles: rule?.approvers ?? [],
            minApprovals: max(1, rule?.minApprovals ?? 1),
            method: rule?.method ?? .cli,
            risk: risk,
            reason: reason,
            rule: rule?.selector,
            requiresSignedApprovals: rule?.requireSignedApprovals ?? policy.requireSignedApprovals
        )
    }

    /// Fills in `requiresApproval` and `approvers` on every change of a plan.
    package static func annotate(_ changes: [Change], policy: ChangePolicy) -> [Change] {
        changes.map { change in
            let decision = decide(for: change, policy: policy)
            var annotated = change
            annotated.requiresApproval = decision.requiresApproval
            annotated.approvers = decision.approverRoles
            return annotated
        }
    }

    /// Supabase changes other than storage buckets alter the database schema.
    package static func isDatabaseSchemaChange(_ change: Change) -> Bool {
        change.scope == .supabase && change.id.resource != "bucket"
    }

    private static func approvalNeed(change: Change, rule: ApprovalRule?, risk: Risk, policy: ChangePolicy) -> (Bool, String) {
        if change.isDestructive {
            return (true, "destructive changes always need approval")
        }
        if isDatabaseSchemaChange(change) {
            return (true, "database schema changes are never applied without approval")
        }
        if let rule, let requiresApproval = rule.requiresApproval {
            return (requiresApproval, "the rule '\(rule.selector)' says it \(requiresApproval ? "needs" : "does not need") approval")
        }
        if risk >= .high {
            return (true, "its risk is \(risk.rawValue)")
        }
        guard policy.isAutoApplyAllowed(change.scope) else {
            return (true, "autoApplyAllowed does not allow \(change.scope.rawValue) changes without approval")
        }
        return (false, "\(risk.rawValue) risk in a scope that may auto-apply")
    }
}
