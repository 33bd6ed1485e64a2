/// One service behind one protocol (terraform's provider interface, reduced to what
/// opsctl needs): read and compare, re-read one object, apply one change. Each operation
/// takes a request value and returns a response value that carries its own diagnostics,
/// so a failing service never throws past the planner.
public protocol Connector: Sendable {
    var scope: ServiceScope { get }
    func plan(_ request: PlanRequest) async -> PlanResponse
    func refresh(_ request: RefreshRequest) async -> RefreshResponse
    func apply(_ request: ApplyRequest) async -> ApplyResponse
    /// Applies several ready changes of this scope at once, one response per change in order.
    /// Most connectors apply one by one (the default); a connector whose changes belong
    /// together (database changes become one migration) overrides this.
    func apply(batch: ApplyBatchRequest) async -> [ApplyResponse]
}

extension Connector {
    public func apply(batch: ApplyBatchRequest) async -> [ApplyResponse] {
        var responses: [ApplyResponse] = []
        for change in batch.changes {
            responses.append(await apply(ApplyRequest(change: change, secrets: batch.secrets, settings: batch.settings)))
        }
        return responses
    }
}

/// What policy says about how changes are carried out, as far as connectors need to know.
public struct ApplySettings: Sendable, Equatable {
    /// Approved SQL runs in one transaction instead of arriving as a pull request.
    public var directDatabaseApply: Bool

    public init(directDatabaseApply: Bool = false) {
        self.directDatabaseApply = directDatabaseApply
    }
}

public struct ApplyBatchRequest: Sendable {
    public var changes: [Change]
    public var secrets: SecretResolver
    public var settings: ApplySettings

    public init(changes: [Change], secrets: SecretResolver, settings: ApplySettings = ApplySettings()) {
        self.changes = changes
        self.secrets = secrets
        self.settings = settings
    }
}

public struct PlanRequest: Sendable {
    public var desired: DesiredState

    public init(desired: DesiredState) {
        self.desired = desired
    }
}

public struct PlanResponse: Sendable {
    public var checks: [Check]
    public var changes: [Change]
    /// HTTP requests the connector made, for `plan`'s report and the benchmark.
    public var requestCount: Int
    /// Per collection read, how many remote objects are declared.
    public var coverage: [Coverage]

    public init(checks: [Check] = [], changes: [Change] = [], requestCount: Int = 0, coverage: [Coverage] = []) {
        self.checks = checks
        self.changes = changes
        self.requestCount = requestCount
        self.coverage = coverage
    }
}

public struct RefreshRequest: Sendable {
    public var change: Change

    public init(change: Change) {
        self.change = change
    }
}

public enum RefreshResponse: Sendable, Equatable {
    /// The remote object still matches what the plan observed.
    case unchanged
    /// The remote object already looks the way the change would make it.
    case alreadyApplied
    /// The remote object moved since the plan; `now` is its current fingerprint.
    case moved(now: String, detail: String)
    case failed(Diagnostic)
}

public struct ApplyRequest: Sendable {
    public var change: Change
    /// Reads secret values (`env:NAME`, `ssm:/path`) at apply time; values never enter the plan.
    public var secrets: SecretResolver
    public var settings: ApplySettings

    public init(change: Change, secrets: SecretResolver, settings: ApplySettings = ApplySettings()) {
        self.change = change
        self.secrets = secrets
        self.settings = settings
    }
}

public enum ApplyResponse: Sendable, Equatable {
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
    public func decoding<Payload: ChangePayload>(_ type: Payload.Type, _ body: (Payload) async -> RefreshResponse) async -> RefreshResponse {
        await Payload.decoding(change, failure: RefreshResponse.failed, body)
    }
}

extension ApplyRequest {
    public func decoding<Payload: ChangePayload>(_ type: Payload.Type, _ body: (Payload) async -> ApplyResponse) async -> ApplyResponse {
        await Payload.decoding(change, failure: ApplyResponse.failed, body)
    }
}

/// Resolves `valueFrom` references when a change is applied.
public struct SecretResolver: Sendable {
    private let resolve: @Sendable (String) async -> Result<String, SecretResolutionError>

    public init(_ resolve: @escaping @Sendable (String) async -> Result<String, SecretResolutionError>) {
        self.resolve = resolve
    }

    public func value(for reference: String) async -> Result<String, SecretResolutionError> {
        await resolve(reference)
    }
}

public struct SecretResolutionError: DiagnosticError, Equatable {
    public var reference: String
    public var reason: String
    public var hint: String?

    public init(reference: String, reason: String, hint: String? = nil) {
        self.reference = reference
        self.reason = reason
        self.hint = hint
    }

    public var diagnostic: Diagnostic {
        Diagnostic(message: "cannot read the secret '\(reference)': \(reason)", hint: hint)
    }
}
