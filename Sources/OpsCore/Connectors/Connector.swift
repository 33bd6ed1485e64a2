/// One service behind one protocol (terraform's provider interface, reduced to what
/// opsctl needs): read and compare, re-read one object, apply one change. Each operation
/// takes a request value and returns a response value that carries its own diagnostics,
/// so a failing service never throws past the planner.
package protocol Connector: Sendable {
    var scope: ServiceScope { get }
    func plan(_ request: PlanRequest) async -> PlanResponse
    func refresh(_ request: RefreshRequest) async -> RefreshResponse
    func apply(_ request: ApplyRequest) async -> ApplyResponse
    /// Applies several ready changes of this scope at once, one response per change in order.
    /// Most connectors apply one by one (the default); a connector whose changes belong
    /// together (database changes become one migration) overrides this.
    func apply(batch: ApplyBatchRequest) async -> [ApplyResponse]
    /// Proposes the changes that undo one applied change (`plan --revert`), compared with the
    /// service as it is now. What cannot be restored is a failing check that says so.
    func planRevert(_ request: RevertRequest) async -> PlanResponse
    /// Starts the reads a plan makes whatever desired-state.yaml says (a listing's first page),
    /// so that they travel while the file is still being read; `plan` then uses what they
    /// bring. Calling it is optional, and most connectors have nothing to start.
    func startReading()
    /// Told of each list this connector's section declares, as soon as the parse has counted
    /// it and before the file is decoded (after `startReading` with `plan --scope`; without
    /// it, instead of it): the pages of a listing that count fills can be asked for then. A
    /// hint only; `plan` compares with the decoded desired state.
    func continueReading(declared list: DeclaredList)
}

extension Connector {
    package func startReading() {}
    package func continueReading(declared list: DeclaredList) {}
}

extension Connector {
    package func apply(batch: ApplyBatchRequest) async -> [ApplyResponse] {
        var responses: [ApplyResponse] = []
        for change in batch.changes {
            responses.append(await apply(ApplyRequest(change: change, secrets: batch.secrets, settings: batch.settings)))
        }
        return responses
    }
}

extension Connector {
    /// Connectors that cannot undo their changes say so, as a failing check naming the
    /// receipt whose before-snapshot a person can restore by hand.
    package func planRevert(_ request: RevertRequest) async -> PlanResponse {
        PlanResponse(checks: [request.cannotRevert(
            "the \(scope.rawValue) connector cannot undo \(request.changeID.kind) changes; restore the before-snapshot in receipt \(request.outcomeSeq) by hand"
        )])
    }
}

/// One applied change to undo: its ID and the snapshots its outcome receipt recorded.
package struct RevertRequest: Sendable {
    package var changeID: ChangeID
    package var before: JSONValue
    package var after: JSONValue
    package var outcomeSeq: Int

    package init(changeID: ChangeID, before: JSONValue, after: JSONValue, outcomeSeq: Int) {
        self.changeID = changeID
        self.before = before
        self.after = after
        self.outcomeSeq = outcomeSeq
    }

    /// The check every revert reports about its change, under one ID per reverted change.
    package var checkID: String { "\(changeID.scope.rawValue).revert.\(changeID.resource).\(changeID.name)" }

    package func check(_ status: CheckStatus, _ message: String, changeID: ChangeID? = nil) -> Check {
        Check(id: checkID, scope: self.changeID.scope, name: "revert \(self.changeID)", status: status, message: message, changeID: changeID)
    }

    package func cannotRevert(_ reason: String) -> Check {
        check(.fail, "\(self.changeID) cannot be reverted: \(reason)")
    }
}

/// What policy says about how changes are carried out, as far as connectors need to know.
package struct ApplySettings: Sendable, Equatable {
    /// Approved SQL runs in one transaction instead of arriving as a pull request.
    package var directDatabaseApply: Bool
    /// Index builds on existing tables run concurrently, after the migration's transaction.
    package var concurrentIndexBuilds: Bool

    package init(directDatabaseApply: Bool = false, concurrentIndexBuilds: Bool = false) {
        self.directDatabaseApply = directDatabaseApply
        self.concurrentIndexBuilds = concurrentIndexBuilds
    }
}

package struct ApplyBatchRequest: Sendable {
    package var changes: [Change]
    package var secrets: SecretResolver
    package var settings: ApplySettings

    package init(changes: [Change], secrets: SecretResolver, settings: ApplySettings = ApplySettings()) {
        self.changes = changes
        self.secrets = secrets
        self.settings = settings
    }
}

package struct PlanRequest: Sendable {
    package var desired: DesiredState

    package init(desired: DesiredState) {
        self.desired = desired
    }
}

