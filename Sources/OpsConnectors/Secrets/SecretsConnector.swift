import Foundation
import OpsCore

/// The secrets scope (docs/services/secrets.md): one source of truth, synced one way to each
/// target. Plan compares every declared key in every target it applies to by keyed
/// fingerprints and reports one drift check per key and target; each target with drift gets
/// one `secrets.sync.<target>` change. Apply re-reads the target, reads the values from the
/// source again, and writes only the keys that still differ. No value ever leaves the
/// redactor, an HMAC and the target's API.
package struct SecretsConnector: Connector {
    package let scope = ServiceScope.secrets
    let context: ConnectorContext
    let sources: SecretSources
    /// Tells the time for rotation checks; tests fix it.
    var now: @Sendable () -> Date = { Date() }

    package static func make(sources: SecretSources) -> ConnectorRegistry.Factory {
        { context in .success(SecretsConnector(context: context, sources: sources)) }
    }

    private var redactor: Redactor { context.redactor }

    // MARK: - Targets

    private struct BuiltTargets {
        var targets: [any SecretSyncTarget] = []
        var problems: [Check] = []
    }

    /// The declared targets, each with its API; one missing credential is one error check.
    private func targets(_ config: SecretsConfig, desired: DesiredState) -> BuiltTargets {
        var built = BuiltTargets()
        if let heroku = config.targets.heroku {
            switch HerokuAPI.make(context: context) {
            case .success(let api): built.targets.append(HerokuSyncTarget(api: api, app: heroku.app, prune: heroku.prune))
            case .failure(let missing): built.problems.append(credentialCheck(.heroku, missing, source: heroku.location))
            }
        }
        if let vercel = config.targets.vercel {
            switch VercelConnector.api(context: context) {
            case .success(let api):
                let managed = Set(desired.vercel?.envVars.map(\.key) ?? [])
                built.targets.append(VercelSyncTarget(
                    api: api, targets: vercel.targets.map(\.rawValue), prune: vercel.prune, managedElsewhere: managed,
                    fingerprints: context.fingerprints, redactor: redactor))
            case .failure(let missing): built.problems.append(credentialCheck(.vercel, missing, source: vercel.location))
            }
        }
        return built
    }

    private func credentialCheck(_ target: SecretTargetName, _ missing: MissingCredentials, source: SourceLocation?) -> Check {
        Check(
            id: "secrets.\(target.rawValue)", scope: .secrets, name: "\(target.rawValue) target", status: .error,
            message: "cannot read the \(target.rawValue) target: \(missing.message)", suggestedAction: missing.suggestedAction, source: source
        )
    }

    // MARK: - Plan

    package func plan(_ request: PlanRequest) async -> PlanResponse {
        guard let config = request.desired.secrets else { return PlanResponse() }
        let built = targets(config, desired: request.desired)
        var checks = built.problems
        let fingerprinter: SecretFingerprinter
        switch context.fingerprints.key.fingerprinter() {
        case .success(let made): fingerprinter = made
        case .failure(let error):
            checks.append(errorCheck("secrets.fingerprint-key", name: "fingerprint key", error.diagnostic, source: config.location))
            return PlanResponse(checks: checks)
        }
        let source: any SecretSource
        switch await sources.open(config.source, ssmPath: config.ssmPath, context: context) {
        case .success(let opened): source = opened
        case .failure(let error):
            checks.append(errorCheck("secrets.source", name: "source", error.diagnostic, source: config.location))
            return PlanResponse(checks: checks, requestCount: requests(built.targets))
        }
        // Source values are read (and registered with the redactor) before any target answers.
        let secrets: [SourceSecret]
        do {
            secrets = try await source.readAll(wanted: config.keys.map(\.name))
        } catch {
            checks.append(errorCheck("secrets.source", name: "source", error.diagnostic, source: config.location))
            return PlanResponse(checks: checks, requestCount: requests(built.targets))
        }
        let declared = Set(config.keys.map(\.name))
        var sourceFingerprints: [String: SecretFingerprint] = [:]
        for secret in secrets where declared.contains(secret.name) {
            redactor.register(secret: secret.value)
            guard let fingerprint = try? fingerprinter.fingerprint(of: secret.value) else { continue }
            sourceFingerprints[secret.name] = fingerprint
        }
        checks += rotationChecks(config, secrets: secrets)

        var changes: [Change] = []
        var coverage: [Coverage] = []
        for target in built.targets {
            let snapshot: SecretTargetSnapshot
            do {
                snapshot = try await target.read(fingerprinter)
            } catch {
                checks.append(errorCheck("secrets.\(target.name.rawValue)", name: "\(target.name.rawValue) target", diagnostic(for: error), source: config.location))
                continue
            }
            let drift = SecretsDrift.compare(config, target: target, source: sourceFingerprints, snapshot: snapshot, sourceLabel: source.label)
            let change = drift.change(target: target, config: config, keyID: fingerprinter.keyID)
            checks += drift.checks(changeID: change?.id)
            if let change { changes.append(change) }
            coverage.append(Coverage(scope: .secrets, collection: "\(target.name.rawValue) keys", managed: drift.managedCount, total: snapshot.keys.count))
        }
        return PlanResponse(checks: checks.map(redactor.redact), changes: changes, requestCount: requests(built.targets), coverage: coverage)
    }

    private func requests(_ targets: [any SecretSyncTarget]) -> Int {
        targets.reduce(0) { $0 + $1.metrics.snapshot().requests }
    }

    /// A key whose source value is older than its `rotateEvery` is a warning naming its owner.
    private func rotationChecks(_ config: SecretsConfig, secrets: [SourceSecret]) -> [Check] {
        let byName = Dictionary(secrets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let today = now()
        return config.keys.compactMap { key -> Check? in
            guard let period = key.rotateEvery, let modified = byName[key.name]?.lastModified else { return nil }
            let age = Int(today.timeIntervalSince(modified))
            let days = age / 86_400
            let owner = key.owner.map { "; owner: \($0)" } ?? ""
            let id = "secrets.rotation.\(age > period ? "overdue" : "current").\(key.name)"
            guard age > period else {
                return Check(id: id, scope: .secrets, name: "rotation: \(key.name)", status: .pass,
                             message: "\(key.name) last changed \(days) days ago, within its rotateEvery \(key.rotateEveryText ?? "")", source: key.location)
            }
            return Check(
                id: id, scope: .secrets, name: "rotation: \(key.name)", status: .warning,
                message: "\(key.name) last changed \(days) days ago, longer than its rotateEvery \(key.rotateEveryText ?? "")\(owner)",
                suggestedAction: "\(key.owner.map { "ask \($0) to rotate" } ?? "rotate") \(key.name) in the source, then re-run plan to sync it",
                source: key.location
            )
        }
    }

    // MARK: - Refresh

    package func refresh(_ request: RefreshRequest) async -> RefreshResponse {
        await request.decoding(SecretsSyncPayload.self) { payload in
            await withTarget(payload, change: request.change, failure: RefreshResponse.failed) { target, fingerprinter in
                do {
                    let current = try await target.read(fingerprinter)
                    return compare(request.change, payload: payload, current: current, target: target)
                } catch {
                    return .failed(diagnostic(for: error))
                }
            }
        }
    }

    /// Unchanged when every compared key reads as the plan saw it; applied when the target
    /// already holds what the sync would write; otherwise moved, naming the keys that moved.
    private func compare(_ change: Change, payload: SecretsSyncPayload, current: SecretTargetSnapshot, target: any SecretSyncTarget) -> RefreshResponse {
        let now = PlanDigest.of(.object(payload.observed.keys.reduce(into: [String: JSONValue]()) { $0[$1] = .string(current.observed($1)) }))
        let moved = payload.observed.keys.sorted().filter { current.observed($0) != payload.observed[$0] }
        if moved.isEmpty { return .unchanged }
        let settled = payload.set.allSatisfy { key in
            guard let hex = payload.sourceFingerprints[key], let entry = current.keys[key] else { return false }
            return entry.complete && !entry.unreadable && entry.fingerprints.allSatisfy { $0.hex == hex }
        } && payload.remove.allSatisfy { current.keys[$0] == nil }
        if settled { return .alreadyApplied }
        let names = moved.joined(separator: ", ")
        return .moved(now: now, detail: "\(names) changed in \(target.label) since the plan")
    }

    // MARK: - Apply

    package func apply(_ request: ApplyRequest) async -> ApplyResponse {
        await request.decoding(SecretsSyncPayload.self) { payload in
            await withTarget(payload, change: request.change, failure: ApplyResponse.failed) { target, fingerprinter in
                await apply(request.change, payload: payload, target: target, fingerprinter: fingerprinter)
            }
        }
    }

    private func apply(_ change: Change, payload: SecretsSyncPayload, target: any SecretSyncTarget, fingerprinter: SecretFingerprinter) async -> ApplyResponse {
        guard fingerprinter.keyID == payload.fingerprintKeyID else {
            return .failed(Diagnostic(
                message: "cannot apply \(change.id): the plan's fingerprints were made under another fingerprint key",
                hint: "re-run 'opsctl plan' with the same .opsctl/fingerprint.key or OPSCTL_FINGERPRINT_KEY and apply the new plan"))
        }
        do {
            let current = try await target.read(fingerprinter)
            let source: any SecretSource
            switch await sources.open(payload.source, ssmPath: payload.ssmPath, context: context) {
            case .success(let opened): source = opened
            case .failure(let error): return .failed(error.diagnostic)
            }
            let read = try await source.read(names: payload.set)
            var values: [String: String] = [:]
            for secret in read where payload.set.contains(secret.name) {
                redactor.register(secret: secret.value)
                let fingerprint = try fingerprinter.fingerprint(of: secret.value)
                guard fingerprint.hex == payload.sourceFingerprints[secret.name] else {
                    return .failed(Diagnostic(
                        message: "cannot apply \(change.id): the value of \(secret.name) in \(source.label) changed since the plan",
                        hint: "re-run 'opsctl plan' so the new value is reviewed, then apply that plan"))
                }
                // Only keys that still differ are written.
                if current.keys[secret.name]?.state(source: fingerprint) != .inSync { values[secret.name] = secret.value }
            }
            if let absent = payload.set.first(where: { name in !read.contains { $0.name == name } }) {
                return .failed(Diagnostic(message: "cannot apply \(change.id): \(absent) is no longer in \(source.label)",
                                          hint: "restore it in the source, or re-run plan"))
            }
            // Removals exist only in plans made with prune: true for this target.
            let removals = target.prune ? payload.remove.filter { current.keys[$0] != nil } : []
            let detail = try await target.write(set: values, remove: removals, current: current)
            let after = try await target.read(fingerprinter)
            let shown = payload.set + payload.remove
            return .applied(before: SecretsDrift.snapshot(current, keys: shown), after: SecretsDrift.snapshot(after, keys: shown), detail: detail)
        } catch {
            return .failed(diagnostic(for: error))
        }
    }

    /// Runs `body` with the change's target and the fingerprinter, or fails saying why not.
    private func withTarget<Response>(
        _ payload: SecretsSyncPayload, change: Change, failure: (Diagnostic) -> Response,
        _ body: (any SecretSyncTarget, SecretFingerprinter) async -> Response
    ) async -> Response {
        let target: any SecretSyncTarget
        switch payload.target(context: context) {
        case .success(let built): target = built
        case .failure(let missing): return failure(Diagnostic(message: "cannot apply \(change.id): \(missing.message)", hint: missing.suggestedAction))
        }
        switch context.fingerprints.key.fingerprinter() {
        case .success(let fingerprinter): return await body(target, fingerprinter)
        case .failure(let error): return failure(error.diagnostic)
        }
    }

    // MARK: - Reporting

    private func errorCheck(_ id: String, name: String, _ diagnostic: Diagnostic, source: SourceLocation?) -> Check {
        Check(id: id, scope: .secrets, name: name, status: .error, message: redactor.redact(diagnostic.message),
              suggestedAction: diagnostic.hint.map(redactor.redact), source: source)
    }

    func diagnostic(for error: any Error) -> Diagnostic {
        if let error = error as? any DiagnosticError {
            let diagnostic = error.diagnostic
            return Diagnostic(message: redactor.redact(diagnostic.message), hint: diagnostic.hint.map(redactor.redact))
        }
        return Diagnostic(message: redactor.redact("secrets sync failed: \(error)"))
    }
}
