import OpsCore

/// The JSON forms of a variable in plans and receipts. None holds a value: values appear as
/// markers, and receipts add only the value's keyed fingerprint.
enum VercelEnvSnapshot {
    /// What a reviewer sees in `before` and `after`.
    static func shown(key: String, targets: [String], type: String, value: String) -> JSONValue {
        .object(["key": .string(key), "targets": VercelTargets.json(targets), "type": .string(type), "value": .string(value)])
    }

    static func shown(_ remote: VercelRemoteEnv, value: String) -> JSONValue {
        shown(key: remote.key, targets: remote.targets, type: remote.type, value: value)
    }

    /// What `observed` digests and refresh recomputes: the object's identity, its settings,
    /// its last edit and, when it can be read back, its value's fingerprint.
    static func observed(_ remote: VercelRemoteEnv, valueFingerprint: SecretFingerprint?) -> JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(remote.id), "key": .string(remote.key), "targets": VercelTargets.json(remote.targets),
            "type": .string(remote.type), "updatedAt": remote.updatedAt.map(JSONValue.int) ?? .null,
        ]
        if let valueFingerprint { members.merge(valueFingerprint.snapshotMembers) { _, new in new } }
        return .object(members)
    }

    /// An outcome receipt's `after`: enough to roll back by hand and, through the fingerprint
    /// and `updatedAt`, to tell at the next plan whether a write-only value is still ours.
    static func applied(_ remote: VercelRemoteEnv, fingerprint: SecretFingerprint?) -> JSONValue {
        guard case .object(var members) = shown(remote, value: sensitiveMarker) else { return .null }
        members["id"] = .string(remote.id)
        members["updatedAt"] = remote.updatedAt.map(JSONValue.int) ?? .null
        if let fingerprint { members.merge(fingerprint.snapshotMembers) { _, new in new } }
        return .object(members)
    }
}
