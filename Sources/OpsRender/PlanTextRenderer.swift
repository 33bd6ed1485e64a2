import OpsCore

extension ANSIStyle {
    package static let added = ANSIStyle(parameters: "32")
    package static let changed = ANSIStyle(parameters: "33")
    package static let removed = ANSIStyle(parameters: "31")
    package static let dim = ANSIStyle(parameters: "2")
}

/// The plan as a terminal diff: `+` add, `~` change, `-` remove, attribute by attribute,
/// with risk and approval needs per change, then the checks that no change answers (a check
/// with a change is folded into it), and a summary line.
package enum PlanTextRenderer {
    package static func render(_ plan: Plan, colour: ColourMode) -> String {
        var output = ""
        if !plan.isComplete {
            output += colour.apply(.error, to: incompleteHeadline(plan)) + "\n"
            if !plan.changes.isEmpty { output += "\nopsctl proposes these changes for the scopes it could read:\n" }
            for change in plan.changes { output += "\n" + renderChange(change, colour: colour) }
        } else if plan.changes.isEmpty {
            output += "No changes. The services match desired-state.yaml.\n"
        } else {
            output += "opsctl proposes these changes:\n"
            for change in plan.changes {
                output += "\n" + renderChange(change, colour: colour)
            }
        }
        if let secrets = SecretsDriftTable(plan) { output += secrets.text(colour: colour) }
        let notable = attentionChecks(plan)
        if !notable.isEmpty {
            output += "\nChecks that need attention:\n"
            for check in notable { output += renderCheck(check, colour: colour) }
        }
        output += unmanagedBlock(plan, colour: colour)
        if !plan.coverage.isEmpty {
            output += "\nCoverage:\n"
            for line in coverageLines(plan) { output += "  \(line)\n" }
        }
        output += "\n" + summaryLine(plan) + "\n"
        return output
    }

    /// Checks that are not passing and that no change of the plan answers: crons, read-only
    /// audits, errors. A failing check with a change says the same as the change.
    package static func attentionChecks(_ plan: Plan) -> [Check] {
        let changes = Set(plan.changes.map(\.id))
        // By index: the passing majority is looked at in place, not copied out and dropped.
        var attention: [Check] = []
        for index in plan.checks.indices {
            let status = plan.checks[index].status
            guard status != .pass, status != .unmanaged else { continue }
            if let changeID = plan.checks[index].changeID, changes.contains(changeID) { continue }
            attention.append(plan.checks[index])
        }
        return attention
    }

    /// "Plan incomplete: github could not be read (GitHub GET /repos/… failed with 401 …)."
    package static func incompleteHeadline(_ plan: Plan) -> String {
        let reasons = plan.incompleteScopes.map { scope in
            let first = plan.checks.first { $0.scope == scope && $0.status == .error }
            return "\(scope.rawValue) could not be read" + (first.map { " (\(safe($0.message)))" } ?? "")
        }
        return "Plan incomplete: " + reasons.joined(separator: "; ") + "."
    }

    /// Failing checks are counted as listed: those a change answers are the change.
    /// Unmanaged objects in one block, a line per collection, not a line per object.
    package static func unmanagedBlock(_ plan: Plan, colour: ColourMode) -> String {
        let groups = unmanagedGroups(plan)
        guard !groups.isEmpty else { return "" }
        var output = "\nUnmanaged (present remotely, not in desired-state.yaml):\n"
        for group in groups {
            output += "  " + colour.apply(.dim, to: "\(safe(group.collection)) (\(group.names.count)):") + " "
                + group.names.map(safe).joined(separator: ", ") + "\n"
        }
        return output
    }

    package struct UnmanagedGroup: Sendable, Equatable {
        package var collection: String
        package var names: [String]
    }

    /// Unmanaged checks grouped by the collection their name starts with (`github labels: x`).
    package static func unmanagedGroups(_ plan: Plan) -> [UnmanagedGroup] {
        var groups: [UnmanagedGroup] = []
        for index in plan.checks.indices where plan.checks[index].status == .unmanaged {
            let check = plan.checks[index]
            let parts = check.name.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let collection = parts.count == 2 ? "\(check.scope.rawValue) \(parts[0])" : check.scope.rawValue
            let name = parts.count == 2 ? parts[1] : check.name
            if let index = groups.firstIndex(where: { $0.collection == collection }) {
                groups[index].names.append(name)
            } else {
                groups.append(UnmanagedGroup(collection: collection, names: [name]))
            }
        }
        return groups
    }

    /// `github labels: 12 of 15 managed (80%)`.
    package static func coverageLines(_ plan: Plan) -> [String] {
        plan.coverage.map { "\($0.scope.rawValue) \(safe($0.collection)): \($0.managed) of \($0.total) managed (\($0.percent)%)" }
    }

    package static func summaryLine(_ plan: Plan) -> String {
        let summary = plan.summary
        var line = "Plan: \(summary.toAdd) to add, \(summary.toChange) to change, \(summary.toDestroy) to destroy."
        if summary.awaitingApproval > 0 { line += " \(summary.awaitingApproval) awaiting approval." }
        let failing = attentionChecks(plan).filter { $0.status == .fail || $0.status == .error }.count
        if failing > 0 {
            line += " \(failing) failing check\(failing == 1 ? "" : "s")."
        }
        return line
    }

    package static func renderChange(_ change: Change, colour: ColourMode) -> String {
        let (symbol, style) = marker(for: change.effect)
        var approval = "\(change.risk.rawValue) risk"
        if change.requiresApproval {
            approval += change.approvers.isEmpty
                ? ", needs approval"
                : ", needs approval from \(change.approvers.joined(separator: " or "))"
        }
        if !change.hazards.isEmpty { approval += ", hazards: \(change.hazards.map(\.rawValue).joined(separator: ", "))" }
        var output = "  " + colour.apply(style, to: "\(symbol) \(safe(change.id.description))") + "  "
            + colour.apply(.dim, to: "(\(approval))") + "\n"
        output += "      \(safe(change.description))\n"
        let diffs = AttributeDiff.between(change.before, change.after)
        let width = diffs.filter { NamedElements.of($0) == nil }.map(\.path.count).max() ?? 0
        for diff in diffs {
            if let elements = NamedElements.of(diff) {
                for line in elements.lines { output += "      " + colour.apply(lineStyle(for: line.kind), to: line.text) + "\n" }
                continue
            }
            output += "      " + renderAttribute(diff, width: width, colour: colour) + "\n"
        }
        return output
    }

    private static func lineStyle(for kind: AttributeDiff.Kind) -> ANSIStyle {
        switch kind {
        case .added: .added
        case .removed: .removed
        case .changed: .changed
        }
    }

    private static func renderAttribute(_ diff: AttributeDiff, width: Int, colour: ColourMode) -> String {
        let name = safe(diff.path) + String(repeating: " ", count: max(0, width - diff.path.count))
        switch diff.kind {
        case .added:
            return colour.apply(.added, to: "+ \(name) = \(value(diff.after))")
        case .removed:
            return colour.apply(.removed, to: "- \(name) = \(value(diff.before))")
        case .changed:
            return colour.apply(.changed, to: "~ \(name) = \(value(diff.before)) → \(value(diff.after))")
        }
    }

    private static func renderCheck(_ check: Check, colour: ColourMode) -> String {
        let (label, style): (String, ANSIStyle) =
            switch check.status {
            case .fail: ("fail", .error)
            case .error: ("error", .error)
            case .warning: ("warning", .warning)
            case .pass: ("pass", .success)
            case .unmanaged: ("unmanaged", .dim)
            }
        var output = "  " + colour.apply(style, to: "\(label):") + " \(safe(check.id)): \(safe(check.message))\n"
        if let action = check.suggestedAction {
            output += "      " + colour.apply(.hint, to: "fix:") + " \(safe(action))\n"
        }
        return output
    }

    private static func marker(for effect: ChangeEffect) -> (String, ANSIStyle) {
        switch effect {
        case .add: ("+", .added)
        case .modify: ("~", .changed)
        case .remove: ("-", .removed)
        }
    }

    /// Values as they read in a diff; secrets stay a bare marker, never quoted content.
    static func value(_ value: JSONValue?) -> String {
        guard let value else { return "(none)" }
        if case .string(let text) = value, text.hasPrefix(sensitiveMarker.dropLast()) { return safe(text) }
        return safe(JSONWriter.canonical(value))
    }

    private static func safe(_ text: String) -> String { TerminalSafeText.sanitized(text) }
}
