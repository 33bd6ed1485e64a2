import Foundation

/// Executes a verified plan: only changes that policy lets through or
/// that carry valid approvals, each re-read first so that a stale plan is refused, each
/// bracketed by an `intent` and an `outcome` receipt.
package struct Applier: Sendable {
    package var registry: ConnectorRegistry
    package var context: ConnectorContext
    package var log: any ReceiptStore
    package var policy: ChangePolicy
    package var secrets: SecretResolver
    /// Asks GitHub about the reviews of the pull request a plan was posted to; nil when
    /// GitHub cannot be asked (then reviews count for nothing).
    package var reviews: (any PullRequestReviewReader)?

    package init(
        registry: ConnectorRegistry, context: ConnectorContext, log: any ReceiptStore, policy: ChangePolicy, secrets: SecretResolver,
        reviews: (any PullRequestReviewReader)? = nil
    ) {
        self.registry = registry
        self.context = context
        self.log = log
        self.policy = policy
        self.secrets = secrets
        self.reviews = reviews
    }

    package struct Request: Sendable {
        package var plan: Plan
        package var planPath: String
        package var only: [ChangeID]?
        package var actor: String
        /// Apply the changes of a plan that could not read every scope.
        package var allowIncomplete: Bool
        package var now: @Sendable () -> Date

        package init(
            plan: Plan, planPath: String, only: [ChangeID]?, actor: String, allowIncomplete: Bool = false,
            now: @escaping @Sendable () -> Date = Date.init
        ) {
            self.plan = plan
            self.planPath = planPath
            self.only = only
            self.actor = actor
            self.allowIncomplete = allowIncomplete
            self.now = now
        }
    }

    package func apply(_ request: Request) async throws(ApplyError) -> ApplyReport {
        let plan = request.plan
        if let only = request.only {
            let unknown = only.filter { plan.change($0) == nil }
            if !unknown.isEmpty { throw .unknownChanges(unknown.map(\.description)) }
        }
        if !plan.isComplete, !request.allowIncomplete { throw .incompletePlan(plan.incompleteScopes) }
        let planDigest = PlanDigest.of(plan)
        let lock = try log.acquireApplyLock(
            holder: .init(
                actor: request.actor, pid: getpid(), since: ReceiptTimestamp.string(from: request.now()), plan: request.planPath,
                host: ApplyLock.Holder.currentHost, planDigest: planDigest)
        )
        defer { lock.release() }

        // Approvals are only as trustworthy as the chain that holds them, and a chain cut back
        // to before a rejection or an outcome would still link: the checkpoint catches that.
        var ledger: ReceiptLedger
        do {
            let verified = try log.receiptsVerifiedToCheckpoint()
            if let failure = verified.report.failure { throw ApplyError.receiptsNotIntact(failure) }
            ledger = ReceiptLedger(receipts: verified.receipts)
        } catch let error as ApplyError {
            throw error
        } catch let error as ReceiptError {
            throw .receipts(error)
        } catch {
            throw .receipts(.invalidReceipt("\(error)"))
        }

        let selected = request.only.map { ids in plan.changes.filter { ids.contains($0.id) } } ?? plan.changes
        let reviewCheck = try await checkReviews(plan: plan, selected: selected, ledger: &ledger, request: request)
        let confirmedReviews = reviewCheck?.confirmedReviews ?? []
        var outcomes: [ChangeID: ApplyReport.Outcome] = [:]
        var connectors: [ServiceScope: Result<any Connector, MissingCredentials>] = [:]
        // Changes of one scope are applied together once each is known to be ready, so a
        // connector can deliver related changes as one unit (a database migration).
        for scope in ServiceScope.allCases {
            let changes = selected.filter { $0.scope == scope }
            guard !changes.isEmpty else { continue }
            var ready: [Change] = []
            for change in changes {
                do {
                    switch try await prepare(
                        change, scope: scope, plan: plan, planDigest: planDigest, ledger: ledger, confirmedReviews: confirmedReviews,
                        request: request, connectors: &connectors)
                    {
                    case .ready: ready.append(change)
                    case .settled(let outcome): outcomes[change.id] = outcome
                    }
                } catch {
                    outcomes[change.id] = .failed(error.diagnostic)
                }
            }
            guard !ready.isEmpty, case .success(let connector)? = connectors[scope] else { continue }
            do {
                outcomes.merge(try await applyReady(ready, connector: connector, planDigest: planDigest, request: request)) { _, new in new }
            } catch {
                for change in ready where outcomes[change.id] == nil { outcomes[change.id] = .failed(error.diagnostic) }
            }
        }
        let entries = selected.map { change in
            ApplyReport.Entry(changeID: change.id, outcome: outcomes[change.id] ?? .failed(Diagnostic(message: "nothing was done for \(change.id)")))
        }

        var head: ReceiptHead?
        do {
            head = try log.head()
            if let head { try log.writeCheckpoint(head) }
        } catch {
            throw .receipts(error)
        }
        return ApplyReport(planPath: request.planPath, entries: entries, receiptsHead: head, reviews: reviewCheck)
    }

    /// For a plan posted to a pull request: asks GitHub which reviews approve it now, and
    /// records each new approval a review gives as an `approve` receipt (once per review and
    /// change), so the log alone shows why a change was applied.
    private func checkReviews(
        plan: Plan, selected: [Change], ledger: inout ReceiptLedger, request: Request
    ) async throws(ApplyError) -> PullRequestReviewCheck? {
        guard let pull = plan.pullRequest else { return nil }
        let open = selected.filter { ledger.lastOutcome(for: $0) == nil }
        guard let reader = reviews else {
            guard !PullRequestReviewCheck.reviewable(open, policy: policy).isEmpty else { return nil }
            return PullRequestReviewCheck(pullRequest: pull, problem: Diagnostic(
                message: "the reviews of \(pull.reference) were not read: GitHub's credentials are not set",
                hint: "set OPS_GITHUB_TOKEN, OPS_GITHUB_OWNER and OPS_GITHUB_REPO so apply can ask GitHub"))
        }
        guard let check = await PullRequestReviewCheck.run(
            plan: plan, changes: open, policy: policy, recorded: ledger.approvals, reader: reader, now: request.now())
        else { return nil }
        for receipt in check.receipts {
            do {
                ledger.recordVerdict(try log.append(receipt.body, actor: receipt.actor, date: request.now()))
            } catch {
                throw .receipts(error)
            }
        }
        return check
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
        planDigest: String,
        ledger: ReceiptLedger,
        confirmedReviews: Set<Int>,
        request: Request,
        connectors: inout [ServiceScope: Result<any Connector, MissingCredentials>]
    ) async throws(ReceiptError) -> Preparation {
        if let outcome = ledger.lastOutcome(for: change) {
            switch outcome.result {
            case .applied, .alreadyApplied:
                return .settled(.alreadyApplied(detail: "applied before (receipt \(outcome.seq))"))
            case .proposed:
                return .settled(.proposed(
                    location: outcome.proposal ?? "", detail: "proposed before (receipt \(outcome.seq)); awaiting merge"
                ))
            case .failed:
                break
            }
        }
        let decision = PolicyEvaluator.decide(for: change, policy: policy)
        let approval = ApprovalEvaluator.evaluate(
            change: change, decision: decision, records: ledger.approvals, planner: plan.createdBy, policy: policy, now: request.now(),
            confirmedReviews: confirmedReviews
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
        // An earlier apply that stopped between intent and outcome may or may not have reached
        // the service; the fresh read below decides, and the receipt says it was reconciled.
        let interrupted = ledger.interruptedIntent(for: change)
        let reference = ChangeReference(change, planDigest: planDigest)
        switch await connector.refresh(RefreshRequest(change: change)) {
        case .unchanged:
            return .ready
        case .alreadyApplied:
            let detail = interrupted.map {
                "an earlier apply was interrupted after its intent (receipt \($0.seq)); the remote object shows the change took effect"
            } ?? "the remote object was already in the desired state"
            try log.append(OutcomeReceiptBody(change: reference, result: .alreadyApplied, detail: detail), actor: request.actor, date: request.now())
            return .settled(.alreadyApplied(detail: detail))
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
    ) async throws(ReceiptError) -> [ChangeID: ApplyReport.Outcome] {
        for change in changes {
            try log.append(IntentReceiptBody(change: ChangeReference(change, planDigest: planDigest)), actor: request.actor, date: request.now())
        }
        let started = ContinuousClock.now
        let responses = await connector.apply(batch: ApplyBatchRequest(
            changes: changes, secrets: secrets, settings: ApplySettings(
                directDatabaseApply: policy.directDatabaseApply, concurrentIndexBuilds: policy.concurrentIndexBuilds
            )
        ))
        let elapsed = ContinuousClock.now - started
        let durationMs = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        var results: [ChangeID: ApplyReport.Outcome] = [:]
        for (index, change) in changes.enumerated() {
            let response = index < responses.count
                ? responses[index]
                : .failed(Diagnostic(message: "the \(change.scope.rawValue) connector gave no result for \(change.id)"))
            let reference = ChangeReference(change, planDigest: planDigest)
            let body: OutcomeReceiptBody
            switch response {
            case .applied(let before, let after, let detail):
                body = OutcomeReceiptBody(change: reference, result: .applied, detail: detail, before: before, after: after, durationMs: durationMs)
                results[change.id] = .applied(detail: detail)
            case .proposed(let location, let detail):
                body = OutcomeReceiptBody(
                    change: reference, result: .proposed, detail: detail, before: change.before, durationMs: durationMs, proposal: location
                )
                results[change.id] = .proposed(location: location, detail: detail)
            case .failed(let diagnostic):
                body = OutcomeReceiptBody(change: reference, result: .failed, detail: diagnostic.message, durationMs: durationMs)
                results[change.id] = .failed(diagnostic)
            }
            try log.append(body, actor: request.actor, date: request.now())
        }
        return results
    }
}
