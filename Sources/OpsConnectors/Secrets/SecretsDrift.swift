import OpsCore

/// How every declared key stands in one target, and the one change that would fix it.
struct SecretsDrift: Sendable {
    struct Entry: Sendable {
        var key: String
        var state: SecretDriftState
        var location: SourceLocation?
    }

    var target: SecretTargetName
    var label: String
    var sourceLabel: String
    var entries: [Entry]
    var sourceFingerprints: [String: SecretFingerprint]
    var snapshot: SecretTargetSnapshot
    var prune: Bool

    static func compare(
        _ config: SecretsConfig, target: any SecretSyncTarget, source: [String: SecretFingerprint], snapshot: SecretTargetSnapshot, sourceLabel: String
    ) -> SecretsDrift {
        var entries: [Entry] = []
        // A key `vercel.envVars` declares is that scope's to set, even if secrets lists it too.
        let applying = config.keys.filter { $0.applies(to: target.name) && !target.excludedKeys.contains($0.name) }
        for key in applying {
            let state: SecretDriftState
            if let fingerprint = source[key.name] {
                state = snapshot.keys[key.name]?.state(source: fingerprint) ?? .missingInTarget
            } else {
                state = .missingInSource
            }
            entries.append(Entry(key: key.name, state: state, location: key.location))
        }
        let declared = Set(applying.map(\.name))
        for key in snapshot.keys.keys.sorted() where !declared.contains(key) {
            entries.append(Entry(key: key, state: .extraInTarget, location: nil))
        }
        return SecretsDrift(
            target: target.name, label: target.label, sourceLabel: sourceLabel, entries: entries, sourceFingerprints: source,
            snapshot: snapshot, prune: target.prune)
    }

    var toSet: [String] { entries.filter { $0.state == .differs || $0.state == .missingInTarget }.map(\.key) }
    var toRemove: [String] { prune ? entries.filter { $0.state == .extraInTarget }.map(\.key) : [] }
    var managedCount: Int { entries.filter { $0.state != .extraInTarget && snapshot.keys[$0.key] != nil }.count }

    /// One check per key: `secrets.heroku.differs.DATABASE_URL`.
    func checks(changeID: ChangeID?) -> [Check] {
        entries.map { entry in
            let id = entry.state.checkID(target: target.rawValue, key: entry.key)
            let name = "\(target.rawValue) keys: \(entry.key)"
            switch entry.state {
            case .inSync:
                return Check(id: id, scope: .secrets, name: name, status: .pass, message: "\(entry.key) is in sync in \(label)", source: entry.location)
            case .differs, .missingInTarget:
                let what = entry.state == .differs ? "differs from \(sourceLabel)" : "is missing"
                return Check(id: id, scope: .secrets, name: name, status: .fail, message: "\(entry.key) \(what) in \(label)",
                             suggestedAction: "apply \(changeID?.description ?? "the sync") to copy it from \(sourceLabel)",
                             changeID: changeID, source: entry.location)
            case .missingInSource:
                return Check(id: id, scope: .secrets, name: name, status: .fail, message: "\(entry.key) is declared but missing in \(sourceLabel), so it cannot be synced to \(label)",
                             suggestedAction: "add \(entry.key) to \(sourceLabel), or remove it from secrets.keys", source: entry.location)
            case .unverified:
                return Check(id: id, scope: .secrets, name: name, status: .warning,
                             message: "\(entry.key) cannot be compared in \(label): the value is write-only (sensitive)",
                             suggestedAction: "recreate it as an encrypted variable, or check it by hand", source: entry.location)
            case .extraInTarget:
                if prune {
                    return Check(id: id, scope: .secrets, name: name, status: .fail, message: "\(entry.key) is in \(label) but not declared; prune removes it",
                                 suggestedAction: "declare it under secrets.keys to keep it", changeID: changeID)
                }
                return Check(id: id, scope: .secrets, name: name, status: .unmanaged,
                             message: "\(entry.key) is in \(label) but not declared in secrets.keys",
                             suggestedAction: "declare it, set prune: true on the target to remove it, or add an ignore rule")
            }
        }
    }

    /// The sync change, or nil when nothing differs.
    func change(target: any SecretSyncTarget, config: SecretsConfig, keyID: String) -> Change? {
        let set = toSet
        let remove = toRemove
        guard !set.isEmpty || !remove.isEmpty else { return nil }
        let kind = SecretsChangeKind(target: target.name)
        var observed: [String: String] = [:]
        for entry in entries { observed[entry.key] = snapshot.observed(entry.key) }
        var app: String?
        var vercelTargets: [String] = []
        var managed: [String] = []
        if let heroku = target as? HerokuSyncTarget { app = heroku.app }
        if let vercel = target as? VercelSyncTarget {
            vercelTargets = vercel.targets
            managed = vercel.managedElsewhere.sorted()
        }
        let payload = SecretsSyncPayload(
            kind: kind, set: set, remove: remove, sourceFingerprints: set.reduce(into: [:]) { $0[$1] = sourceFingerprints[$1]?.hex },
            observed: observed, fingerprintKeyID: keyID, source: config.source, ssmPath: config.ssmPath, app: app,
            vercelTargets: vercelTargets, managedElsewhere: managed, prune: target.prune)
        var before: [String: JSONValue] = [:]
        var after: [String: JSONValue] = [:]
        for entry in entries where set.contains(entry.key) || remove.contains(entry.key) {
            if entry.state != .missingInTarget { before[entry.key] = .string("(sensitive, \(entry.state == .extraInTarget ? "not declared" : entry.state.label))") }
            if set.contains(entry.key) { after[entry.key] = .string("(sensitive, from \(sourceLabel))") }
        }
        var parts: [String] = []
        if !set.isEmpty { parts.append("set \(set.joined(separator: ", "))") }
        if !remove.isEmpty { parts.append("remove \(remove.joined(separator: ", "))") }
        return Change(
            id: kind.id(name: target.changeName),
            description: "Sync \(sourceLabel) to \(target.label): \(parts.joined(separator: "; "))",
            risk: .high, before: .object(before), after: .object(after),
            observed: PlanDigest.of(.object(observed.mapValues(JSONValue.string))), payload: payload.json, source: config.location
        )
    }

    /// A receipt's view of a target: for each key, its fingerprint and key ID, or null when absent.
    static func snapshot(_ snapshot: SecretTargetSnapshot, keys: [String]) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for key in keys {
            guard let entry = snapshot.keys[key] else {
                members[key] = .null
                continue
            }
            var fields: [String: JSONValue] = [:]
            if let first = entry.fingerprints.first { fields.merge(first.snapshotMembers) { _, new in new } }
            if entry.unreadable { fields["value"] = .string(sensitiveMarker) }
            members[key] = .object(fields)
        }
        return .object(members)
    }
}
