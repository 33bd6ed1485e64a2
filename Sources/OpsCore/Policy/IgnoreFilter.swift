import Foundation

/// Applies change-policy.yaml's `ignore:` rules to what the connectors found: matching drift
/// (a change and the check that names it) and unmanaged objects leave the plan while a rule
/// is in force; once it expires they come back with a warning naming the rule. Errors are
/// never ignored: a scope that could not be read must not look clean.
package struct IgnoreFilter: Sendable {
    package var rules: [IgnoreRule]
    package var now: Date

    package init(rules: [IgnoreRule], now: Date) {
        self.rules = rules
        self.now = now
    }

    package struct Result: Sendable, Equatable {
        package var checks: [Check]
        package var changes: [Change]
        /// How many checks and changes the rules in force left out.
        package var ignored: Int
    }

    package func apply(checks: [Check], changes: [Change]) -> Result {
        let active = rules.filter { !$0.isExpired(at: now) }
        let expired = rules.filter { $0.isExpired(at: now) }
        func ignoredByActive(_ id: String) -> Bool { active.contains { $0.matches(id) } }

        let keptChanges = changes.filter { !ignoredByActive($0.id.description) }
        let droppedChanges = Set(changes.map(\.id)).subtracting(keptChanges.map(\.id))
        let keptChecks = checks.filter { check in
            if check.status == .error { return true }
            if let changeID = check.changeID, droppedChanges.contains(changeID) { return false }
            return !ignoredByActive(check.id)
        }
        var warnings: [Check] = []
        for (index, rule) in expired.enumerated() {
            let resurfaced = keptChecks.filter { rule.matches($0.id) || ($0.changeID.map { rule.matches($0.description) } ?? false) }
            guard let first = resurfaced.first else { continue }
            let day = UTCTime(rule.expires ?? now).rfc3339.prefix(10)
            warnings.append(Check(
                id: "\(first.scope.rawValue).ignore.expired.\(index)", scope: first.scope, name: "ignore rule \(rule.match)",
                status: .warning,
                message: "the ignore rule '\(rule.match)' (owner \(rule.owner): \(rule.reason)) expired on \(day); "
                    + (resurfaced.count == 1 ? "1 matching finding shows again" : "\(resurfaced.count) matching findings show again"),
                suggestedAction: "fix the drift, or renew the rule's expires date in change-policy.yaml",
                source: rule.location
            ))
        }
        let ignored = (checks.count - keptChecks.count) + droppedChanges.count
        return Result(checks: keptChecks + warnings, changes: keptChanges, ignored: ignored)
    }
}
