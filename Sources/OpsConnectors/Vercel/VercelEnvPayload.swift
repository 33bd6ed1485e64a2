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

    init?(_ json: JSONValue) {
        guard let key = json["key"]?.stringValue, let type = json["type"]?.stringValue,
            let targets = json["targets"]?.arrayValue?.compactMap(\.stringValue)
        else { return nil }
        self.init(
            key: key,
            targets: targets,
            type: type,
            valueFrom: json["valueFrom"]?.stringValue,
            envID: json["envId"]?.stringValue,
            writesValue: json["writesValue"]?.boolValue ?? false,
            observesValue: json["observesValue"]?.boolValue ?? false,
            valueVerified: json["valueVerified"]?.boolValue ?? false,
            fingerprint: SecretFingerprint(snapshot: json)
        )
    }
}
