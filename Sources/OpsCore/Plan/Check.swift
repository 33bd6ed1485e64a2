package enum CheckStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pass, fail, warning, error
    /// An object that exists remotely but desired-state.yaml does not declare.
    case unmanaged
}

/// One thing a connector looked at, and what it found.
package struct Check: Sendable, Hashable {
    /// Stable across runs, like change IDs: `github.label.security`.
    package var id: String
    package var name: String
    package var message: String
    /// The desired-state entry behind the check, so CI annotations can point at its line.
    package var source: SourceLocation?
    package var scope: ServiceScope
    package var status: CheckStatus
    /// What most checks lack (a passing check has neither), kept out of line: a plan holds
    /// tens of thousands of checks at its memory peak, 96 bytes each this way, 168 with both
    /// fields inline (docs/performance.md).
    private var uncommon: Uncommon?

    package var suggestedAction: String? {
        get { uncommon?.suggestedAction }
        set { uncommon = Uncommon.holding(suggestedAction: newValue, changeID: changeID) }
    }

    package var changeID: ChangeID? {
        get { uncommon?.changeID }
        set { uncommon = Uncommon.holding(suggestedAction: suggestedAction, changeID: newValue) }
    }

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
        self.source = source
        self.uncommon = Uncommon.holding(suggestedAction: suggestedAction, changeID: changeID)
    }
}

extension Check {
    /// A check's suggested action and change ID, shared between copies; nil when both are.
    private final class Uncommon: Sendable, Hashable {
        let suggestedAction: String?
        let changeID: ChangeID?

        private init(_ suggestedAction: String?, _ changeID: ChangeID?) {
            self.suggestedAction = suggestedAction
            self.changeID = changeID
        }

        /// One is made only when there is something to hold.
        static func holding(suggestedAction: String?, changeID: ChangeID?) -> Uncommon? {
            suggestedAction == nil && changeID == nil ? nil : Uncommon(suggestedAction, changeID)
        }

        static func == (lhs: Uncommon, rhs: Uncommon) -> Bool {
            lhs.suggestedAction == rhs.suggestedAction && lhs.changeID == rhs.changeID
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(suggestedAction)
            hasher.combine(changeID)
        }
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
