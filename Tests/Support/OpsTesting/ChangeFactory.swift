import OpsCore

/// Changes and checks as a connector would report them, for tests that do not care how a
/// real service describes its objects.
package enum ChangeFactory {
    /// A change of `id` from `before` to `after`, observed as `before`.
    package static func change(
        _ id: String,
        risk: Risk = .low,
        hazards: [ChangeHazard] = [],
        before: JSONValue = .null,
        after: JSONValue = ["name": "wanted"],
        payload: JSONValue = .object([:])
    ) -> Change {
        guard let changeID = ChangeID(id) else { preconditionFailure("not a change ID: \(id)") }
        return Change(
            id: changeID, description: "change \(changeID.name)", risk: risk, hazards: hazards, before: before, after: after,
            observed: PlanDigest.of(before), payload: payload
        )
    }

    /// The failing check a connector reports beside a change.
    package static func failingCheck(for change: Change) -> Check {
        Check(
            id: "\(change.scope.rawValue).\(change.id.resource).\(change.id.name)", scope: change.scope,
            name: "\(change.id.resource) \(change.id.name)", status: .fail, message: "\(change.id.name) differs", changeID: change.id
        )
    }

    package static func check(_ id: String, scope: ServiceScope, status: CheckStatus, message: String = "looked") -> Check {
        Check(id: id, scope: scope, name: id, status: status, message: message)
    }
}
