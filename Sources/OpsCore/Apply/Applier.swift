import Foundation

/// Executes a verified plan (SPEC sections 6 to 8): only changes that policy lets through or
/// that carry valid approvals, each re-read first so that a stale plan is refused, each
/// bracketed by an `intent` and an `outcome` receipt.
public struct Applier: Sendable {
    public var registry: ConnectorRegistry
    public var context: ConnectorContext
    public var log: ReceiptLog
    public var policy: ChangePolicy
    public var secrets: SecretResolver

    public init(registry: ConnectorRegistry, context: ConnectorContext, log: ReceiptLog, policy: ChangePolicy, secrets: SecretResolver) {
        self.registry = registry
        self.context = context
        self.log = log
        self.policy = policy
        self.secrets = secrets
    }

    public struct Request: Sendable {
        public var plan: Plan
        public var planPath: String
        public var only: [ChangeID]?
        public var actor: String
        public var now: @Sendable () -> Date

        public init(plan: Plan, planPath: String, only: [ChangeID]?, actor: String, now: @escaping @Sendable () -> Date = Date.init) {
            self.plan = plan
            self.planPath = planPath
            self.only = only
            self.actor = actor
            self.now = now
        }
    }

    public func apply(_ request: Request) async throws(ApplyError) -> ApplyReport {
        let plan = request.plan
        if let only = request.only {
            let unknown = only.filter { plan.change($0) == nil }
            if !unknown.isEmpty { throw .unknownChanges(unknown.map(\.description)) }
        }
        let planDigest = PlanDigest.of(plan)
        let lock = try ApplyLock.acquire(
            beside: log.path,
            holder: .init(actor: request.actor, pid: getpid(), since: ReceiptTimestamp.string(from: request.now()), plan: request.planPath)
        )
        defer { lock.release() }

        // Approvals are only as trustworthy as the chain that holds them.
        let ledger: ReceiptLedger
        do {
            let report = try log.verify()
            if let failure = report.failure { throw ApplyError.receiptsNotIntact(failure) }
            ledger = ReceiptLedger(receipts: try log.list())
        } catch let error as ApplyError {
            throw error
        } catch let error as ReceiptError {
            throw .receipts(error)
        } catch {
            throw .receipts(.invalidReceipt("\(error)"))
        }

        let selected = request.only.map { ids in plan.changes.filter { ids.contains($0.id) } } ?? plan.changes
        var entries: [ApplyReport.Entry] = []
        var connectors: [ServiceScope: Result<any Connector, MissingCredentials>] = [:]
        for change in selected {
            let outcome: ApplyReport.Outcome
            do {
                outcome = try await applyOne(change, plan: plan, planDigest: planDigest, ledger: ledger, request: request, connectors: &connectors)
            } catch {
                outcome = .failed(error.diagnostic)
            }
            entries.append(ApplyReport.Entry(changeID: change.id, outcome: outcome))
        }

        var head: ReceiptHead?
        do {
            head = try log.head()
            if let head { try log.writeCheckpoint(head) }
        } catch {
            throw .receipts(error)
        }
        return ApplyReport(planPath: request.planPath, entries: entries, receiptsHead: head)
    }

    private func applyOne(
        _ change: Change,
        plan: Plan,
        planDigest: String,
        ledger: ReceiptLedger,
        request: Request,
        connectors: inout [ServiceScope: Result<any Connector, MissingCredentials>]
    ) async throws(ReceiptError) -> ApplyReport.Outcome {
        if let outcome = ledger.lastOutcome(for: change), outcome.result != .failed {
            return .alreadyApplied(detail: "applied before (receipt \(outcome.seq))")
        }
        let decision = PolicyEvaluator.decide(for: change, policy: policy)
        let approval = ApprovalEvaluator.evaluate(
            change: change, decision: decision, records: ledger.approvals, planner: plan.createdBy, policy: policy, now: request.now()
        )
        switch approval {
        case .rejected(let by, let reason): return .rejected(by: by, reason: reason)
        case .pending: return .awaitingApproval(approval, reason: decision.reason)
        case .approved, .notRequired: break
        }
        guard let scope = ServiceScope(rawValue: change.scope) else {
            return .failed(Diagnostic(message: "the plan names an unknown scope '\(change.scope)'"))
        }
        if connectors[scope] == nil {
            connectors[scope] = registry.connector(for: scope, context: context)
                ?? .failure(MissingCredentials(variables: [], problem: "this version of opsctl has no \(scope.rawValue) connector"))
        }
        let connector: any Connector
        switch connectors[scope]! {
        case .success(let built): connector = built
        case .failure(let missing):
            return .failed(Diagnostic(message: "cannot apply \(change.id): \(missing.message)", hint: "set the variable and re-run apply"))
        }

        let digest = PlanDigest.of(change)
        let common: [String: JSONValue] = [
            ReceiptLedger.BodyKey.changeID: .string(change.id.description),
            ReceiptLedger.BodyKey.changeDigest: .string(digest),
            ReceiptLedger.BodyKey.planDigest: .string(planDigest),
        ]
        switch await connector.refresh(RefreshRequest(change: change)) {
        case .alreadyApplied:
            var body = common
            body[ReceiptLedger.BodyKey.result] = .string(ReceiptLedger.OutcomeResult.alreadyApplied.rawValue)
            body["detail"] = .string("the remote object was already in the desired state")
            try log.append(kind: .outcome, actor: request.actor, body: body, date: request.now())
            return .alreadyApplied(detail: "the remote object was already in the desired state")
        case .moved(let now, let detail):
            return .stale(observed: change.observed, now: now, detail: detail)
        case .failed(let diagnostic):
            return .failed(diagnostic)
        case .unchanged:
            break
        }

        var intent = common
        intent[ReceiptLedger.BodyKey.idempotencyKey] = .string("\(planDigest.suffix(16))-\(digest.suffix(16))")
        try log.append(kind: .intent, actor: request.actor, body: intent, date: request.now())
        let started = ContinuousClock.now
        let response = await connector.apply(ApplyRequest(change: change, secrets: secrets))
        let elapsed = ContinuousClock.now - started
        var outcome = common
        outcome["durationMs"] = .int(Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000))
        switch response {
        case .applied(let before, let after, let detail):
            outcome[ReceiptLedger.BodyKey.result] = .string(ReceiptLedger.OutcomeResult.applied.rawValue)
            outcome["before"] = before
            outcome["after"] = after
            outcome["detail"] = .string(detail)
            try log.append(kind: .outcome, actor: request.actor, body: outcome, date: request.now())
            return .applied(detail: detail)
        case .failed(let diagnostic):
            outcome[ReceiptLedger.BodyKey.result] = .string(ReceiptLedger.OutcomeResult.failed.rawValue)
            outcome["detail"] = .string(diagnostic.message)
            try log.append(kind: .outcome, actor: request.actor, body: outcome, date: request.now())
            return .failed(diagnostic)
        }
    }
}
