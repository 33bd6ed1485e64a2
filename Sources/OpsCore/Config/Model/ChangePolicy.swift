/// What `change-policy.yaml` declares (README.md, "change-policy.yaml"; evaluation in
/// docs/architecture.md, "Policy"). Keys the file leaves out take the
/// cautious defaults below, so a missing or empty policy never loosens anything.
public struct ChangePolicy: Sendable, Equatable {
    public static let supportedVersion = 1
    /// 24 hours, in seconds.
    public static let defaultApprovalTTL = 86_400

    public var version: Int
    public var roles: [PolicyRole]
    /// Scopes whose low-risk changes may be applied without a human; a scope not listed may not.
    public var autoApplyAllowed: [ServiceScope: Bool]
    /// In file order; evaluation picks the most specific matching pattern.
    public var approvalRules: [ApprovalRule]
    /// Whoever made a plan cannot approve its changes. Defaults to true.
    public var separationOfDuties: Bool
    /// How long an approval stays valid, in seconds.
    public var approvalTTLSeconds: Int
    /// Approved SQL runs in one transaction through libpq instead of arriving as a pull request.
    public var directDatabaseApply: Bool
    /// Drift and unmanaged objects to leave out of plans, each with a reason, an owner and
    /// usually an end date.
    public var ignore: [IgnoreRule]

    public init(
        version: Int = ChangePolicy.supportedVersion,
        roles: [PolicyRole] = [],
        autoApplyAllowed: [ServiceScope: Bool] = [:],
        approvalRules: [ApprovalRule] = [],
        separationOfDuties: Bool = true,
        approvalTTLSeconds: Int = ChangePolicy.defaultApprovalTTL,
        directDatabaseApply: Bool = false,
        ignore: [IgnoreRule] = []
    ) {
        self.version = version
        self.roles = roles
        self.autoApplyAllowed = autoApplyAllowed
        self.approvalRules = approvalRules
        self.separationOfDuties = separationOfDuties
        self.approvalTTLSeconds = approvalTTLSeconds
        self.directDatabaseApply = directDatabaseApply
        self.ignore = ignore
    }

    public func role(named name: String) -> PolicyRole? {
        roles.first { $0.name == name }
    }

    /// The members who hold at least one of `roleNames`, each once.
    public func members(of roleNames: [String]) -> [String] {
        var seen: Set<String> = []
        return roleNames.flatMap { role(named: $0)?.members ?? [] }.filter { seen.insert($0).inserted }
    }

    /// The most specific rule whose pattern matches `kind` (`scope.resource.action`).
    public func rule(for kind: String) -> ApprovalRule? {
        approvalRules
            .filter { $0.hazard == nil && $0.pattern.matches(kind: kind) }
            .max { $0.pattern.specificity < $1.pattern.specificity }
    }

    /// The rule for a change: a `hazard:NAME` rule for one of its hazards wins over kind
    /// patterns, because it speaks about what the change actually does; among several, the
    /// one asking for the most approvals.
    public func rule(for kind: String, hazards: [ChangeHazard]) -> ApprovalRule? {
        let hazardRules = approvalRules.filter { rule in rule.hazard.map { hazards.contains($0) } ?? false }
        if let strictest = hazardRules.max(by: { $0.minApprovals < $1.minApprovals }) { return strictest }
        return rule(for: kind)
    }

    public func isAutoApplyAllowed(_ scope: ServiceScope) -> Bool {
        autoApplyAllowed[scope] ?? false
    }
}

public struct PolicyRole: Sendable, Equatable {
    public var name: String
    /// Identities as actors are named: an e-mail address, `github:login`, or a login name.
    public var members: [String]
    public var location: SourceLocation?

    public init(name: String, members: [String], location: SourceLocation? = nil) {
        self.name = name
        self.members = members
        self.location = location
    }
}

public struct ApprovalRule: Sendable, Equatable {
    public enum Method: String, Sendable, Hashable, CaseIterable {
        case cli, slack, github
    }

    public var pattern: ChangeKindPattern
    /// Set for a `hazard:NAME` rule, which selects changes carrying that hazard of any kind.
    public var hazard: ChangeHazard?
    /// Nil leaves the decision to the default evaluation (risk and `autoApplyAllowed`).
    public var requiresApproval: Bool?
    /// Role names; an approval counts when its approver holds one of them.
    public var approvers: [String]
    public var minApprovals: Int
    public var method: Method
    /// Replaces the default risk of the kinds this rule matches.
    public var risk: Risk?
    public var location: SourceLocation?

    public init(
        pattern: ChangeKindPattern,
        requiresApproval: Bool? = nil,
        approvers: [String] = [],
        minApprovals: Int = 1,
        method: Method = .cli,
        risk: Risk? = nil,
        hazard: ChangeHazard? = nil,
        location: SourceLocation? = nil
    ) {
        self.pattern = pattern
        self.hazard = hazard
        self.requiresApproval = requiresApproval
        self.approvers = approvers
        self.minApprovals = minApprovals
        self.method = method
        self.risk = risk
        self.location = location
    }
}

/// How much harm a change can do; ordered from low to critical.
public enum Risk: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case low, medium, high, critical

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .critical: 3
        }
    }

    public static func < (lhs: Risk, rhs: Risk) -> Bool { lhs.rank < rhs.rank }
}

extension ApprovalRule {
    /// The rule's key as written in change-policy.yaml.
    public var selector: String { hazard.map { "hazard:\($0.rawValue)" } ?? pattern.description }
}
