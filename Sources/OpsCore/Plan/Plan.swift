/// The input files a plan was made from, with their digests, recorded for review. `apply` does
/// not compare them with the files today (docs/architecture.md, "Known gaps").
package struct PlanInput: Sendable, Hashable {
    package var role: String
    package var path: String
    package var sha256: String

    package init(role: String, path: String, sha256: String) {
        self.role = role
        self.path = path
        self.sha256 = sha256
    }
}

package struct PlanSummary: Sendable, Hashable {
    package var toAdd: Int
    package var toChange: Int
    package var toDestroy: Int
    package var awaitingApproval: Int
    package var checksByStatus: [CheckStatus: Int]
    package var requests: Int

    /// Counted in one pass without copying a change or a check: grouping copied every check
    /// of a 10,000-label plan (docs/performance.md).
    package init(changes: [Change], checks: [Check], requests: Int) {
        var toAdd = 0, toChange = 0, toDestroy = 0, awaitingApproval = 0
        for change in changes {
            switch change.effect {
            case .add: toAdd += 1
            case .modify: toChange += 1
            case .remove: toDestroy += 1
            }
            if change.requiresApproval { awaitingApproval += 1 }
        }
        // Tallied by position: hashing a status hashes its raw string.
        let statuses = CheckStatus.allCases
        var tally = [Int](repeating: 0, count: statuses.count)
        for index in checks.indices {
            let status = checks[index].status
            tally[statuses.firstIndex { $0 == status }!] += 1
        }
        var checksByStatus: [CheckStatus: Int] = [:]
        for (position, count) in tally.enumerated() where count > 0 { checksByStatus[statuses[position]] = count }
        self.toAdd = toAdd
        self.toChange = toChange
        self.toDestroy = toDestroy
        self.awaitingApproval = awaitingApproval
        self.checksByStatus = checksByStatus
        self.requests = requests
    }

    package var failingChecks: Int { (checksByStatus[.fail] ?? 0) + (checksByStatus[.error] ?? 0) }
    package var hasChanges: Bool { toAdd + toChange + toDestroy > 0 }
}

/// Everything `plan` found and proposes, as a value. `PlanFile` is the only place that knows
/// how it is written to disk; views render it; `apply` executes it.
package struct Plan: Sendable, Hashable {
    package static let formatVersion = "1.0"

    package var opsctlVersion: String
    /// RFC 3339 UTC.
    package var createdAt: String
    package var createdBy: String
    package var scope: [ServiceScope]
    package var inputs: [PlanInput]
    package var checks: [Check]
    package var changes: [Change]
    package var requests: Int
    /// Per collection read, how many remote objects are declared.
    package var coverage: [Coverage]
    /// Set when the plan was posted to a pull request for review; nil otherwise.
    package var pullRequest: PlanPullRequest?

    package init(
        opsctlVersion: String = OpsctlVersion.current,
        createdAt: String,
        createdBy: String,
        scope: [ServiceScope],
        inputs: [PlanInput],
        checks: [Check],
        changes: [Change],
        requests: Int = 0,
        coverage: [Coverage] = [],
        pullRequest: PlanPullRequest? = nil
    ) {
        self.opsctlVersion = opsctlVersion
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.scope = scope
        self.inputs = inputs
        self.checks = checks
        self.changes = changes
        self.requests = requests
        self.coverage = coverage
        self.pullRequest = pullRequest
    }

    package var summary: PlanSummary { PlanSummary(changes: changes, checks: checks, requests: requests) }

    /// Scopes that could not be read completely: those with an `error` check. A plan with any
    /// is incomplete, and its silence about them must not read as "no drift".
    package var incompleteScopes: [ServiceScope] {
        // Read in place, by index: `isComplete` is asked several times per run, and filtering
        // copied every check of a 10,000-resource plan each time (docs/performance.md).
        var failed = Set<ServiceScope>()
        for index in checks.indices where checks[index].status == .error {
            failed.insert(checks[index].scope)
        }
        return ServiceScope.allCases.filter(failed.contains)
    }

    package var isComplete: Bool { incompleteScopes.isEmpty }

    /// The requested scopes whose connector ran and read everything: what this plan can vouch
    /// for. A scope without a connector, or not declared, was not audited at all.
    package var auditedScopes: [ServiceScope] {
        let incomplete = Set(incompleteScopes)
        let notAudited = Set(scope.filter { scope in
            let skipped = [Planner.undeclaredCheckID(scope), Planner.missingConnectorCheckID(scope)]
            return checks.indices.contains { checks[$0].scope == scope && skipped.contains(checks[$0].id) }
        })
        return scope.filter { !incomplete.contains($0) && !notAudited.contains($0) }
    }

    package func change(_ id: ChangeID) -> Change? {
        changes.first { $0.id == id }
    }
}
