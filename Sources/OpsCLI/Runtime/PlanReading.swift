import OpsCore

extension CommandContext {
    /// The verified plan at `path`, or nil after reporting why it cannot be used.
    func readPlan(_ path: String) -> Plan? {
        do {
            return try PlanFile.read(from: path)
        } catch {
            report(error)
            return nil
        }
    }

    /// The change a user named, or nil after reporting it missing with the closest ID.
    func change(named id: String, in plan: Plan, planPath: String) -> Change? {
        if let change = plan.changes.first(where: { $0.id.description == id }) { return change }
        let suggestion = closestMatch(to: id, in: plan.changes.map(\.id.description))
        report(Diagnostic(
            message: "the plan \(planPath) has no change '\(id)'",
            hint: suggestion.map { "did you mean '\($0)'?" } ?? "run 'opsctl show \(planPath)' to list its changes"
        ))
        return nil
    }
}
