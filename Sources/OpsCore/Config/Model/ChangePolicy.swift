/// What `change-policy.yaml` declares (README.md, "change-policy.yaml"; evaluation in
/// docs/architecture.md, "Policy"). Keys the file leaves out take the
/// cautious defaults below, so a missing or empty policy never loosens anything.
package struct ChangePolicy: Sendable, Equatable {
    package static let supportedVersion = 1
    /// 24 hours, in seconds.
    package static let defaultApprovalTTL = 86_400

    package var version: Int
    package var roles: [PolicyRole]
    /// Scopes whose low-risk changes may be applied without a human; a scope not listed may not.
    package var autoApplyAllowed: [ServiceScope: Bool]
    /// In file order; evaluation picks the most specific matching pattern.
    package var approvalRules: [ApprovalRule]
    /// Whoever made a plan cannot approve its changes. Defaults to true.
    package var separationOfDuties: Bool
    /// How long an approval stays valid, in seconds.
    package var approvalTTLSeconds: Int
    /// Approved SQL runs in one transaction through libpq instead of arriving as a pull request.
    package var directDatabaseApply: Bool
    /// Index builds on existing tables run as `CREATE INDEX CONCURRENTLY` after the migration's
    /// transaction commits, instead of inside it (docs/services/supabase.md, "Migration script").
    package var concurrentIndexBuilds: Bool
    /// Drift and unmanaged objects to leave out of plans, each with a reason, an owner and
    /// usually an end date.
    package var ignore: [IgnoreRule]
    /// The allowed_signers file as written (relative to the policy file's directory); nil when
    /// the policy names none, and then no signed approval can count.
    package var allowedSignersPath: String?
    /// Where `allowedSigners:` is written, for problems with the file it names.
    package var allowedSignersLocation: SourceLocation?
    /// The signers read from that file by `ConfigLoader.loadChangePolicy(path:)`.
    package var allowedSigners: SSHAllowedSigners?
    /// Unsigned approvals count for nothing, unless a rule says otherwise.
    package var requireSignedApprovals: Bool

    package init(
        version: Int = ChangePolicy.supportedVersion,
        roles: [PolicyRole] = [],
        autoApplyAllowed: [ServiceScope: Bool] = [:],
        approvalRules: [ApprovalRule] = [],
        separationOfDuties: Bool = true,
        approvalTTLSeconds: Int = ChangePolicy.defaultApprovalTTL,
        directDatabaseApply: Bool = false,
        concurrentIndexBuilds: Bool = false,
        ignore: [IgnoreRule] = [],
        allowedSignersPath: String? = nil,
        allowedSigners: SSHAllowedSigners? = nil,
        requireSignedApprovals: Bool = false
    ) {
        self.concurrentIndexBuilds = concurrentIndexBuilds
        self.version = version
        self.roles = roles
        self.autoApplyAllowed = autoApplyAllowed
        self.approvalRules = approvalRules
        self.separationOfDuties = separationOfDuties
        self.approvalTTLSeconds = approvalTTLSeconds
        self.directDatabaseApply = directDatabaseApply
        self.ignore = ignore
        self.allowedSignersPath = allowedSignersPath
        self.allowedSigners = allowedSigners
        self.requireSignedApprovals = requireSignedApprovals
    }

    package func role(named name: String) -> PolicyRole? {
        roles.first { $0.name == name }
    }

    /// The members who hold at least one of `roleNames`, each once.
    package func members(of roleNames: [String]) -> [String] {
        var seen: Set<String> = []
        return roleNames.flatMap { role(named: $0)?.members ?? [] }.filter { seen.insert($0).inserted }
    }

    /// The most specific rule whose pattern matches `kind` (`scope.resource.action`).
    package func rule(for kind: String) -> ApprovalRule? {
        approvalRules
            .filter { $0.hazard == nil && $0.pattern.matches(kind: kind) }
            .max { $0.pattern.specificity < $1.pattern.specificity }
    }

    /// The rule for a change: a `hazard:NAME` rule for one of its hazards wins over kind
    /// patterns, because it speaks about what the change actually does; among several, the
    /// one asking for the most approvals.
    package func rule(for kind: String, hazards: [ChangeHazard]) -> ApprovalRule? {
        let hazardRules = approvalRules.filter { rule in rule.hazard.map { hazards.contains($0) } ?? false }
        if let strictest = hazardRules.max(by: { $0.minApprovals < $1.minApprovals }) { return strictest }
        return rule(for: kind)
    }

    package func isAutoApplyAllowed(_ scope: ServiceScope) -> Bool {
        autoApplyAllowed[scope] ?? false
    }
}

package struct PolicyRole: Sendable, Equatable {
    package var name: String
    /// Identities as actors are named: an e-mail address, `github:login`, or a login name; or
    /// `ssh:PRINCIPAL`, which only an approval signed by that allowed_signers principal matches.
    package var members: [String]
    package var location: SourceLocation?

    package init(name: String, members: [String], location: SourceLocation? = nil) {
        self.name = name
        self.members = members
        self.location = location
    }
}

package struct ApprovalRule: Sendable, Equatable {
    package enum Method: String, Sendable, Hashable, CaseIterable {
        case cli, slack, github
    }

    package var pattern: ChangeKindPattern
    /// Set for a `hazard:NAME` rule, which selects changes carrying that hazard of any kind.
    package var hazard: ChangeHazard?
    /// Nil leaves the decision to the default evaluation (risk and `autoApplyAllowed`).
    package var requiresApproval: Bool?
    /// Role names; an approval counts when its approver holds one of them.
    package var approvers: [String]
    package var minApprovals: Int
    package var method: Method
    /// Replaces the default risk of the kinds this rule matches.
    package var risk: Risk?
    /// Overrides the policy's `requireSignedApprovals` for the changes this rule matches.
    package var requireSignedApprovals: Bool?
    package var location: SourceLocation?

    package init(
        pattern: ChangeKindPattern,
        requiresApproval: Bool? = nil,
        approvers: [String] = [],
        minApprovals: Int = 1,
        method: Method = .cli,
        risk: Risk? = nil,
        hazard: ChangeHazard? = nil,
        requireSignedApprovals: Bool? = nil,
        location: SourceLocation? = nil
    ) {
        self.pattern = pattern
        self.hazard = hazard
        self.requiresApproval = requiresApproval
        self.approvers = approvers
        self.minApprovals = minApprovals
        self.method = method
        self.risk = risk
        self.requireSignedApprovals = requireSignedApprovals
        self.location = location
    }
}

/// How much harm a change can do; ordered from low to critical.
package enum Risk: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case low, medium, high, critical

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .critical: 3
        }
    }

    package static func < (lhs: Risk, rhs: Risk) -> Bool { lhs.rank < rhs.rank }
}

extension ApprovalRule {
    /// The rule's key as written in change-policy.yaml.
    package var selector: String { hazard.map { "hazard:\($0.rawValue)" } ?? pattern.description }
}
