package enum CheckStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pass, fail, warning, error
    /// An object that exists remotely but desired-state.yaml does not declare.
    case unmanaged
}

/// One thing a connector looked at, and what it found.
package struct Check: Sendable, Hashable {
    /// Stable across runs, like change IDs: `github.label.security`.
    package var id: String
    package var scope: ServiceScope
    package var name: String
    package var status: CheckStatus
    package var message: String
    package var suggestedAction: String?
    package var changeID: ChangeID?
    /// The desired-state entry behind the check, so CI annotations can point at its line.
    package var source: SourceLocation?

    package init(
        id: String,
        scope: ServiceScope,
        name: String,
        status: CheckStatus,
        message: String,
        suggestedAction: String? = nil,
        changeID: ChangeID? = nil,
        source: SourceLocation? = nil
    ) {
        self.id = id
        self.scope = scope
        self.name = name
        self.status = status
        self.message = message
        self.suggestedAction = suggestedAction
        self.changeID = changeID
        self.source = source
    }
}

extension Check {
    /// An object present remotely but not declared. Its ID has a change ID's shape,
    /// `scope.resource.unmanaged.name`, so one ignore rule (`github.label.*.wontfix`) matches the
    /// object whatever is said about it: unmanaged, drifted, or proposed for pruning.
    package static func unmanaged(_ scope: ServiceScope, resource: String, name: String, collection: String, description: String) -> Check {
        Check(
            id: "\(scope.rawValue).\(resource).unmanaged.\(name)", scope: scope, name: "\(collection): \(name)", status: .unmanaged,
            message: "\(description) exists but is not declared in desired-state.yaml",
            suggestedAction: "declare it, set prune: true to remove it, or add an ignore rule"
        )
    }
}

/// How much of one remote collection desired-state.yaml manages: `github labels: 12 of 15
/// managed (80%)`.
package struct Coverage: Sendable, Hashable {
    package var scope: ServiceScope
    /// What the objects are, plural: `labels`, `env vars`, `webhook endpoints`.
    package var collection: String
    package var managed: Int
    package var total: Int

    package init(scope: ServiceScope, collection: String, managed: Int, total: Int) {
        self.scope = scope
        self.collection = collection
        self.managed = managed
        self.total = total
    }

    /// Whole percent, rounded down; 100 for an empty collection (nothing is unmanaged).
    package var percent: Int { total == 0 ? 100 : managed * 100 / total }
}
