public struct GitHubConfig: Sendable, Equatable {
    /// The collections `prune:` may remove undeclared objects from.
    public enum PrunableCollection: String, Sendable, Hashable, CaseIterable {
        case labels
    }

    public var labels: [GitHubLabel]
    public var branchProtection: [BranchProtection]
    /// `prune: [labels]`: labels that exist but are not declared are proposed for deletion.
    public var prune: Set<PrunableCollection>

    public init(labels: [GitHubLabel] = [], branchProtection: [BranchProtection] = [], prune: Set<PrunableCollection> = []) {
        self.labels = labels
        self.branchProtection = branchProtection
        self.prune = prune
    }
}

public struct GitHubLabel: Sendable, Equatable {
    public var name: String
    /// Six hexadecimal digits without '#'; nil leaves the colour unmanaged.
    public var color: String?
    public var description: String?
    public var location: SourceLocation?

    public init(name: String, color: String? = nil, description: String? = nil, location: SourceLocation? = nil) {
        self.name = name
        self.color = color
        self.description = description
        self.location = location
    }
}

/// A branch protection rule. Settings the file leaves out take GitHub's defaults for a new rule.
public struct BranchProtection: Sendable, Equatable {
    public var branch: String
    /// Approving reviews a pull request needs (0...6); nil means pull requests are not required.
    public var requiredReviews: Int?
    public var requiredStatusChecks: [String]
    public var enforceAdmins: Bool
    public var allowForcePushes: Bool
    public var allowDeletions: Bool
    public var dismissStaleReviews: Bool
    public var requireCodeOwnerReviews: Bool
    public var requiredLinearHistory: Bool
    public var location: SourceLocation?

    public init(
        branch: String,
        requiredReviews: Int? = nil,
        requiredStatusChecks: [String] = [],
        enforceAdmins: Bool = false,
        allowForcePushes: Bool = false,
        allowDeletions: Bool = false,
        dismissStaleReviews: Bool = false,
        requireCodeOwnerReviews: Bool = false,
        requiredLinearHistory: Bool = false,
        location: SourceLocation? = nil
    ) {
        self.branch = branch
        self.requiredReviews = requiredReviews
        self.requiredStatusChecks = requiredStatusChecks
        self.enforceAdmins = enforceAdmins
        self.allowForcePushes = allowForcePushes
        self.allowDeletions = allowDeletions
        self.dismissStaleReviews = dismissStaleReviews
        self.requireCodeOwnerReviews = requireCodeOwnerReviews
        self.requiredLinearHistory = requiredLinearHistory
        self.location = location
    }
}
