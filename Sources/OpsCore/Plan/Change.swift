/// How a change alters its object, for the diff's `+`, `~` and `-`.
/// The one place that says which actions destroy something: policy never lets those apply
/// without a human.
package enum ChangeEffect: String, Sendable, Hashable, Codable {
    case add, modify, remove

    package init(action: String) {
        switch action {
        case "create", "add", "sync": self = .add
        case "delete", "drop", "remove", "destroy", "prune": self = .remove
        default: self = .modify
        }
    }
}

/// The marker written wherever a secret value would otherwise appear.
package let sensitiveMarker = "(sensitive)"

/// A proposed change, as it stands in a plan file.
///
/// `before` and `after` are what the user reviews; `payload` is what the connector needs
/// to carry the change out. Neither ever holds a secret value: only `valueFrom` references
/// travel in the plan, with at most a keyed fingerprint of the value (docs/formats.md, "Plan").
package struct Change: Sendable, Hashable {
    package var id: ChangeID
    package var description: String
    package var risk: Risk
    /// Why the change is hazardous beyond its risk; policy rules can select on these.
    package var hazards: [ChangeHazard]
    package var before: JSONValue
    package var after: JSONValue
    /// Fingerprint of the remote object at plan time (`sha256:...`); re-read before applying.
    package var observed: String
    package var payload: JSONValue
    package var source: SourceLocation?
    /// Filled in by policy evaluation at plan time; re-evaluated at apply time.
    package var requiresApproval: Bool
    package var approvers: [String]

    package init(
        id: ChangeID,
        description: String,
        risk: Risk,
        hazards: [ChangeHazard] = [],
        before: JSONValue,
        after: JSONValue,
        observed: String,
        payload: JSONValue = .object([:]),
        source: SourceLocation? = nil,
        requiresApproval: Bool = true,
        approvers: [String] = []
    ) {
        self.id = id
        self.description = description
        self.risk = risk
        self.hazards = hazards
        self.before = before
        self.after = after
        self.observed = observed
        self.payload = payload
        self.source = source
        self.requiresApproval = requiresApproval
        self.approvers = approvers
    }

    package var kind: String { id.kind }
    package var scope: ServiceScope { id.scope }
    package var action: String { id.action }
    package var effect: ChangeEffect { id.effect }
    package var isDestructive: Bool { id.isDestructive }
}
