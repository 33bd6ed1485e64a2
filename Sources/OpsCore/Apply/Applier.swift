import Foundation

/// Executes a verified plan (docs/architecture.md, "Data path of `apply`"): only changes that
/// policy lets through or that carry valid approvals, each re-read first so that a stale plan is
/// refused, each bracketed by an `intent` and an `outcome` receipt.
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
        var outcomes: [ChangeID: ApplyReport.Outcome] = [:]
        var connectors: [ServiceScope: Result<any Connector, MissingCredentials>] = [:]
        // Changes of one scope are applied together once each is known to be ready, so a
        // connector can deliver related changes as one unit (a database migration).
        for scope in ServiceScope.allCases {
            let changes = selected.filter { $0.scope == scope.rawValue }
            guard !changes.isEmpty else { continue }
            var ready: [Change] = []
            for change in changes {
                do {
                    switch try await prepare(change, scope: scope, plan: plan, ledger: ledger, request: request, connectors: &connectors) {
                    case .ready: ready.append(change)
                    case .settled(let outcome): outcomes[change.id] = outcome
                    }
                } catch {
                    outcomes[change.id] = .failed(error.diagnostic)
                }
            }
            guard !ready.isEmpty, case .success(let connector)? = connectors[scope] else { continue }
            do {
                for (change, outcome) in try await applyReady(ready, connector: connector, planDigest: planDigest, request: request) {
                    outcomes[change] = outcome
                }
            } catch {
                for change in ready where outcomes[change.id] == nil { outcomes[change.id] = .failed(error.diagnostic) }
            }
        }
        for change in selected where outcomes[change.id] == nil {
            outcomes[change.id] = .failed(Diagnostic(message: "the plan names an unknown scope '\(change.scope)'"))
        }
        let entries = selected.map { ApplyReport.Entry(changeID: $0.id, outcome: outcomes[$0.id]!) }

        var head: ReceiptHead?
        do {
            head = try log.head()
            if let head { try log.writeCheckpoint(head) }
        } catch {
            throw .receipts(error)
        }
        return ApplyReport(planPath: request.planPath, entries: entries, receiptsHead: head)
    }

    private enum Preparation {
        case ready
        case settled(ApplyReport.Outcome)
    }

    /// Everything short of calling the service: receipts, policy and approvals, credentials,
    /// and a fresh read of the remote object to refuse stale changes.
    private func prepare(
        _ change: Change,
        scope: ServiceScope,
        plan: Plan,
        ledger: ReceiptLedger,
        request: Request,
        connectors: inout [ServiceScope: Result<any Connector, MissingCredentials>]
    ) async throws(ReceiptError) -> Preparation {
        if let outcome = ledger.lastOutcome(for: change), outcome.result != .failed {
            return .settled(.alreadyApplied(detail: "applied before (receipt \(outcome.seq))"))
        }
        let decision = PolicyEvaluator.decide(for: change, policy: policy)
        let approval = ApprovalEvaluator.evaluate(
            change: change, decision: decision, records: ledger.approvals, planner: plan.createdBy, policy: policy, now: request.now()
        )
        switch approval {
        case .rejected(let by, let reason): return .settled(.rejected(by: by, reason: reason))
        case .pending: return .settled(.awaitingApproval(approval, reason: decision.reason))
        case .approved, .notRequired: break
        }
        if connectors[scope] == nil {
            connectors[scope] = registry.connector(for: scope, context: context)
                ?? .failure(MissingCredentials(variables: [], problem: "this version of opsctl has no \(scope.rawValue) connector"))
        }
        let connector: any Connector
        switch connectors[scope]! {
        case .success(let built): connector = built
        case .failure(let missing):
            return .settled(.failed(Diagnostic(message: "cannot apply \(change.id): \(missing.message)", hint: "set the variable and re-run apply")))
        }
        switch await connector.refresh(RefreshRequest(change: change)) {
        case .unchanged:
            return .ready
        case .alreadyApplied:
            var body = receiptBody(for: change, planDigest: PlanDigest.of(plan))
            body[ReceiptLedger.BodyKey.result] = .string(ReceiptLedger.OutcomeResult.alreadyApplied.rawValue)
            body["detail"] = .string("the remote object was already in the desired state")
            try log.append(kind: .outcome, actor: request.actor, body: body, date: request.now())
            return .settled(.alreadyApplied(detail: "the remote object was already in the desired state"))
        case .moved(let now, let detail):
            return .settled(.stale(observed: change.observed, now: now, detail: detail))
        case .failed(let diagnostic):
            return .settled(.failed(diagnostic))
        }
    }

    /// Intent receipts, one call to the connector for the batch, outcome receipts.
    private func applyReady(
        _ changes: [Change],
        connector: any Connector,
        planDigest: String,
        request: Request
    ) async throws(ReceiptError) -> [(ChangeID, ApplyReport.Outcome)] {
        for change in changes {
            var intent = receiptBody(for: change, planDigest: planDigest)
            intent[ReceiptLedger.BodyKey.idempotencyKey] = .string("\(planDigest.suffix(16))-\(PlanDigest.of(change).suffix(16))")
            try log.append(kind: .intent, actor: request.actor, body: intent, date: request.now())
        }
        let started = ContinuousClock.now
        let responses = await connector.apply(batch: ApplyBatchRequest(
            changes: changes, secrets: secrets, settings: ApplySettings(directDatabaseApply: policy.directDatabaseApply)
        ))
        let elapsed = ContinuousClock.now - started
        var results: [(ChangeID, ApplyReport.Outcome)] = []
        for (index, change) in changes.enumerated() {
            let response = index < responses.count
                ? responses[index]
                : .failed(Diagnostic(message: "the \(change.scope) connector gave no result for \(change.id)"))
            var outcome = receiptBody(for: change, planDigest: planDigest)
            outcome["durationMs"] = .int(Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000))
            switch response {
            case .applied(let before, let after, let detail):
                outcome[ReceiptLedger.BodyKey.result] = .string(ReceiptLedger.OutcomeResult.applied.rawValue)
                outcome["before"] = before
                outcome["after"] = after
                outcome["detail"] = .string(detail)
                try log.append(kind: .outcome, actor: request.actor, body: outcome, date: request.now())
                results.append((change.id, .applied(detail: detail)))
            case .failed(let diagnostic):
                outcome[ReceiptLedger.BodyKey.result] = .string(ReceiptLedger.OutcomeResult.failed.rawValue)
                outcome["detail"] = .string(diagnostic.message)
                try log.append(kind: .outcome, actor: request.actor, body: outcome, date: request.now())
                results.append((change.id, .failed(diagnostic)))
            }
        }
        return results
    }

    private func receiptBody(for change: Change, planDigest: String) -> [String: JSONValue] {
        [
            ReceiptLedger.BodyKey.changeID: .string(change.id.description),
            ReceiptLedger.BodyKey.changeDigest: .string(PlanDigest.of(change)),
            ReceiptLedger.BodyKey.planDigest: .string(planDigest),
        ]
    }
}
