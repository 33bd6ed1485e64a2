/// The plan file's JSON shape (format 1). This is the only code that knows field names on
/// disk; everything else works with `Plan` values.
enum PlanWireFormat {
    static func digestedFields(of change: Change) -> JSONValue {
        .object([
            "id": .string(change.id.description),
            "kind": .string(change.kind),
            "scope": .string(change.scope.rawValue),
            "action": .string(change.action),
            "risk": .string(change.risk.rawValue),
            "hazards": .array(change.hazards.map { .string($0.rawValue) }),
            "before": change.before,
            "after": change.after,
            "observed": .string(change.observed),
            "payload": change.payload,
        ])
    }

    static func encode(_ change: Change) -> JSONValue {
        guard case .object(var members) = digestedFields(of: change) else { return .null }
        members["description"] = .string(change.description)
        members["requiresApproval"] = .bool(change.requiresApproval)
        members["approvers"] = .array(change.approvers.map(JSONValue.string))
        members["digest"] = .string(PlanDigest.of(change))
        if let source = change.source { members["source"] = .string(encodeSource(source)) }
        return .object(members)
    }

    static func encode(_ check: Check) -> JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(check.id),
            "scope": .string(check.scope.rawValue),
            "name": .string(check.name),
            "status": .string(check.status.rawValue),
            "message": .string(check.message),
        ]
        if let action = check.suggestedAction { members["suggestedAction"] = .string(action) }
        if let changeID = check.changeID { members["changeId"] = .string(changeID.description) }
        if let source = check.source { members["source"] = .string(encodeSource(source)) }
        return .object(members)
    }

    static func encode(_ summary: PlanSummary) -> JSONValue {
        .object([
            "toAdd": .int(summary.toAdd),
            "toChange": .int(summary.toChange),
            "toDestroy": .int(summary.toDestroy),
            "awaitingApproval": .int(summary.awaitingApproval),
            "requests": .int(summary.requests),
            "checks": .object(Dictionary(uniqueKeysWithValues: CheckStatus.allCases.map {
                ($0.rawValue, JSONValue.int(summary.checksByStatus[$0] ?? 0))
            })),
        ])
    }

    static func encodeWithoutDigest(_ plan: Plan) -> JSONValue {
        .object([
            "formatVersion": .string(Plan.formatVersion),
            "opsctlVersion": .string(plan.opsctlVersion),
            "createdAt": .string(plan.createdAt),
            "createdBy": .string(plan.createdBy),
            "scope": .array(plan.scope.map { .string($0.rawValue) }),
            "inputs": .array(plan.inputs.map {
                .object(["role": .string($0.role), "path": .string($0.path), "sha256": .string($0.sha256)])
            }),
            "checks": .array(plan.checks.map(encode)),
            "changes": .array(plan.changes.map(encode)),
            "summary": encode(plan.summary),
            "coverage": .array(plan.coverage.map {
                .object(["scope": .string($0.scope.rawValue), "collection": .string($0.collection), "managed": .int($0.managed), "total": .int($0.total)])
            }),
        ])
    }

    /// The file's whole content: `withoutDigest` (as `encodeWithoutDigest` made it) and its digest.
    static func adding(digest: String, to withoutDigest: JSONValue) -> JSONValue {
        guard case .object(var members) = withoutDigest else { return .null }
        members["digest"] = .string(digest)
        return .object(members)
    }

    /// `file:line:column`, so CI annotations can point at the entry.
    static func encodeSource(_ location: SourceLocation) -> String {
        "\(location.file):\(location.line):\(location.column)"
    }

    static func decodeSource(_ text: String) -> SourceLocation? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, let line = Int(parts[parts.count - 2]), let column = Int(parts[parts.count - 1]) else {
            return nil
        }
        return SourceLocation(file: parts.dropLast(2).joined(separator: ":"), line: line, column: column)
    }
}
