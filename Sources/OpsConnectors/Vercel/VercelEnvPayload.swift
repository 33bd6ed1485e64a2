import OpsCore

/// What a `vercel.env.add` or `vercel.env.update` change carries to apply: the declared
/// settings, the `valueFrom` reference (never the value), and how the plan judged the value.
struct VercelEnvPayload: Sendable, Equatable {
    var key: String
    var targets: [String]
    var type: String
    var valueFrom: String?
    /// The object to edit; nil for an add.
    var envID: String?
    /// Whether apply sends the value (an add always does).
    var writesValue: Bool
    /// Whether `observed` covers the remote value's fingerprint.
    var observesValue: Bool
    /// The plan saw the remote value equal to the desired one, so an edit that does not send
    /// it may still record the fingerprint.
    var valueVerified: Bool
    /// The desired value's fingerprint at plan time.
    var fingerprint: SecretFingerprint?

    init(
        key: String, targets: [String], type: String, valueFrom: String?, envID: String? = nil, writesValue: Bool,
        observesValue: Bool = false, valueVerified: Bool = false, fingerprint: SecretFingerprint? = nil
    ) {
        self.key = key
        self.targets = targets
        self.type = type
        self.valueFrom = valueFrom
        self.envID = envID
        self.writesValue = writesValue
        self.observesValue = observesValue
        self.valueVerified = valueVerified
        self.fingerprint = fingerprint
    }

    var json: JSONValue {
        var members: [String: JSONValue] = [
            "key": .string(key), "targets": VercelTargets.json(targets), "type": .string(type),
            "writesValue": .bool(writesValue), "observesValue": .bool(observesValue), "valueVerified": .bool(valueVerified),
        ]
        if let valueFrom { members["valueFrom"] = .string(valueFrom) }
        if let envID { members["envId"] = .string(envID) }
        if let fingerprint { members.merge(fingerprint.snapshotMembers) { _, new in new } }
        return .object(members)
    }

    /// Reads `json`'s shape back from a plan's payload.
    init(_ payload: PayloadReader) throws(ChangePayloadError) {
        self.init(
            key: try payload.string("key"),
            targets: try payload.strings("targets"),
            type: try payload.string("type"),
            valueFrom: try payload.optionalString("valueFrom"),
            envID: try payload.optionalString("envId"),
            writesValue: try payload.optionalBool("writesValue") ?? false,
            observesValue: try payload.optionalBool("observesValue") ?? false,
            valueVerified: try payload.optionalBool("valueVerified") ?? false,
            fingerprint: SecretFingerprint(snapshot: payload.json)
        )
    }
}

/// The changes the Vercel connector proposes; raw values are the `resource.action` of their IDs.
enum VercelChangeKind: String, ChangeKind {
    case envAdd = "env.add"
    case envUpdate = "env.update"
    case envRemove = "env.remove"

    static let scope = ServiceScope.vercel
}

/// What applying a Vercel change needs, decoded from the plan once.
enum VercelChange: ChangePayload, Equatable {
    case add(VercelEnvPayload)
    /// `envID` is the variable to edit.
    case update(VercelEnvPayload, envID: String)
    /// Prune: the variable's key is not declared and `prune: [envVars]` is on.
    case remove(envID: String, key: String)

    init(change: Change) throws(ChangePayloadError) {
        let reader = PayloadReader(change)
        let kind = try VercelChangeKind.of(change)
        if kind == .envRemove {
            self = .remove(envID: try reader.string("envId"), key: try reader.string("key"))
            return
        }
        let payload = try VercelEnvPayload(reader)
        switch kind {
        case .envAdd:
            self = .add(payload)
        case .envUpdate, .envRemove:
            guard let envID = payload.envID else { throw reader.error("payload.envId is missing") }
            self = .update(payload, envID: envID)
        }
    }

    var removalPayload: JSONValue? {
        guard case .remove(let envID, let key) = self else { return nil }
        return ["envId": .string(envID), "key": .string(key)]
    }
}
