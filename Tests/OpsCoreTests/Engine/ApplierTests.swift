import Foundation
@testable import OpsCore
import OpsTesting
import Synchronization
import Testing

/// The applier against scripted connectors: what it sends, what it refuses, and the receipts
/// it leaves, with no HTTP and no sleeps.
@Suite("Applier")
struct ApplierTests {
    static let label = ChangeFactory.change("github.label.create.bug")
    static let update = ChangeFactory.change("github.label.update.docs", before: ["name": "docs", "color": "aaaaaa"], after: ["name": "docs", "color": "bbbbbb"])
    static let env = ChangeFactory.change("vercel.env.add.API_URL")

    @Test func anAllowedChangeIsAppliedBetweenAnIntentAndAnOutcome() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let plan = bed.plan([Self.label])
        let report = try await bed.apply(plan)
        #expect(report.outcome(Self.label.id) == .applied(detail: "applied \(Self.label.id)"))
        #expect(bed.fake(.github).calls == [.refresh(Self.label.id), .apply([Self.label.id])])
        #expect(bed.kinds == ["intent", "outcome"])
        let outcome = try #require(bed.outcomes().first)
        #expect(outcome.result == .applied)
        #expect(outcome.change == ChangeReference(Self.label, planDigest: PlanDigest.of(plan)))
        #expect(outcome.after == Self.label.after)
        #expect(outcome.durationMs != nil)
    }

    @Test func theIntentIsOnDiskBeforeTheServiceIsCalledAndTheOutcomeOnlyAfter() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let seenAtCall = Mutex<[String]>([])
        let log = bed.log
        bed.fake(.github).beforeApply { _ in
            seenAtCall.withLock { $0 = ((try? log.list()) ?? []).map(\.kind.rawValue) }
        }
        _ = try await bed.apply(bed.plan([Self.label]))
        #expect(seenAtCall.withLock { $0 } == ["intent"])
        #expect(bed.kinds == ["intent", "outcome"])
    }

    @Test func aStaleChangeIsRefusedWithoutAnIntentOrACall() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        bed.fake(.github).answerRefresh(.moved(now: "sha256:new", detail: "color changed"), for: Self.update.id)
        let report = try await bed.apply(bed.plan([Self.update]))
        #expect(report.outcome(Self.update.id) == .stale(observed: Self.update.observed, now: "sha256:new", detail: "color changed"))
        #expect(bed.fake(.github).appliedIDs.isEmpty)
        #expect(bed.receipts.isEmpty)
        #expect(report.failed == 1)
    }

    @Test func aChangeAlreadyInPlaceIsRecordedWithoutACall() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        bed.fake(.github).answerRefresh(.alreadyApplied, for: Self.label.id)
        let report = try await bed.apply(bed.plan([Self.label]))
        guard case .alreadyApplied(let detail) = report.outcome(Self.label.id) else {
            Issue.record("not recorded as already applied")
            return
        }
        #expect(detail == "the remote object was already in the desired state")
        #expect(bed.fake(.github).appliedIDs.isEmpty)
        #expect(bed.kinds == ["outcome"])
        #expect(bed.outcomes().first?.result == .alreadyApplied)
    }

    @Test func aSecondApplyOfTheSamePlanAsksNothing() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let plan = bed.plan([Self.label])
        _ = try await bed.apply(plan)
        let callsAfterFirst = bed.fake(.github).calls.count
        let again = try await bed.apply(plan)
        guard case .alreadyApplied(let detail) = again.outcome(Self.label.id) else {
            Issue.record("the second apply did not see the first")
            return
        }
        #expect(detail == "applied before (receipt 1)")
        #expect(bed.fake(.github).calls.count == callsAfterFirst)
        #expect(bed.kinds == ["intent", "outcome"])
    }

    @Test func aFailedChangeIsTriedAgainOnTheNextApply() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let plan = bed.plan([Self.label])
        bed.fake(.github).answerApply(.failed(Diagnostic(message: "GitHub said no")), for: Self.label.id)
        let first = try await bed.apply(plan)
        #expect(first.outcome(Self.label.id) == .failed(Diagnostic(message: "GitHub said no")))
        bed.fake(.github).answerApply(.applied(before: .null, after: Self.label.after, detail: "second time"), for: Self.label.id)
        let second = try await bed.apply(plan)
        #expect(second.outcome(Self.label.id) == .applied(detail: "second time"))
        #expect(bed.outcomes().map(\.result) == [.failed, .applied])
    }

    @Test func aChangeNeedingApprovalWaitsWithoutTouchingTheService() async throws {
        var bed = EngineTestbed()
        defer { bed.remove() }
        bed.policy = EngineTestbed.strictPolicy
        let report = try await bed.apply(bed.plan([Self.label]))
        guard case .awaitingApproval(let state, _) = report.outcome(Self.label.id) else {
            Issue.record("did not wait for approval")
            return
        }
        #expect(state == .pending(counted: [], needed: 2, refused: []))
        #expect(bed.fake(.github).calls.isEmpty)
        #expect(report.waiting == 1)
        #expect(bed.receipts.isEmpty)
    }

    @Test func oneOfTwoApprovalsIsNotEnoughAndTwoAre() async throws {
        var bed = EngineTestbed()
        defer { bed.remove() }
        bed.policy = EngineTestbed.strictPolicy
        let plan = bed.plan([Self.label])
        try bed.approve(Self.label, in: plan, by: "alice@example.com")
        let waiting = try await bed.apply(plan)
        #expect(waiting.outcome(Self.label.id) == .awaitingApproval(.pending(counted: [CountedApproval(identity: "alice@example.com")], needed: 2, refused: []), reason: "the rule '*' says it needs approval"))
        try bed.approve(Self.label, in: plan, by: "bob@example.com")
        let applied = try await bed.apply(plan)
        #expect(applied.outcome(Self.label.id) == .applied(detail: "applied \(Self.label.id)"))
    }

    @Test func theSameApproverTwiceCountsOnce() async throws {
        var bed = EngineTestbed()
        defer { bed.remove() }
        bed.policy = EngineTestbed.strictPolicy
        let plan = bed.plan([Self.label])
        try bed.approve(Self.label, in: plan, by: "alice@example.com")
        try bed.approve(Self.label, in: plan, by: "alice@example.com")
        let report = try await bed.apply(plan)
        #expect(report.waiting == 1)
        #expect(bed.fake(.github).calls.isEmpty)
    }

    @Test func aRejectionWinsOverEveryApproval() async throws {
        var bed = EngineTestbed()
        defer { bed.remove() }
        bed.policy = EngineTestbed.strictPolicy
        let plan = bed.plan([Self.label])
        try bed.approve(Self.label, in: plan, by: "alice@example.com")
        try bed.approve(Self.label, in: plan, by: "bob@example.com")
        try bed.approve(Self.label, in: plan, by: "carol@example.com", verdict: .reject)
        let report = try await bed.apply(plan)
        #expect(report.outcome(Self.label.id) == .rejected(by: "carol@example.com", reason: "looked at it"))
        #expect(bed.fake(.github).calls.isEmpty)
    }

    @Test func anApprovalOfAnotherVersionOfTheChangeDoesNotCount() async throws {
        var bed = EngineTestbed()
        defer { bed.remove() }
        bed.policy = EngineTestbed.strictPolicy
        let plan = bed.plan([Self.label])
        var other = Self.label
        other.after = ["name": "something else"]
        try bed.approve(other, in: plan, by: "alice@example.com")
        try bed.approve(Self.label, in: plan, by: "bob@example.com")
        let report = try await bed.apply(plan)
        #expect(report.outcome(Self.label.id) == .awaitingApproval(
            .pending(counted: [CountedApproval(identity: "bob@example.com")], needed: 2, refused: [.differentDigest(approver: "alice@example.com")]),
            reason: "the rule '*' says it needs approval"
        ))
    }

    @Test func anExpiredApprovalDoesNotCount() async throws {
        var bed = EngineTestbed()
        defer { bed.remove() }
        bed.policy = EngineTestbed.strictPolicy
        bed.policy.approvalRules[0].minApprovals = 1
        let plan = bed.plan([Self.label])
        try bed.approve(Self.label, in: plan, by: "alice@example.com", at: EngineTestbed.now.addingTimeInterval(-90_000))
        let report = try await bed.apply(plan)
        guard case .awaitingApproval(.pending(let counted, _, let refused), _) = report.outcome(Self.label.id) else {
            Issue.record("an expired approval counted")
            return
        }
        #expect(counted.isEmpty)
        #expect(refused == [.expired(approver: "alice@example.com", age: 90_000, ttl: 86_400)])
    }

    @Test func thePlannerCannotApproveTheirOwnPlan() async throws {
        var bed = EngineTestbed()
        defer { bed.remove() }
        bed.policy = EngineTestbed.strictPolicy
        bed.policy.approvalRules[0].minApprovals = 1
        bed.policy.roles[0].members.append(EngineTestbed.planner)
        let plan = bed.plan([Self.label])
        try bed.approve(Self.label, in: plan, by: EngineTestbed.planner)
        let report = try await bed.apply(plan)
        guard case .awaitingApproval(.pending(_, _, let refused), _) = report.outcome(Self.label.id) else {
            Issue.record("a self-approval counted")
            return
        }
        #expect(refused == [.selfApproval(approver: EngineTestbed.planner)])
    }

    @Test func anApproverWithoutTheRoleDoesNotCount() async throws {
        var bed = EngineTestbed()
        defer { bed.remove() }
        bed.policy = EngineTestbed.strictPolicy
        bed.policy.approvalRules[0].minApprovals = 1
        let plan = bed.plan([Self.label])
        try bed.approve(Self.label, in: plan, by: "mallory@example.com")
        let report = try await bed.apply(plan)
        guard case .awaitingApproval(.pending(_, _, let refused), _) = report.outcome(Self.label.id) else {
            Issue.record("an approval without the role counted")
            return
        }
        #expect(refused == [.missingRole(approver: "mallory@example.com", roles: ["admin"])])
    }

    @Test func approveRefusesAtOnceWhatApplyWouldNotCount() {
        var policy = EngineTestbed.strictPolicy
        policy.approvalRules[0].minApprovals = 1
        let decision = PolicyEvaluator.decide(for: Self.label, policy: policy)
        let selfApproval = ApprovalEvaluator.refusal(
            ofApprovalBy: EngineTestbed.planner, change: Self.label, decision: decision, planner: EngineTestbed.planner, policy: policy, now: EngineTestbed.now)
        #expect(selfApproval == .selfApproval(approver: EngineTestbed.planner))
        #expect(selfApproval?.diagnostic.message == "\(EngineTestbed.planner) made the plan and cannot approve it (separationOfDuties)")
        let outsider = ApprovalEvaluator.refusal(
            ofApprovalBy: "mallory@example.com", change: Self.label, decision: decision, planner: EngineTestbed.planner, policy: policy, now: EngineTestbed.now)
        #expect(outsider == .missingRole(approver: "mallory@example.com", roles: ["admin"]))
        #expect(ApprovalEvaluator.refusal(
            ofApprovalBy: "alice@example.com", change: Self.label, decision: decision, planner: EngineTestbed.planner, policy: policy, now: EngineTestbed.now) == nil)
    }

    @Test func changesOfOneScopeGoToTheConnectorAsOneBatch() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let second = ChangeFactory.change("github.label.create.docs")
        let report = try await bed.apply(bed.plan([Self.label, second, Self.env]))
        #expect(report.applied == 3)
        #expect(bed.fake(.github).calls.filter { if case .apply = $0 { return true } else { return false } } == [.apply([Self.label.id, second.id].sorted())])
        #expect(bed.fake(.vercel).appliedIDs == [Self.env.id])
        // Scopes go in a fixed order (vercel before github), each as one batch.
        #expect(bed.kinds == ["intent", "outcome", "intent", "intent", "outcome", "outcome"])
    }

    @Test func aConnectorFailingMidBatchFailsOnlyThatChange() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let a = ChangeFactory.change("github.label.create.a")
        let b = ChangeFactory.change("github.label.create.b")
        let c = ChangeFactory.change("github.label.create.c")
        bed.fake(.github).answerApply(.failed(Diagnostic(message: "422 name taken", hint: "rename it")), for: b.id)
        let report = try await bed.apply(bed.plan([a, b, c]))
        #expect(report.outcome(a.id) == .applied(detail: "applied \(a.id)"))
        #expect(report.outcome(b.id) == .failed(Diagnostic(message: "422 name taken", hint: "rename it")))
        #expect(report.outcome(c.id) == .applied(detail: "applied \(c.id)"))
        #expect(bed.outcomes().map(\.result) == [.applied, .failed, .applied])
        #expect(bed.outcomes()[1].detail == "422 name taken")
    }

    @Test func aConnectorThatAnswersForFewerChangesFailsTheRestByName() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let a = ChangeFactory.change("github.label.create.a")
        let b = ChangeFactory.change("github.label.create.b")
        bed.fake(.github).dropLastResponses(1)
        let report = try await bed.apply(bed.plan([a, b]))
        #expect(report.outcome(a.id) == .applied(detail: "applied \(a.id)"))
        #expect(report.outcome(b.id) == .failed(Diagnostic(message: "the github connector gave no result for \(b.id)")))
        #expect(bed.kinds == ["intent", "intent", "outcome", "outcome"])
    }

    @Test func anInterruptedApplyWhoseChangeTookEffectIsReconciledNotRepeated() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let plan = bed.plan([Self.label])
        // An earlier apply wrote its intent, reached GitHub, and died before the outcome.
        let intent = try bed.log.append(IntentReceiptBody(change: ChangeReference(Self.label, planDigest: PlanDigest.of(plan))), actor: "ci")
        bed.fake(.github).answerRefresh(.alreadyApplied, for: Self.label.id)
        let report = try await bed.apply(plan)
        guard case .alreadyApplied(let detail) = report.outcome(Self.label.id) else {
            Issue.record("the interrupted change was not reconciled")
            return
        }
        #expect(detail.contains("interrupted after its intent (receipt \(intent.seq))"))
        #expect(bed.fake(.github).appliedIDs.isEmpty, "the change was not sent a second time")
        #expect(bed.kinds == ["intent", "outcome"])
    }

    @Test func anInterruptedApplyThatNeverReachedTheServiceIsSentOnce() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let plan = bed.plan([Self.label])
        try bed.log.append(IntentReceiptBody(change: ChangeReference(Self.label, planDigest: PlanDigest.of(plan))), actor: "ci")
        let report = try await bed.apply(plan)
        #expect(report.outcome(Self.label.id) == .applied(detail: "applied \(Self.label.id)"))
        #expect(bed.fake(.github).appliedIDs == [Self.label.id])
        #expect(bed.kinds == ["intent", "intent", "outcome"])
        let ledger = ReceiptLedger(receipts: bed.receipts)
        #expect(ledger.interruptedIntent(for: Self.label) == nil)
    }

    @Test func aProposedChangeAwaitsMergeAndIsNotProposedTwice() async throws {
        var bed = EngineTestbed()
        defer { bed.remove() }
        bed.policy.directDatabaseApply = false
        let table = ChangeFactory.change("supabase.table.create.public.profiles", risk: .high)
        let plan = bed.plan([table])
        try bed.approve(table, in: plan, by: "alice@example.com")
        bed.fake(.supabase).answerApply(.proposed(location: "https://github.example/acme/app/pull/7", detail: "proposed in pull request #7"), for: table.id)
        let report = try await bed.apply(plan)
        #expect(report.outcome(table.id) == .proposed(location: "https://github.example/acme/app/pull/7", detail: "proposed in pull request #7"))
        #expect(report.proposed == 1 && report.applied == 0 && report.failed == 0)
        let outcome = try #require(bed.outcomes().first)
        #expect(outcome.result == .proposed)
        #expect(outcome.proposal == "https://github.example/acme/app/pull/7")

        let ledger = ReceiptLedger(receipts: bed.receipts)
        let outcomeSeq = try #require(bed.receipts.last?.seq)
        #expect(ChangeLifecycle.of(table, in: plan, policy: bed.policy, ledger: ledger, now: EngineTestbed.now)
            == .awaitingMerge(seq: outcomeSeq, location: "https://github.example/acme/app/pull/7"))

        let again = try await bed.apply(plan)
        guard case .proposed(_, let detail) = again.outcome(table.id) else {
            Issue.record("the second apply proposed again or failed")
            return
        }
        #expect(detail.contains("awaiting merge"))
        #expect(bed.fake(.supabase).appliedIDs == [table.id])
    }

    @Test func aLaterCompletePlanWithoutTheChangeShowsItApplied() throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let table = ChangeFactory.change("supabase.table.create.public.profiles", risk: .high)
        let plan = bed.plan([table])
        let reference = ChangeReference(table, planDigest: PlanDigest.of(plan))
        let proposed = try bed.log.append(OutcomeReceiptBody(change: reference, result: .proposed, detail: "proposed", proposal: "pr/7"), actor: "ci")
        // A later plan that could not read supabase says nothing about it.
        var unreadable = Plan(createdAt: "2026-11-21T10:00:00Z", createdBy: "ci", scope: [.supabase], inputs: [], checks: [
            ChangeFactory.check("supabase.database", scope: .supabase, status: .error),
        ], changes: [])
        try bed.log.append(PlanReceiptBody(plan: unreadable, planDigest: PlanDigest.of(unreadable), path: "plan.json"), actor: "ci")
        var ledger = ReceiptLedger(receipts: bed.receipts)
        #expect(ChangeLifecycle.of(table, in: plan, policy: bed.policy, ledger: ledger, now: EngineTestbed.now)
            == .awaitingMerge(seq: proposed.seq, location: "pr/7"))
        unreadable.checks = []
        let complete = try bed.log.append(PlanReceiptBody(plan: unreadable, planDigest: PlanDigest.of(unreadable), path: "plan.json"), actor: "ci")
        ledger = ReceiptLedger(receipts: bed.receipts)
        #expect(ChangeLifecycle.of(table, in: plan, policy: bed.policy, ledger: ledger, now: EngineTestbed.now) == .applied(seq: complete.seq))
    }

    @Test func onlyTheNamedChangesAreApplied() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let report = try await bed.apply(bed.plan([Self.label, Self.env]), only: [Self.env.id])
        #expect(report.entries.map(\.changeID) == [Self.env.id])
        #expect(bed.fake(.github).calls.isEmpty)
        #expect(bed.fake(.vercel).appliedIDs == [Self.env.id])
    }

    @Test func namingAChangeThePlanDoesNotHoldIsRefused() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        await #expect(throws: ApplyError.unknownChanges(["github.label.create.ghost"])) {
            try await bed.apply(bed.plan([Self.label]), only: [ChangeID("github.label.create.ghost")!])
        }
        #expect(bed.fake(.github).calls.isEmpty)
    }

    @Test func aScopeWithoutCredentialsFailsItsChangesByName() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        var registry = ConnectorRegistry()
        registry.register(scope: .github) { _ in .failure(MissingCredentials(variables: ["OPS_GITHUB_TOKEN"])) }
        let applier = Applier(registry: registry, context: bed.context, log: bed.log, policy: bed.policy, secrets: SecretResolver { _ in .success("") })
        let report = try await applier.apply(Applier.Request(plan: bed.plan([Self.label]), planPath: "plan.json", only: nil, actor: "a"))
        #expect(report.outcome(Self.label.id) == .failed(Diagnostic(
            message: "cannot apply \(Self.label.id): OPS_GITHUB_TOKEN is not set", hint: "set the variable and re-run apply")))
        #expect(bed.receipts.isEmpty)
    }

    @Test func aScopeThisBuildCannotApplyFailsItsChanges() async throws {
        let bed = EngineTestbed(scopes: [.vercel])
        defer { bed.remove() }
        let report = try await bed.apply(bed.plan([Self.label]))
        #expect(report.outcome(Self.label.id) == .failed(Diagnostic(
            message: "cannot apply \(Self.label.id): this version of opsctl has no github connector", hint: "set the variable and re-run apply")))
    }

    @Test func aRefreshThatFailsStopsTheChangeBeforeAnyIntent() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        bed.fake(.github).answerRefresh(.failed(Diagnostic(message: "GitHub GET /labels/bug timed out")), for: Self.label.id)
        let report = try await bed.apply(bed.plan([Self.label]))
        #expect(report.outcome(Self.label.id) == .failed(Diagnostic(message: "GitHub GET /labels/bug timed out")))
        #expect(bed.receipts.isEmpty)
        #expect(bed.fake(.github).appliedIDs.isEmpty)
    }

    @Test func aRefreshThatLaterAgreesIsAppliedOnTheNextRun() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let plan = bed.plan([Self.update])
        bed.fake(.github).answerRefresh(.moved(now: "sha256:x", detail: "color changed"), .unchanged, for: Self.update.id)
        let first = try await bed.apply(plan)
        #expect(first.failed == 1)
        let second = try await bed.apply(plan)
        #expect(second.applied == 1)
        #expect(bed.fake(.github).refreshedIDs == [Self.update.id, Self.update.id])
    }

    @Test func aTamperedLogIsNotTrustedForApprovals() async throws {
        var bed = EngineTestbed()
        defer { bed.remove() }
        bed.policy = EngineTestbed.strictPolicy
        let plan = bed.plan([Self.label])
        try bed.approve(Self.label, in: plan, by: "alice@example.com")
        try bed.approve(Self.label, in: plan, by: "bob@example.com")
        var text = try String(contentsOfFile: bed.log.path, encoding: .utf8)
        text = text.replacingOccurrences(of: "bob@example.com", with: "eve@example.com")
        try text.write(toFile: bed.log.path, atomically: true, encoding: .utf8)
        await #expect(throws: ApplyError.self) { try await bed.apply(plan) }
        #expect(bed.fake(.github).calls.isEmpty)
    }

    @Test func aLogCutBackBelowTheCheckpointIsRefused() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let plan = bed.plan([Self.label])
        _ = try await bed.apply(plan)
        #expect(try bed.log.readCheckpoint()?.seq == 1)
        // Someone removes the outcome (and so the proof the change was applied).
        let lines = try String(contentsOfFile: bed.log.path, encoding: .utf8).split(separator: "\n")
        try (lines[0] + "\n").write(toFile: bed.log.path, atomically: true, encoding: .utf8)
        do {
            _ = try await bed.apply(plan)
            Issue.record("a truncated log was trusted")
        } catch let error as ApplyError {
            guard case .receiptsNotIntact = error else {
                Issue.record("refused for the wrong reason: \(error)")
                return
            }
        }
        #expect(bed.fake(.github).appliedIDs == [Self.label.id], "the change was not sent again")
    }

    @Test func applyWritesTheCheckpointAtTheNewHead() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let report = try await bed.apply(bed.plan([Self.label, Self.env]))
        let head = try #require(report.receiptsHead)
        #expect(head.seq == 3)
        #expect(try bed.log.readCheckpoint() == head)
    }

    @Test func aSecondApplyOnTheSameLogIsRefusedWhileTheFirstHoldsTheLock() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let holder = ApplyLock.Holder(actor: "carol", pid: 1, since: "2026-11-20T10:00:00Z", plan: "other.json")
        let lock = try ApplyLock.acquire(beside: bed.log.path, holder: holder)
        defer { lock.release() }
        await #expect(throws: ApplyError.locked(path: lock.path, holder: holder)) { try await bed.apply(bed.plan([Self.label])) }
        #expect(bed.fake(.github).calls.isEmpty)
    }

    @Test func aDestructiveChangeNeverAppliesWithoutAHumanWhateverTheRule() async throws {
        var bed = EngineTestbed()
        defer { bed.remove() }
        bed.policy.approvalRules = [ApprovalRule(pattern: ChangeKindPattern("github.*")!, requiresApproval: false)]
        let delete = ChangeFactory.change("github.label.delete.old", before: ["name": "old"], after: .null)
        let report = try await bed.apply(bed.plan([delete]))
        guard case .awaitingApproval(_, let reason) = report.outcome(delete.id) else {
            Issue.record("a deletion applied without approval")
            return
        }
        #expect(reason == "destructive changes always need approval")
    }

    @Test func aPlanThatCouldNotReadAScopeIsRefusedUnlessAllowed() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        var plan = bed.plan([Self.label])
        plan.checks.append(ChangeFactory.check("vercel.env", scope: .vercel, status: .error, message: "401"))
        #expect(plan.incompleteScopes == [.vercel])
        await #expect(throws: ApplyError.incompletePlan([.vercel])) { try await bed.apply(plan) }
        #expect(bed.fake(.github).calls.isEmpty)
        #expect(bed.receipts.isEmpty)
        let report = try await bed.applier.apply(Applier.Request(plan: plan, planPath: "plan.json", only: nil, actor: "a", allowIncomplete: true, now: { EngineTestbed.now }))
        #expect(report.applied == 1)
    }

    @Test func receiptsTheApplierWritesReadBackThroughTheirTypes() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let plan = bed.plan([Self.label])
        _ = try await bed.apply(plan)
        let receipts = bed.receipts
        let intent = try #require(IntentReceiptBody(receipts[0]))
        #expect(intent.change == ChangeReference(Self.label, planDigest: PlanDigest.of(plan)))
        #expect(intent.idempotencyKey.count == 33)
        #expect(receipts.allSatisfy { $0.body["bodyVersion"] == .int(1) })
        #expect(OutcomeReceiptBody(receipts[0]) == nil, "an intent is not an outcome")
    }
}
