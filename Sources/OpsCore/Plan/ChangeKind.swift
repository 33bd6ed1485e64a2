/// The kinds of change one connector proposes, as an enum whose raw values are
/// `resource.action` (`label.create`). IDs are built from a kind, and a change read back from
/// a plan is matched to its kind by value, so no connector compares resource or action text.
package protocol ChangeKind: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {
    static var scope: ServiceScope { get }
}

extension ChangeKind {
    package var resource: String { String(rawValue.prefix { $0 != "." }) }
    package var action: String { String(rawValue.drop { $0 != "." }.dropFirst()) }

    /// The change's kind, or nil when the change belongs to another scope or kind set.
    package init?(_ id: ChangeID) {
        guard id.scope == Self.scope else { return nil }
        self.init(rawValue: "\(id.resource).\(id.action)")
    }

    package func id(name: String) -> ChangeID {
        ChangeID(scope: Self.scope, resource: resource, action: action, name: name)
    }

    /// The kind of a change this connector must handle; an unknown one is a clear error.
    package static func of(_ change: Change) throws(ChangePayloadError) -> Self {
        guard let kind = Self(change.id) else {
            throw ChangePayloadError(changeID: change.id, problem: "the \(scope.rawValue) connector does not know changes of kind \(change.kind)")
        }
        return kind
    }
}
