import OpsCore

/// `targets: heroku: { app }`: the app's config vars. One `PATCH` sets and deletes them all,
/// and Heroku makes one release of it.
struct HerokuSyncTarget: SecretSyncTarget {
    let api: HerokuAPI
    let app: String
    let prune: Bool

    var name: SecretTargetName { .heroku }
    var label: String { "Heroku app \(app)" }
    var changeName: String { app }
    var metrics: HTTPMetrics { api.metrics }
    var excludedKeys: Set<String> { [] }

    func read(_ fingerprinter: SecretFingerprinter) async throws -> SecretTargetSnapshot {
        let values = try await api.configVars(app: app)
        var keys: [String: SecretTargetKey] = [:]
        for (name, value) in values {
            keys[name] = SecretTargetKey(fingerprints: [try fingerprinter.fingerprint(of: value)])
        }
        return SecretTargetSnapshot(keys: keys)
    }

    func write(set: [String: String], remove: [String], current: SecretTargetSnapshot) async throws -> String {
        var changes: [String: String?] = set.mapValues { $0 }
        for key in remove { changes[key] = .some(nil) }
        guard !changes.isEmpty else { return "nothing to write to \(label)" }
        _ = try await api.updateConfigVars(app: app, changes: changes)
        return SecretSyncWording.done(set: set.keys.sorted(), removed: remove.sorted(), in: label)
    }
}

enum SecretSyncWording {
    static func done(set: [String], removed: [String], in label: String) -> String {
        var parts: [String] = []
        if !set.isEmpty { parts.append("set \(set.joined(separator: ", "))") }
        if !removed.isEmpty { parts.append("removed \(removed.joined(separator: ", "))") }
        return parts.isEmpty ? "nothing to write to \(label)" : parts.joined(separator: " and ") + " in \(label)"
    }
}
