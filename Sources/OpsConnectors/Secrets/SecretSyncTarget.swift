import OpsCore

/// One place secrets are synced to, seen only through keyed fingerprints: the secrets scope
/// reads each key's fingerprint there and writes the keys that differ, nothing more.
protocol SecretSyncTarget: Sendable {
    var name: SecretTargetName { get }
    /// "Heroku app autorisen", for messages.
    var label: String { get }
    /// The last part of the change ID (`secrets.sync.heroku.autorisen`).
    var changeName: String { get }
    /// Whether keys present here but not declared are removed by the sync.
    var prune: Bool { get }
    var metrics: HTTPMetrics { get }
    /// Keys another scope manages in this target, which the secrets scope leaves alone.
    var excludedKeys: Set<String> { get }
    /// Every key the target holds (within its declared scope), by fingerprint.
    func read(_ fingerprinter: SecretFingerprinter) async throws -> SecretTargetSnapshot
    /// Sets each key of `set` to its value and deletes each of `remove`, in as few requests as
    /// the target allows. Returns what was done, in words without values.
    func write(set: [String: String], remove: [String], current: SecretTargetSnapshot) async throws -> String
}

/// A target's keys at one moment.
struct SecretTargetSnapshot: Sendable, Equatable {
    var keys: [String: SecretTargetKey]
}

/// One key as a target holds it.
struct SecretTargetKey: Sendable, Equatable {
    /// The fingerprint of each object holding the key: one config var on Heroku, one env
    /// object per set of targets on Vercel.
    var fingerprints: [SecretFingerprint]
    /// Some object's value is never returned (a Vercel `sensitive` variable).
    var unreadable: Bool = false
    /// The objects cover every place the key belongs (each declared Vercel target).
    var complete: Bool = true

    /// What the plan records and refresh compares: fingerprints only.
    var observed: String {
        if unreadable { return "unreadable" }
        return fingerprints.map(\.hex).sorted().joined(separator: ",") + (complete ? "" : ";partial")
    }

    func state(source: SecretFingerprint) -> SecretDriftState {
        if unreadable { return .unverified }
        guard complete, !fingerprints.isEmpty else { return fingerprints.isEmpty ? .missingInTarget : .differs }
        return fingerprints.allSatisfy { $0 == source } ? .inSync : .differs
    }
}

extension SecretTargetSnapshot {
    /// The `observed` text of `key`, or `absent`.
    func observed(_ key: String) -> String {
        keys[key]?.observed ?? "absent"
    }
}