package struct PlanResponse: Sendable {
    package var checks: [Check]
    package var changes: [Change]
    /// HTTP requests the connector made, for `plan`'s report and the benchmark.
    package var requestCount: Int
    /// Per collection read, how many remote objects are declared.
    package var coverage: [Coverage]

    package init(checks: [Check] = [], changes: [Change] = [], requestCount: Int = 0, coverage: [Coverage] = []) {
        self.checks = checks
        self.changes = changes
        self.requestCount = requestCount
        self.coverage = coverage
    }

    /// Adds `other`'s checks, changes, requests and coverage after these. An array still empty
    /// takes `other`'s whole: appended to an empty array, with `other` still holding them, each
    /// check was copied and the copies kept beside the originals (docs/performance.md).
    package mutating func append(_ other: PlanResponse) {
        if checks.isEmpty { checks = other.checks } else { checks += other.checks }
        if changes.isEmpty { changes = other.changes } else { changes += other.changes }
        coverage += other.coverage
        requestCount += other.requestCount
    }
}

package struct RefreshRequest: Sendable {
    package var change: Change

    package init(change: Change) {
        self.change = change
    }
}

package enum RefreshResponse: Sendable, Equatable {
    /// The remote object still matches what the plan observed.
    case unchanged
    /// The remote object already looks the way the change would make it.
    case alreadyApplied
    /// The remote object moved since the plan; `now` is its current fingerprint.
    case moved(now: String, detail: String)
    case failed(Diagnostic)
}

package struct ApplyRequest: Sendable {
    package var change: Change
    /// Reads secret values (`env:NAME`, `ssm:/path`) at apply time; values never enter the plan.
    package var secrets: SecretResolver
    package var settings: ApplySettings

    package init(change: Change, secrets: SecretResolver, settings: ApplySettings = ApplySettings()) {
        self.change = change
        self.secrets = secrets
        self.settings = settings
    }
}

package enum ApplyResponse: Sendable, Equatable {
    /// Applied; `before` and `after` are snapshots with secrets masked, for rollback by hand.
    case applied(before: JSONValue, after: JSONValue, detail: String)
    /// Handed to someone else to carry out (a migration pull request): nothing changed yet,
    /// and a later plan tells when it did. `location` says where it waits (the URL).
    case proposed(location: String, detail: String)
    case failed(Diagnostic)
}

extension ChangePayload {
    /// Decodes the change's payload, the one place a connector reads it from the plan, and
    /// hands it on; a payload that cannot be read becomes `failure` with an error naming it.
    static func decoding<Response>(
        _ change: Change, failure: (Diagnostic) -> Response, _ body: (Self) async -> Response
    ) async -> Response {
        let payload: Self
        do throws(ChangePayloadError) {
            payload = try Self(change: change)
        } catch {
            return failure(error.diagnostic)
        }
        return await body(payload)
    }
}

extension RefreshRequest {
    package func decoding<Payload: ChangePayload>(_ type: Payload.Type, _ body: (Payload) async -> RefreshResponse) async -> RefreshResponse {
        await Payload.decoding(change, failure: RefreshResponse.failed, body)
    }
}

extension ApplyRequest {
    package func decoding<Payload: ChangePayload>(_ type: Payload.Type, _ body: (Payload) async -> ApplyResponse) async -> ApplyResponse {
        await Payload.decoding(change, failure: ApplyResponse.failed, body)
    }
}

/// Resolves `valueFrom` references when a change is applied.
package struct SecretResolver: Sendable {
    private let resolve: @Sendable (String) async -> Result<String, SecretResolutionError>

    package init(_ resolve: @escaping @Sendable (String) async -> Result<String, SecretResolutionError>) {
        self.resolve = resolve
    }

    package func value(for reference: String) async -> Result<String, SecretResolutionError> {
        await resolve(reference)
    }
}

package struct SecretResolutionError: DiagnosticError, Equatable {
    package var reference: String
    package var reason: String
    package var hint: String?

    package init(reference: String, reason: String, hint: String? = nil) {
        self.reference = reference
        self.reason = reason
        self.hint = hint
    }

    package var diagnostic: Diagnostic {
        Diagnostic(message: "cannot read the secret '\(reference)': \(reason)", hint: hint)
    }
}

/// A connector that only audits: its plans carry checks, never changes, so a change reaching
/// refresh or apply did not come from it and is refused, in the connector's own words.
package protocol ReadOnlyConnector: Connector {
    func readOnlyRefusal(_ id: ChangeID) -> Diagnostic
}

extension ReadOnlyConnector {
    package func refresh(_ request: RefreshRequest) async -> RefreshResponse {
        .failed(readOnlyRefusal(request.change.id))
    }

    package func apply(_ request: ApplyRequest) async -> ApplyResponse {
        .failed(readOnlyRefusal(request.change.id))
    }
}
