import OpsCore

/// Turns what the plan learned about each declared variable into checks and changes; pure,
/// so every rule is tested without a network.
enum VercelEnvReconciler {
    struct Unmanaged: Sendable {
        var checks: [Check]
        var changes: [Change] = []
        var coverage: Coverage
    }

    /// With `prune: [envVars]`, one removal per undeclared variable object (a key may have
    /// several, one per set of targets); each is destructive, so it always needs approval.
    static func prune(declared: [VercelDesiredEnv], remote: [VercelRemoteEnv]) -> Unmanaged {
        let keys = Set(declared.map(\.key))
        let undeclared = remote.filter { !keys.contains($0.key) }.sorted { ($0.key, $0.id) < ($1.key, $1.id) }
        let counts = VercelEnvName.counts(of: undeclared.lazy.map(\.key))
        var result = Unmanaged(checks: [], coverage: unmanaged(declared: declared, remote: remote).coverage)
        for env in undeclared {
            let name = VercelEnvName.name(key: env.key, targets: env.targets, counts: counts)
            let id = VercelChangeKind.envRemove.id(name: name)
            let before = VercelEnvSnapshot.observed(env, valueFingerprint: nil)
            result.changes.append(Change(
                id: id,
                description: "remove \(env.key) for \(VercelTargets.describe(env.targets)), which desired-state.yaml does not declare (prune: [envVars])",
                risk: .medium, before: before, after: .null, observed: PlanDigest.of(before),
                payload: VercelChange.remove(envID: env.id, key: env.key).removalPayload ?? .null
            ))
            result.checks.append(Check(
                id: "vercel.env.\(name)", scope: .vercel, name: "env var \(env.key)", status: .fail,
                message: "\(env.key) is not declared and prune is on", changeID: id
            ))
        }
        return result
    }

    /// Variables whose key desired-state.yaml never names, one check per key, and how many of
    /// the project's variables are declared.
    static func unmanaged(declared: [VercelDesiredEnv], remote: [VercelRemoteEnv]) -> Unmanaged {
        let keys = Set(declared.map(\.key))
        let undeclared = Dictionary(grouping: remote.filter { !keys.contains($0.key) }, by: \.key)
        let checks = undeclared.keys.sorted().map { key in
            let count = undeclared[key]?.count ?? 0
            return Check.unmanaged(
                .vercel, resource: "env", name: key, collection: "env vars",
                description: count == 1 ? "the variable \(key)" : "the variable \(key) (\(count) entries)"
            )
        }
        let managed = remote.count - undeclared.values.reduce(0) { $0 + $1.count }
        return Unmanaged(checks: checks, coverage: Coverage(scope: .vercel, collection: "env vars", managed: managed, total: remote.count))
    }

    /// Every declared variable's check and change, in declaration order. `probed` holds the
    /// assessments of the variables whose value was read; the others are judged on their match
    /// alone, read where they lie in `desired` and `matches`: an assessment made for each copied
    /// its variable and its match, 3% of a 10,000-variable plan (docs/performance.md).
    static func reconcile(desired: [VercelDesiredEnv], matches: [VercelEnvMatch], probed: [Int: VercelEnvAssessment]) -> ([Check], [Change]) {
        var checks: [Check] = []
        checks.reserveCapacity(desired.count)
        var changes: [Change] = []
        for index in desired.indices {
            let (check, change) = if !probed.isEmpty, let assessment = probed[index] {
                reconcile(assessment)
            } else {
                reconcile(desired[index], matches[index], findings: .matchOnly)
            }
            checks.append(check)
            if let change { changes.append(change) }
        }
        return (checks, changes)
    }

    static func reconcile(_ assessment: VercelEnvAssessment) -> (Check, Change?) {
        reconcile(assessment.desired, assessment.match, findings: assessment.findings)
    }

