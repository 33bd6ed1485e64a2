import OpsCore

extension GitHubConnector {
    /// Undoes a label or branch protection change by proposing the ordinary change that takes
    /// the object from what GitHub has now back to the before-snapshot, observed as it is now
    /// (so apply's staleness check covers the revert like any change).
    package func planRevert(_ request: RevertRequest) async -> PlanResponse {
        let kind: GitHubChangeKind
        do throws(ChangePayloadError) {
            kind = try GitHubChangeKind.of(Change(id: request.changeID, description: "", risk: .low, before: .null, after: .null, observed: ""))
        } catch {
            return PlanResponse(checks: [request.cannotRevert(error.diagnostic.message)])
        }
        do {
            let response: PlanResponse
            switch kind {
            case .labelCreate, .labelUpdate, .labelDelete:
                response = try await revertLabel(request, kind: kind)
            case .branchProtectionUpdate:
                response = try await revertProtection(request)
            }
            var counted = response
            counted.requestCount = metrics.snapshot().requests
            return counted
        } catch {
            let diagnostic = (error as? any DiagnosticError)?.diagnostic ?? Diagnostic(message: api.client.redactor.redact("GitHub request failed: \(error)"))
            return PlanResponse(checks: [Check(
                id: request.checkID, scope: .github, name: "revert \(request.changeID)", status: .error, message: diagnostic.message,
                suggestedAction: diagnostic.hint)])
        }
    }

    private func snapshot<Snapshot>(_ value: JSONValue, of request: RevertRequest, _ read: (PayloadReader) throws(ChangePayloadError) -> Snapshot) -> Snapshot? {
        guard value != .null else { return nil }
        return try? read(PayloadReader(Change(id: request.changeID, description: "", risk: .low, before: .null, after: .null, observed: "", payload: value)))
    }

    private func revertLabel(_ request: RevertRequest, kind: GitHubChangeKind) async throws -> PlanResponse {
        let before = snapshot(request.before, of: request) { reader throws(ChangePayloadError) in try LabelSnapshot(reader) }
        let after = snapshot(request.after, of: request) { reader throws(ChangePayloadError) in try LabelSnapshot(reader) }
        guard let name = after?.name ?? before?.name else {
            return PlanResponse(checks: [request.cannotRevert("receipt \(request.outcomeSeq) records no label snapshot")])
        }
        let current = try await api.label(named: name)
        if current == before {
            return PlanResponse(checks: [request.check(.pass, "the label '\(name)' is already as it was before receipt \(request.outcomeSeq)")])
        }
        var checks: [Check] = []
        if current != after {
            checks.append(request.check(.warning, "the label '\(name)' changed after receipt \(request.outcomeSeq); the revert replaces those later edits too"))
        }
        let slug = ChangeID.slug(name)
        let change: Change
        switch (current, before) {
        case (let current?, nil):
            let id = GitHubChangeKind.labelDelete.id(name: slug)
            change = Change(
                id: id, description: "delete the label '\(current.name)' (reverting receipt \(request.outcomeSeq), which created it)", risk: .medium,
                before: current.json, after: .null, observed: PlanDigest.of(current.json), payload: GitHubChange.deleteLabel(name: current.name).payload)
        case (let current?, let before?):
            let id = GitHubChangeKind.labelUpdate.id(name: slug)
            change = Change(
                id: id, description: "restore the label '\(before.name)' as it was before receipt \(request.outcomeSeq)", risk: .low,
                before: current.json, after: before.json, observed: PlanDigest.of(current.json),
                payload: GitHubChange.updateLabel(currentName: current.name, to: before).payload)
        case (nil, let before?):
            let id = GitHubChangeKind.labelCreate.id(name: slug)
            change = Change(
                id: id, description: "recreate the label '\(before.name)' deleted in receipt \(request.outcomeSeq)", risk: .low,
                before: .null, after: before.json, observed: PlanDigest.of(JSONValue.null), payload: GitHubChange.createLabel(before).payload)
            // GitHub removes a deleted label from every issue; recreating it cannot put it back.
            checks.append(request.check(.warning, "recreating '\(before.name)' does not put it back on the issues and pull requests it was on"))
        case (nil, nil):
            return PlanResponse(checks: [request.check(.pass, "the label '\(name)' is already gone")])
        }
        checks.append(request.check(.fail, "receipt \(request.outcomeSeq) changed the label '\(name)'; \(change.id) undoes it", changeID: change.id))
        return PlanResponse(checks: checks, changes: [change])
    }

    private func revertProtection(_ request: RevertRequest) async throws -> PlanResponse {
        let branch = request.changeID.name
        guard let before = snapshot(request.before, of: request, { reader throws(ChangePayloadError) in try ProtectionSnapshot(reader) }) else {
            return PlanResponse(checks: [request.cannotRevert(
                "the branch '\(branch)' had no protection before receipt \(request.outcomeSeq), and opsctl does not remove protection; remove it in the repository's settings")])
        }
        let current = try await api.protection(branch: branch)
        if current == before {
            return PlanResponse(checks: [request.check(.pass, "branch protection on '\(branch)' is already as it was before receipt \(request.outcomeSeq)")])
        }
        let id = GitHubChangeKind.branchProtectionUpdate.id(name: branch)
        let observed = current?.json ?? .null
        let change = Change(
            id: id, description: "restore branch protection on '\(branch)' as it was before receipt \(request.outcomeSeq)", risk: .high,
            before: observed, after: before.json, observed: PlanDigest.of(observed), payload: GitHubChange.protectBranch(branch: branch, before).payload)
        return PlanResponse(
            checks: [request.check(.fail, "receipt \(request.outcomeSeq) changed branch protection on '\(branch)'; \(id) undoes it", changeID: id)],
            changes: [change])
    }
}
