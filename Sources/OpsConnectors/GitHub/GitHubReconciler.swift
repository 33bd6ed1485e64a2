import OpsCore

/// Compares desired labels and branch protection with what GitHub has; pure, so the rules
/// are tested without a network.
enum GitHubReconciler {
    /// What comparing the labels found: checks, changes, and how much of the repository's
    /// labels desired-state.yaml manages.
    struct LabelResult: Sendable {
        var checks: [Check] = []
        var changes: [Change] = []
        var coverage: Coverage
    }

    /// Declared labels compared, undeclared ones reported as unmanaged (or, with
    /// `prune: [labels]`, proposed for deletion).
    static func labels(desired: [GitHubLabel], remote: [LabelSnapshot], prune: Bool) -> LabelResult {
        // Each declared label is compared on its own, so the comparisons are shared out among
        // the processors; the outcomes keep the declared order.
        let remoteByName = Dictionary(remote.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        let outcomes = ParallelMap.map(desired) { label in compare(label, with: remoteByName[label.name.lowercased()]) }
        let declared = Set(desired.map { $0.name.lowercased() })
        // One pass splits the remote labels; only the undeclared ones need sorting for the report.
        var undeclared: [LabelSnapshot] = []
        var managed = 0
        for label in remote {
            if declared.contains(label.name.lowercased()) { managed += 1 } else { undeclared.append(label) }
        }
        return result(outcomes: outcomes, managed: managed, total: remote.count, undeclared: undeclared, prune: prune)
    }

    /// The declared labels' checks and changes from their `outcomes` (in declared order), then
    /// the undeclared labels reported as unmanaged (or, with `prune`, proposed for deletion) in
    /// name order, and the coverage.
    static func result(
        outcomes: some Collection<LabelOutcome>, managed: Int, total: Int, undeclared: [LabelSnapshot], prune: Bool
    ) -> LabelResult {
        var result = LabelResult(coverage: Coverage(scope: .github, collection: "labels", managed: managed, total: total))
        result.checks.reserveCapacity(outcomes.count)
        for outcome in outcomes {
            result.checks.append(outcome.check)
            if let change = outcome.change { result.changes.append(change) }
        }
        for label in undeclared.sorted(by: { $0.name < $1.name }) {
            guard prune else {
                result.checks.append(.unmanaged(.github, resource: "label", name: ChangeID.slug(label.name), collection: "labels", description: "the label '\(label.name)'"))
                continue
            }
            let id = GitHubChangeKind.labelDelete.id(name: ChangeID.slug(label.name))
            result.changes.append(Change(
                id: id,
                description: "delete the label '\(label.name)', which desired-state.yaml does not declare (prune: [labels])",
                risk: .medium,
                before: label.json,
                after: .null,
                observed: PlanDigest.of(label.json),
                payload: GitHubChange.deleteLabel(name: label.name).payload
            ))
            result.checks.append(Check(
                id: "github.label.\(label.name)", scope: .github, name: "label \(label.name)", status: .fail,
                message: "the label '\(label.name)' is not declared and prune is on", changeID: id
            ))
        }
        return result
    }

    /// One declared label compared: its check, and the change it needs, if any.
    struct LabelOutcome: Sendable {
        var check: Check
        /// Out of line: most labels need no change, and a listing's outcomes are held in arrays
        /// on their way to the plan. Inline, `Change?` made an outcome 320 bytes rather than
        /// 104, and each array of 10,000 outcomes touched 2 MB more of fresh memory, a page
        /// fault per 4 KiB (docs/performance.md).
        private let boxedChange: ChangeBox?

        var change: Change? { boxedChange?.change }

        init(check: Check, change: Change? = nil) {
            self.check = check
            boxedChange = change.map(ChangeBox.init)
        }

        private final class ChangeBox: Sendable {
            let change: Change

            init(_ change: Change) {
                self.change = change
            }
        }
    }

    static func compare(_ label: GitHubLabel, with current: LabelSnapshot?) -> LabelOutcome {
        let checkID = "github.label.\(label.name)"
        guard let current else {
            let wanted = LabelSnapshot(name: label.name, color: label.color ?? "ededed", description: label.description)
            let id = GitHubChangeKind.labelCreate.id(name: label.name)
            let change = Change(
                id: id,
                description: "create the label '\(label.name)'",
                risk: .low,
                before: .null,
                after: wanted.json,
                observed: PlanDigest.of(JSONValue.null),
                payload: GitHubChange.createLabel(wanted).payload,
                source: label.location
            )
            return LabelOutcome(check: Check(
                id: checkID, scope: .github, name: "label \(label.name)", status: .fail,
                message: "the label '\(label.name)' does not exist", changeID: id, source: label.location
            ), change: change)
        }
        var wanted = current
        if let color = label.color { wanted.color = color.lowercased() }
        if let description = label.description { wanted.description = description.isEmpty ? nil : description }
        if wanted == current {
            return LabelOutcome(check: Check(
                id: checkID, scope: .github, name: "label \(label.name)", status: .pass,
                // Concatenated, not interpolated: every label of a plan has it (`String(concatenating:)`).
                message: String(concatenating: "the label '", label.name, "' matches"), source: label.location
            ))
        }
        let id = GitHubChangeKind.labelUpdate.id(name: label.name)
        var differences: [String] = []
        if wanted.color != current.color { differences.append("colour \(current.color) → \(wanted.color)") }
        if wanted.description != current.description { differences.append("description") }
        let change = Change(
            id: id,
            description: "update the label '\(label.name)' (\(differences.joined(separator: ", ")))",
            risk: .low,
            before: current.json,
            after: wanted.json,
            observed: PlanDigest.of(current.json),
            payload: GitHubChange.updateLabel(currentName: current.name, to: wanted).payload,
            source: label.location
        )
        return LabelOutcome(check: Check(
            id: checkID, scope: .github, name: "label \(label.name)", status: .fail,
            message: "the label '\(label.name)' differs: \(differences.joined(separator: ", "))",
            changeID: id, source: label.location
        ), change: change)
    }

    /// `remote` is nil when the branch has no classic protection.
    static func protection(desired: BranchProtection, remote: ProtectionSnapshot?) -> (Check, Change?) {
        let wanted = ProtectionSnapshot(desired)
        let checkID = "github.branch_protection.\(desired.branch)"
        if remote == wanted {
            return (Check(
                id: checkID, scope: .github, name: "branch protection \(desired.branch)", status: .pass,
                message: "branch protection on '\(desired.branch)' matches", source: desired.location
            ), nil)
        }
        let before = remote?.json ?? .null
        let id = GitHubChangeKind.branchProtectionUpdate.id(name: desired.branch)
        let change = Change(
            id: id,
            description: remote == nil
                ? "protect the branch '\(desired.branch)'"
                : "update branch protection on '\(desired.branch)'",
            risk: .high,
            before: before,
            after: wanted.json,
            observed: PlanDigest.of(before),
            payload: GitHubChange.protectBranch(branch: desired.branch, wanted).payload,
            source: desired.location
        )
        let message = remote == nil
            ? "the branch '\(desired.branch)' has no classic branch protection"
            : "branch protection on '\(desired.branch)' differs from desired-state.yaml"
        return (Check(
            id: checkID, scope: .github, name: "branch protection \(desired.branch)", status: .fail,
            message: message, changeID: id, source: desired.location
        ), change)
    }
}