    private static func reconcile(_ desired: VercelDesiredEnv, _ match: VercelEnvMatch, findings: VercelEnvAssessment.Findings) -> (Check, Change?) {
        let targets = VercelTargets.describe(desired.targets)
        func check(_ status: CheckStatus, _ message: String, action: String? = nil, change: ChangeID? = nil) -> Check {
            Check(
                id: desired.checkID, scope: .vercel, name: desired.checkName, status: status, message: message,
                suggestedAction: action, changeID: change, source: desired.declaration.location
            )
        }
        if let failure = findings.readFailure {
            return (check(.error, "cannot read the value of \(desired.key) from Vercel: \(failure.message)", action: failure.hint), nil)
        }
        switch match {
        case .missing:
            guard let valueFrom = desired.valueFrom else {
                return (check(
                    .fail, "\(desired.key) does not exist for \(targets)",
                    action: "add 'valueFrom: env:\(desired.key)' to this entry so opsctl can create it, or create the variable in Vercel"
                ), nil)
            }
            let id = desired.changeID(.envAdd)
            let payload = VercelEnvPayload(
                key: desired.key, targets: desired.targets, type: desired.type, valueFrom: valueFrom.description,
                writesValue: true, fingerprint: findings.desiredFingerprint
            )
            let change = Change(
                id: id,
                description: "add \(desired.key) for \(targets) (type \(desired.type), value from \(valueFrom))",
                risk: .medium,
                before: .null,
                after: VercelEnvSnapshot.shown(key: desired.key, targets: desired.targets, type: desired.type, value: sensitiveMarker),
                observed: PlanDigest.of(JSONValue.null),
                payload: payload.json,
                source: desired.declaration.location
            )
            return (check(.fail, "\(desired.key) does not exist for \(targets)", change: id), change)

        case .split(let parts):
            let pieces = parts.map { VercelTargets.describe($0.targets) }.joined(separator: "; ")
            return (check(
                .fail,
                "\(desired.key) is split across \(parts.count) variables in Vercel (\(pieces)) where desired-state.yaml declares one for \(targets)",
                action: "merge them into one variable in Vercel, or declare one entry per set of targets, then re-run plan"
            ), nil)

        case .shared(let remote, let names):
            return (check(
                .fail,
                "one Vercel variable \(desired.key) covers \(VercelTargets.describe(remote.targets)), which desired-state.yaml splits across \(names.count) entries",
                action: "edit that variable's targets in Vercel to match one entry, then re-run plan so opsctl adds the others"
            ), nil)

        case .found(let remote):
            return reconcileFound(desired, findings, remote: remote, targets: targets, check: check)
        }
    }

    /// `targets` is the declared targets as the messages name them, described once an entry.
    private static func reconcileFound(
        _ desired: VercelDesiredEnv,
        _ findings: VercelEnvAssessment.Findings,
        remote: VercelRemoteEnv,
        targets: String,
        check: (CheckStatus, String, String?, ChangeID?) -> Check
    ) -> (Check, Change?) {
        let value = findings.value
        var differences: [String] = []
        if !VercelTargets.sameTargets(remote.targets, desired.targets) {
            differences.append("targets \(VercelTargets.describe(remote.targets)) → \(targets)")
        }
        if remote.type != desired.type { differences.append("type \(remote.type) → \(desired.type)") }
        if value.needsWrite { differences.append("value \(value.marker)") }

        // Every variable of a plan has these texts: concatenated, not interpolated (`String(concatenating:)`).
        let label = String(concatenating: desired.key, " (", targets, ")")
        guard !differences.isEmpty else {
            switch value {
            case .notCompared(let reason):
                return (check(
                    .warning, "\(label) matches, but its value was not compared: \(reason)",
                    "make \(desired.valueFrom?.description ?? "the valueFrom source") readable to plan so the value is compared", nil
                ), nil)
            case .unmanaged:
                return (check(.pass, String(concatenating: label, " matches (type ", desired.type, "; its value is not managed: no valueFrom)"), nil, nil), nil)
            default:
                return (check(.pass, String(concatenating: label, " matches (type ", desired.type, ", value ", value.marker, ")"), nil, nil), nil)
            }
        }

        var summary = differences
        if !value.needsWrite, value == .unchanged { summary.append("value \(value.marker)") }
        let id = desired.changeID(.envUpdate)
        // An unchanged value shows the same marker on both sides, so the diff has no value line
        // and the description says it; a value to write shows `(sensitive) → (sensitive, changed)`.
        let beforeValue = value == .unchanged ? value.marker : sensitiveMarker
        let payload = VercelEnvPayload(
            key: desired.key, targets: desired.targets, type: desired.type, valueFrom: desired.valueFrom?.description,
            envID: remote.id, writesValue: value.needsWrite, observesValue: findings.observesValue,
            valueVerified: value == .unchanged, fingerprint: findings.desiredFingerprint
        )
        var reason = ""
        if case .unverified(let why) = value { reason = " (\(why))" }
        let change = Change(
            id: id,
            description: "update \(desired.key): \(summary.joined(separator: "; "))\(reason)",
            risk: .medium,
            before: VercelEnvSnapshot.shown(remote, value: beforeValue),
            after: VercelEnvSnapshot.shown(key: desired.key, targets: desired.targets, type: desired.type, value: value.marker),
            observed: PlanDigest.of(VercelEnvSnapshot.observed(remote, valueFingerprint: findings.remoteFingerprint)),
            payload: payload.json,
            source: desired.declaration.location
        )
        return (check(.fail, "\(desired.key) differs: \(differences.joined(separator: "; "))\(reason)", nil, id), change)
    }
}
