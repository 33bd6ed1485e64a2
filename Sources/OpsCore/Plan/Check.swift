public enum CheckStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pass, fail, warning, error
}

/// One thing a connector looked at, and what it found.
public struct Check: Sendable, Hashable {
    /// Stable across runs, like change IDs: `github.label.security`.
    public var id: String
    public var scope: ServiceScope
    public var name: String
    public var status: CheckStatus
    public var message: String
    public var suggestedAction: String?
    public var changeID: ChangeID?
    /// The desired-state entry behind the check, so CI annotations can point at its line.
    public var source: SourceLocation?

    public init(
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
