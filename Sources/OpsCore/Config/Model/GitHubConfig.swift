package struct GitHubConfig: Sendable, Equatable {
    /// The collections `prune:` may remove undeclared objects from.
    package enum PrunableCollection: String, Sendable, Hashable, CaseIterable {
        case labels
    }

    /// The key `labels` are declared under, which the decoder reads and the connector is told
    /// of early (`DeclaredList`).
    package static let labelsKey = "labels"

    /// Read-only, so that `labelIndex` always describes them.
    package let labels: [GitHubLabel]
    package let labelIndex: GitHubLabelIndex
    package var branchProtection: [BranchProtection]
    /// `prune: [labels]`: labels that exist but are not declared are proposed for deletion.
    package var prune: Set<PrunableCollection>

    package init(labels: [GitHubLabel] = [], branchProtection: [BranchProtection] = [], prune: Set<PrunableCollection> = []) {
        self.init(labels: labels, labelIndex: GitHubLabelIndex(labels), branchProtection: branchProtection, prune: prune)
    }

    init(labels: [GitHubLabel], labelIndex: GitHubLabelIndex, branchProtection: [BranchProtection], prune: Set<PrunableCollection>) {
        self.labels = labels
        self.labelIndex = labelIndex
        self.branchProtection = branchProtection
        self.prune = prune
    }
}

package struct GitHubLabel: Sendable, Equatable {
    package var name: String
    /// Six hexadecimal digits without '#'; nil leaves the colour unmanaged.
    package var color: String?
    package var description: String?
    package var location: SourceLocation?

    package init(name: String, color: String? = nil, description: String? = nil, location: SourceLocation? = nil) {
        self.name = name
        self.color = color
        self.description = description
        self.location = location
    }
}

/// A branch protection rule. Settings the file leaves out take GitHub's defaults for a new rule.
package struct BranchProtection: Sendable, Equatable {
    package var branch: String
    /// Approving reviews a pull request needs (0...6); nil means pull requests are not required.
    package var requiredReviews: Int?
    package var requiredStatusChecks: [String]
    package var enforceAdmins: Bool
    package var allowForcePushes: Bool
    package var allowDeletions: Bool
    package var dismissStaleReviews: Bool
    package var requireCodeOwnerReviews: Bool
    package var requiredLinearHistory: Bool
    package var location: SourceLocation?

    package init(
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
