import Foundation
import OpsCore

/// Environment variables and crons of one Vercel project (docs/services/vercel.md).
///
/// Values are never part of a plan: the plan compares keyed fingerprints (see
/// `VercelValueProbe`), and apply reads each value from its `valueFrom` reference through
/// `ApplyRequest.secrets`, sends it, and records only its fingerprint.
package struct VercelConnector: Connector {
    package static let tokenVariable = "OPS_VERCEL_TOKEN"
    package static let projectVariable = "OPS_VERCEL_PROJECT_ID"
    package static let teamVariable = "OPS_VERCEL_TEAM_ID"
    package static let baseURLVariable = "OPS_VERCEL_API_URL"

    package let scope = ServiceScope.vercel
    let api: VercelAPI
    let metrics: HTTPMetrics
    let probe: VercelValueProbe

    package static func make(context: ConnectorContext) -> Result<any Connector, MissingCredentials> {
        api(context: context).map { api in
            let probe = VercelValueProbe(api: api, fingerprints: context.fingerprints, redactor: context.redactor)
            return VercelConnector(api: api, metrics: api.client.metrics, probe: probe)
        }
    }

    /// The project's API from `OPS_VERCEL_TOKEN`, `OPS_VERCEL_PROJECT_ID` and the optional team,
    /// shared with the secrets scope's Vercel target.
    static func api(context: ConnectorContext) -> Result<VercelAPI, MissingCredentials> {
        context.settings(secrets: [tokenVariable], plain: [projectVariable]).flatMap { settings in
            let base = context.baseURL(scope: .vercel, overrideVariable: baseURLVariable, defaultURL: "https://api.vercel.com")
            guard let url = URL(string: base), url.scheme == "http" || url.scheme == "https" else {
                return .failure(MissingCredentials(variables: [baseURLVariable], problem: "the Vercel API URL '\(base)' is not an http(s) URL"))
            }
            let client = ServiceHTTPClient(
                configuration: .vercel(baseURL: url, token: settings[tokenVariable]),
                redactor: context.redactor,
                metrics: HTTPMetrics(),
                observer: HTTPRequestLog.observer(for: context)
            )
            let team = context.environment[teamVariable].flatMap { $0.isEmpty ? nil : $0 }
            return .success(VercelAPI(client: client, projectID: settings[projectVariable] ?? "", teamID: team))
        }
    }

    // MARK: - Plan

    package func plan(_ request: PlanRequest) async -> PlanResponse {
        guard let desired = request.desired.vercel else { return PlanResponse() }
        // Values are read (and so registered with the redactor) before any request goes out,
        // so no response can echo one that the redactor does not know yet.
        let declared = VercelDesiredEnv.named(desired.envVars)
        var wanted: [Result<SecretFingerprint, SecretFingerprintError>?] = []
        for entry in declared { wanted.append(await probe.desiredFingerprint(entry)) }
        async let cronChecks = planCrons(desired.crons)
        // The env part in this task rather than in an `async let`, whose storage would keep a
        // second reference to its checks: appending to them, even nothing, then copied each
        // of them (`+` copied them all into a new array too).
        var envs = await planEnvVars(declared, wanted: wanted, prune: desired.prune.contains(.envVars))
        envs.checks.append(contentsOf: await cronChecks)
        return PlanResponse(
            checks: envs.checks, changes: envs.changes, requestCount: metrics.snapshot().requests,
            coverage: envs.coverage.map { [$0] } ?? []
        )
    }

    /// Checks and changes of the env part, in a named struct (see `Planner` on tuples).
    struct EnvPlan: Sendable {
        var checks: [Check]
        var changes: [Change]
        var coverage: Coverage?
    }

    private struct IndexedAssessment: Sendable {
        var index: Int
        var assessment: VercelEnvAssessment
    }

    private func planEnvVars(_ desired: [VercelDesiredEnv], wanted: [Result<SecretFingerprint, SecretFingerprintError>?], prune: Bool) async -> EnvPlan {
        guard !desired.isEmpty || prune else { return EnvPlan(checks: [], changes: []) }
        let remote: [VercelRemoteEnv]
        do {
            remote = try await api.listEnvs()
        } catch {
            return EnvPlan(checks: [apiErrorCheck(id: "vercel.env", name: "env vars", error: error)], changes: [])
        }
        let matches = VercelEnvMatcher.match(desired, remote: remote)
        let probe = probe
        // Without `valueFrom` there is no value to compare, so the match is the whole
        // assessment and no task is needed (10,000 tasks cost more than the comparisons).
        let probed = await withTaskGroup(of: IndexedAssessment.self, returning: [IndexedAssessment].self) { group in
            for index in desired.indices where wanted[index] != nil {
                group.addTask {
                    IndexedAssessment(index: index, assessment: await probe.assess(desired[index], matches[index], wanted: wanted[index]))
                }
            }
            var collected: [IndexedAssessment] = []
            for await item in group { collected.append(item) }
            return collected
        }
        var probedAt: [Int: VercelEnvAssessment] = [:]
        probedAt.reserveCapacity(probed.count)
        for item in probed { probedAt[item.index] = item.assessment }
        var (checks, changes) = VercelEnvReconciler.reconcile(desired: desired, matches: matches, probed: probedAt)
        let unmanaged = prune
            ? VercelEnvReconciler.prune(declared: desired, remote: remote)
            : VercelEnvReconciler.unmanaged(declared: desired, remote: remote)
        checks.append(contentsOf: unmanaged.checks)
        changes.append(contentsOf: unmanaged.changes)
        return EnvPlan(checks: checks, changes: changes, coverage: unmanaged.coverage)
    }

    private func planCrons(_ desired: [VercelCron]) async -> [Check] {
        guard !desired.isEmpty else { return [] }
        do {
            return VercelCronReconciler.checks(desired: desired, deployed: try await api.project().crons)
        } catch {
            return [apiErrorCheck(id: "vercel.crons", name: "crons", error: error)]
        }
    }

    // MARK: - Refresh

    package func refresh(_ request: RefreshRequest) async -> RefreshResponse {
        await request.decoding(VercelChange.self) { await refresh(request.change, payload: $0) }
    }

    package func apply(_ request: ApplyRequest) async -> ApplyResponse {
        await request.decoding(VercelChange.self) { await apply(request.change, payload: $0, request: request) }
    }

    func refresh(_ change: Change, payload: VercelChange) async -> RefreshResponse {
        do {
            let envs = try await api.listEnvs()
            switch payload {
            case .add(let env): return try await refreshAdd(change, payload: env, envs: envs)
            case .update(let env, let envID): return try await refreshUpdate(change, payload: env, envID: envID, envs: envs)
            case .remove(let envID, _):
                let current = envs.first { $0.id == envID }
                return .comparing(change, with: current.map { VercelEnvSnapshot.observed($0, valueFingerprint: nil) } ?? .null)
            }
        } catch {
            return .failed(diagnostic(for: error))
        }
    }

    private func refreshAdd(_ change: Change, payload: VercelEnvPayload, envs: [VercelRemoteEnv]) async throws -> RefreshResponse {
        let overlapping = envs.filter { $0.key == payload.key && !$0.isScopedBeyondTargets && $0.overlaps(payload.targets) }
        guard let existing = overlapping.first else { return .unchanged }
        if overlapping.count == 1, Set(existing.targets) == Set(payload.targets), existing.type == payload.type,
            let planned = payload.fingerprint, try await currentFingerprint(of: existing) == planned
        {
            return .alreadyApplied
        }
        return .moved(
            now: PlanDigest.of(VercelEnvSnapshot.observed(existing, valueFingerprint: nil)),
            detail: "\(payload.key) was created for \(VercelTargets.describe(existing.targets)) by someone else"
        )
    }

    private func refreshUpdate(_ change: Change, payload: VercelEnvPayload, envID: String, envs: [VercelRemoteEnv]) async throws -> RefreshResponse {
        guard let current = envs.first(where: { $0.id == envID }) else {
            return .moved(now: PlanDigest.of(JSONValue.null), detail: "it was deleted")
        }
        let fingerprint = payload.observesValue ? try await currentFingerprint(of: current) : nil
        let settled = Set(current.targets) == Set(payload.targets) && current.type == payload.type
        if settled, !payload.writesValue || (fingerprint != nil && fingerprint == payload.fingerprint) {
            return .alreadyApplied
        }
        let now = PlanDigest.of(VercelEnvSnapshot.observed(current, valueFingerprint: fingerprint))
        if now == change.observed { return .unchanged }
        return .moved(now: now, detail: describeMove(from: change.before, to: current))
    }

    /// The fingerprint of a readable remote value, read the way the plan read it.
    private func currentFingerprint(of remote: VercelRemoteEnv) async throws -> SecretFingerprint? {
        guard remote.valueIsReadable, let value = try await probe.readValue(remote) else { return nil }
        return try probe.fingerprints.fingerprint(value: value, redactor: probe.redactor).get()
    }

    private func describeMove(from before: JSONValue, to now: VercelRemoteEnv) -> String {
        var moved: [String] = []
        if before["targets"]?.arrayValue?.compactMap(\.stringValue).sorted() != now.targets.sorted() { moved.append("its targets") }
        if before["type"]?.stringValue != now.type { moved.append("its type") }
        if moved.isEmpty { return "its value or settings were edited since plan" }
        return "\(moved.joined(separator: " and ")) changed"
    }

    // MARK: - Apply

    func apply(_ change: Change, payload: VercelChange, request: ApplyRequest) async -> ApplyResponse {
        let env: VercelEnvPayload
        switch payload {
        case .add(let declared), .update(let declared, _):
            env = declared
        case .remove(let envID, let key):
            do {
                try await api.deleteEnv(envID: envID)
                return .applied(before: change.before, after: .null, detail: "removed \(key) (\(envID))")
            } catch {
                return .failed(diagnostic(for: error))
            }
        }
        let targets = VercelTargets.describe(env.targets)
        do {
            switch payload {
            case .remove:
                preconditionFailure("handled above")
            case .add:
                guard let reference = env.valueFrom else { throw VercelConnectorError.noValueSource(change.id) }
                let read = try await readValue(reference, for: change, payload: env, secrets: request.secrets)
                let created = try await api.createEnv(key: env.key, value: read.value, type: env.type, targets: env.targets)
                return .applied(
                    before: .null,
                    after: VercelEnvSnapshot.applied(created, fingerprint: read.fingerprint),
                    detail: "added \(env.key) for \(targets)"
                )
            case .update(_, let envID):
                var value: String?
                var fingerprint: SecretFingerprint?
                if env.writesValue {
                    guard let reference = env.valueFrom else { throw VercelConnectorError.noValueSource(change.id) }
                    let read = try await readValue(reference, for: change, payload: env, secrets: request.secrets)
                    value = read.value
                    fingerprint = read.fingerprint
                } else if env.valueVerified {
                    // The plan saw this very value and refresh saw nothing move since.
                    fingerprint = env.fingerprint
                }
                let edited = try await api.editEnv(envID: envID, targets: env.targets, type: env.type, value: value)
                return .applied(
                    before: change.before,
                    after: VercelEnvSnapshot.applied(edited, fingerprint: fingerprint),
                    detail: "updated \(env.key) for \(targets)\(value == nil ? "" : " with a new value")"
                )
            }
        } catch {
            return .failed(diagnostic(for: error))
        }
    }

    /// A value read at apply time, with its fingerprint when a key is at hand.
    private struct ReadValue {
        var value: String
        var fingerprint: SecretFingerprint?
    }

    /// Reads the value behind `reference` and checks it is the one the plan fingerprinted:
    /// an approval was given for that value, not for whatever the variable holds now.
    private func readValue(_ reference: String, for change: Change, payload: VercelEnvPayload, secrets: SecretResolver) async throws -> ReadValue {
        let value = try await secrets.value(for: reference).get()
        probe.redactor.register(secret: value)
        switch probe.fingerprints.key.fingerprinter() {
        case .failure(let error):
            if payload.fingerprint != nil { throw VercelConnectorError.fingerprintUnavailable(change.id, error) }
            return ReadValue(value: value, fingerprint: nil)
        case .success(let fingerprinter):
            let fingerprint = try fingerprinter.fingerprint(of: value)
            if let planned = payload.fingerprint {
                guard planned.keyID == fingerprint.keyID else {
                    throw VercelConnectorError.fingerprintKeyChanged(change.id, planned: planned.keyID, current: fingerprint.keyID)
                }
                guard planned.hex == fingerprint.hex else { throw VercelConnectorError.valueChangedSincePlan(change.id, reference: reference) }
            }
            return ReadValue(value: value, fingerprint: fingerprint)
        }
    }

    // MARK: - Reporting

    private func apiErrorCheck(id: String, name: String, error: any Error) -> Check {
        let diagnostic = diagnostic(for: error)
        return Check(id: id, scope: .vercel, name: name, status: .error, message: diagnostic.message, suggestedAction: diagnostic.hint)
    }

    private func diagnostic(for error: any Error) -> Diagnostic {
        if let error = error as? any DiagnosticError {
            let diagnostic = error.diagnostic
            return Diagnostic(message: probe.redactor.redact(diagnostic.message), hint: diagnostic.hint.map(probe.redactor.redact))
        }
        return Diagnostic(message: probe.redactor.redact("Vercel request failed: \(error)"))
    }
}
