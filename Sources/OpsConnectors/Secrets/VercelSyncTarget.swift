import OpsCore

/// `targets: vercel: { targets: [production] }`: the project's env vars for those targets,
/// through the Vercel connector's own API calls. Variables scoped to a git branch or custom
/// environment, and keys the `vercel:` scope declares itself, are not this scope's business.
struct VercelSyncTarget: SecretSyncTarget {
    let api: VercelAPI
    let targets: [String]
    let prune: Bool
    /// Keys `vercel.envVars` manages; the secrets scope neither reports nor prunes them.
    let managedElsewhere: Set<String>
    let fingerprints: SecretFingerprinting
    let redactor: Redactor

    var name: SecretTargetName { .vercel }
    var label: String { "Vercel project \(api.projectID) (\(VercelTargets.describe(targets)))" }
    var changeName: String { ChangeID.slug(api.projectID) }
    var metrics: HTTPMetrics { api.client.metrics }
    var excludedKeys: Set<String> { managedElsewhere }

    private var probe: VercelValueProbe { VercelValueProbe(api: api, fingerprints: fingerprints, redactor: redactor) }

    /// The env objects this target covers, by key.
    private func relevant() async throws -> [String: [VercelRemoteEnv]] {
        let envs = try await api.listEnvs().filter { !$0.isScopedBeyondTargets && $0.overlaps(targets) && !managedElsewhere.contains($0.key) }
        return Dictionary(grouping: envs, by: \.key)
    }

    func read(_ fingerprinter: SecretFingerprinter) async throws -> SecretTargetSnapshot {
        var keys: [String: SecretTargetKey] = [:]
        for (key, envs) in try await relevant() {
            var entry = SecretTargetKey(fingerprints: [])
            for env in envs {
                guard env.valueIsReadable, let value = try await probe.readValue(env) else {
                    entry.unreadable = true
                    continue
                }
                redactor.register(secret: value)
                entry.fingerprints.append(try fingerprinter.fingerprint(of: value))
            }
            entry.complete = Set(targets).isSubset(of: Set(envs.flatMap(\.targets)))
            keys[key] = entry
        }
        return SecretTargetSnapshot(keys: keys)
    }

    func write(set: [String: String], remove: [String], current: SecretTargetSnapshot) async throws -> String {
        let envs = try await relevant()
        for key in set.keys.sorted() {
            guard let value = set[key] else { continue }
            let existing = envs[key] ?? []
            for env in existing {
                _ = try await api.editEnv(envID: env.id, targets: env.targets, type: env.type, value: value)
            }
            let uncovered = targets.filter { target in !existing.contains { $0.targets.contains(target) } }
            if !uncovered.isEmpty {
                _ = try await api.createEnv(key: key, value: value, type: "encrypted", targets: uncovered)
            }
        }
        for key in remove.sorted() {
            for env in envs[key] ?? [] { try await api.deleteEnv(envID: env.id) }
        }
        return SecretSyncWording.done(set: set.keys.sorted(), removed: remove.sorted(), in: label)
    }
}
