import Foundation
import OpsCore
import OpsTesting
import Synchronization
import Testing

/// The planner against scripted connectors: which scopes it asks, how it reports the ones it
/// cannot, and how it assembles and annotates what they answer.
@Suite("Planner")
struct PlannerTests {
    static let declaredEverything = DesiredState(
        supabase: SupabaseConfig(tables: [SupabaseTable(schema: "public", name: "t", columns: [])]),
        vercel: VercelConfig(envVars: []),
        github: GitHubConfig(labels: [GitHubLabel(name: "bug")])
    )

    func plan(_ bed: EngineTestbed, desired: DesiredState = PlannerTests.declaredEverything, scopes: [ServiceScope]? = nil, registry: ConnectorRegistry? = nil) async -> Plan {
        await Planner(registry: registry ?? bed.registry, context: bed.context).plan(Planner.Request(
            desired: desired, policy: bed.policy, scopes: scopes, actor: EngineTestbed.planner, createdAt: "2026-11-20T10:00:00Z",
            inputs: [PlanInput(role: "desiredState", path: "desired-state.yaml", sha256: "sha256:aa")]
        ))
    }

    /// A registry with `github` as its only connector, calling `onMake` each time it is made.
    static func registry(making github: FakeConnector, onMake: @escaping @Sendable () -> Void) -> ConnectorRegistry {
        var registry = ConnectorRegistry()
        registry.register(scope: .github) { _ in
            onMake()
            return .success(github)
        }
        return registry
    }

    /// Connectors started before the plan (while desired-state.yaml is read) are the ones the
    /// plan uses: made once, told to start reading first, then asked for the plan.
    @Test func startedConnectorsAreTheOnesThePlanAsks() async {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let made = Mutex(0)
        let github = FakeConnector(scope: .github)
        let registry = Self.registry(making: github) { made.withLock { $0 += 1 } }
        let started = StartedConnectors()
        started.start([.github, .supabase], registry: registry, context: bed.context)
        #expect(github.calls == [.startReading])
        let plan = await Planner(registry: registry, context: bed.context, started: started).plan(Planner.Request(
            desired: Self.declaredEverything, policy: bed.policy, scopes: [.github], actor: EngineTestbed.planner,
            createdAt: "2026-11-20T10:00:00Z", inputs: []))
        #expect(github.calls == [.startReading, .plan])
        #expect(made.withLock { $0 } == 1)
        #expect(plan.scope == [.github])
        // Taken once: a second plan makes its own connector.
        _ = await Planner(registry: registry, context: bed.context, started: started).plan(Planner.Request(
            desired: Self.declaredEverything, policy: bed.policy, scopes: [.github], actor: EngineTestbed.planner,
            createdAt: "2026-11-20T10:00:00Z", inputs: []))
        #expect(made.withLock { $0 } == 2)
    }

    /// What the file declares reaches the connector started for that section's scope, and
    /// no other: a section without a started connector, or with no scope, is passed over.
    @Test func declaredListsReachTheStartedConnectorOfTheirScope() {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let github = FakeConnector(scope: .github)
        let vercel = FakeConnector(scope: .vercel)
        var registry = ConnectorRegistry()
        registry.register(scope: .github) { _ in .success(github) }
        registry.register(scope: .vercel) { _ in .success(vercel) }
        let started = StartedConnectors()
        started.start([.github], registry: registry, context: bed.context)
        let labels = DeclaredList(section: "github", key: "labels", count: 1_000)
        started.declared(labels)
        started.declared(DeclaredList(section: "vercel", key: "envVars", count: 5))
        started.declared(DeclaredList(section: "mystery", key: "things", count: 2))
        #expect(github.calls == [.startReading, .continueReading(labels)])
        #expect(vercel.calls.isEmpty)
    }

    /// A plan of every declared scope makes a scope's connector when the parse meets the first
    /// list its section declares: once, told of each list but not to start reading, and the
    /// plan then asks that connector.
    @Test func aDefaultPlanMakesAScopesConnectorAtItsFirstDeclaredList() async {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let made = Mutex(0)
        let github = FakeConnector(scope: .github)
        let registry = Self.registry(making: github) { made.withLock { $0 += 1 } }
        let started = StartedConnectors()
        let labels = DeclaredList(section: "github", key: "labels", count: 3)
        // Before `makeOnDeclaring`, a list makes nothing.
        started.declared(labels)
        #expect(made.withLock { $0 } == 0)
        started.makeOnDeclaring(registry: registry, context: bed.context)
        let protection = DeclaredList(section: "github", key: "branchProtection", count: 1)
        started.declared(labels)
        started.declared(protection)
        started.declared(DeclaredList(section: "mystery", key: "things", count: 2))
        #expect(made.withLock { $0 } == 1)
        #expect(github.calls == [.continueReading(labels), .continueReading(protection)])
        _ = await Planner(registry: registry, context: bed.context, started: started).plan(Planner.Request(
            desired: Self.declaredEverything, policy: bed.policy, scopes: nil, actor: EngineTestbed.planner,
            createdAt: "2026-11-20T10:00:00Z", inputs: []))
        #expect(made.withLock { $0 } == 1)
        #expect(github.calls == [.continueReading(labels), .continueReading(protection), .plan])
    }

    /// A scope started for the command line but not declared in the file is reported as
    /// undeclared, as without the early start; its connector is never asked for a plan.
    @Test func aStartedScopeTheFileDoesNotDeclareIsOnlyReported() async {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let github = FakeConnector(scope: .github)
        var registry = ConnectorRegistry()
        registry.register(scope: .github) { _ in .success(github) }
        let started = StartedConnectors()
        started.start([.github], registry: registry, context: bed.context)
        let plan = await Planner(registry: registry, context: bed.context, started: started).plan(Planner.Request(
            desired: DesiredState(vercel: VercelConfig(envVars: [])), policy: bed.policy, scopes: [.github],
            actor: EngineTestbed.planner, createdAt: "2026-11-20T10:00:00Z", inputs: []))
        #expect(github.calls == [.startReading])
        #expect(plan.checks.map(\.id) == ["github.declared"])
    }

    @Test func everyDeclaredScopeIsAskedOnceByDefault() async {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let plan = await plan(bed)
        #expect(bed.fakes.allSatisfy { $0.calls == [.plan] })
        #expect(plan.scope == [.supabase, .vercel, .github])
        #expect(plan.createdBy == EngineTestbed.planner)
        #expect(plan.inputs.map(\.sha256) == ["sha256:aa"])
    }

    @Test func onlyTheRequestedScopesAreAsked() async {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let plan = await plan(bed, scopes: [.github])
        #expect(bed.fake(.github).calls == [.plan])
        #expect(bed.fake(.vercel).calls.isEmpty)
        #expect(plan.scope == [.github])
    }

    @Test func aRequestedScopeThatIsNotDeclaredIsAWarning() async {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let plan = await plan(bed, desired: DesiredState(github: GitHubConfig(labels: [])), scopes: [.vercel])
        #expect(plan.checks.map(\.id) == ["vercel.declared"])
        #expect(plan.checks.first?.status == .warning)
        #expect(plan.checks.first?.scope == .vercel)
        #expect(bed.fake(.vercel).calls.isEmpty)
    }

    @Test func aScopeWithoutAConnectorIsAWarningNotAnError() async {
        let bed = EngineTestbed(scopes: [.github])
        defer { bed.remove() }
        let plan = await plan(bed, scopes: [.github, .vercel])
        let warning = plan.checks.first { $0.id == "vercel.connector" }
        #expect(warning?.status == .warning)
        #expect(warning?.message == "this version of opsctl has no vercel connector yet; vercel was not audited")
    }

    @Test func missingCredentialsAreOneErrorCheckNamingTheVariablesWhileOtherScopesStillRun() async {
        let bed = EngineTestbed()
        defer { bed.remove() }
        var registry = ConnectorRegistry.serving([bed.fake(.github)])
        registry.register(scope: .vercel) { _ in .failure(MissingCredentials(variables: ["OPS_VERCEL_TOKEN", "OPS_VERCEL_PROJECT_ID"])) }
        let plan = await plan(bed, scopes: [.vercel, .github], registry: registry)
        let error = plan.checks.first { $0.id == "vercel.credentials" }
        #expect(error?.status == .error)
        #expect(error?.message == "vercel was not audited: OPS_VERCEL_TOKEN, OPS_VERCEL_PROJECT_ID are not set")
        #expect(error?.suggestedAction == "set OPS_VERCEL_TOKEN and OPS_VERCEL_PROJECT_ID in the environment and re-run plan")
        #expect(bed.fake(.github).calls == [.plan])
    }

    @Test func changesAndChecksComeInScopeOrderThenByID() async {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let b = ChangeFactory.change("github.label.create.b")
        let a = ChangeFactory.change("github.label.create.a")
        let env = ChangeFactory.change("vercel.env.add.K")
        let table = ChangeFactory.change("supabase.table.create.public.t", risk: .high)
        bed.fake(.github).answerPlan(PlanResponse(checks: [ChangeFactory.failingCheck(for: b), ChangeFactory.failingCheck(for: a)], changes: [b, a]))
        bed.fake(.vercel).answerPlan(PlanResponse(changes: [env]))
        bed.fake(.supabase).answerPlan(PlanResponse(changes: [table]))
        let plan = await plan(bed)
        #expect(plan.changes.map(\.id) == [table.id, env.id, a.id, b.id])
        #expect(plan.checks.map(\.id) == ["github.label.a", "github.label.b"])
    }

    @Test func checksAreOrderedInPlaceStablyWhateverTheirCycles() async {
        let bed = EngineTestbed()
        defer { bed.remove() }
        // A shuffle with cycles of several lengths, and two checks sharing an ID whose order must hold.
        let ids = ["github.e", "github.a", "github.d", "github.c", "github.b", "github.g", "github.f", "github.a"]
        let checks = ids.enumerated().map { ChangeFactory.check($1, scope: .github, status: .pass, message: "number \($0)") }
        bed.fake(.github).answerPlan(PlanResponse(checks: checks))
        bed.fake(.supabase).answerPlan(PlanResponse(checks: [ChangeFactory.check("supabase.z", scope: .supabase, status: .pass)]))
        let plan = await plan(bed)
        #expect(plan.checks.map(\.id) == ["supabase.z", "github.a", "github.a", "github.b", "github.c", "github.d", "github.e", "github.f", "github.g"])
        #expect(plan.checks.filter { $0.id == "github.a" }.map(\.message) == ["number 1", "number 7"])
    }

    @Test func identifiersAreOrderedAsStringsCompareWhateverTheirCharacters() async {
        let bed = EngineTestbed()
        defer { bed.remove() }
        // Swift's order of strings: a prefix first, capitals before small letters, and an "a"
        // with a combining accent taken as the precomposed "á", after "b" though its first byte
        // comes before it (an order of bytes would put it first).
        let ids = ["github.label.b", "github.label.a\u{301}", "github.label.ab", "github.label.a", "github.label.", "github.label.á1", "github.label.Z"]
        let checks = ids.map { ChangeFactory.check($0, scope: .github, status: .pass) }
        bed.fake(.github).answerPlan(PlanResponse(checks: checks))
        let plan = await plan(bed)
        #expect(plan.checks.map(\.id) == ids.sorted())
        #expect(plan.checks.map(\.id).prefix(5) == ["github.label.", "github.label.Z", "github.label.a", "github.label.ab", "github.label.b"])
    }

    @Test func manyIdentifiersMixingASCIIAndOtherCharactersAreOrderedAsStringsCompare() async {
        let bed = EngineTestbed()
        defer { bed.remove() }
        // ASCII IDs are ordered by their bytes and the others as strings: the two must agree
        // wherever they meet, prefixes and repeats included, and the sort must stay stable.
        let pieces = ["a", "b", "Z", "ab", "a\u{301}", "á", "é", "e\u{301}", "0", "~", "ß", "-", "", "label", "labe", "🐛"]
        var generator = SplitMix64(seed: 2026)
        let ids = (0..<600).map { _ in
            "github.label." + (0..<Int.random(in: 1...3, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
        let checks = ids.enumerated().map { ChangeFactory.check($1, scope: .github, status: .pass, message: "number \($0)") }
        bed.fake(.github).answerPlan(PlanResponse(checks: checks))
        let plan = await plan(bed)
        let expected = ids.enumerated().sorted { $0.element != $1.element ? $0.element < $1.element : $0.offset < $1.offset }
        #expect(plan.checks.map(\.id) == expected.map(\.element))
        #expect(plan.checks.map(\.message) == expected.map { "number \($0.offset)" })
    }

    @Test func checksWithEmptyIdentifiersAreStillOrderedByScope() async {
        let bed = EngineTestbed()
        defer { bed.remove() }
        bed.fake(.github).answerPlan(PlanResponse(checks: [ChangeFactory.check("", scope: .github, status: .pass)]))
        bed.fake(.supabase).answerPlan(PlanResponse(checks: [ChangeFactory.check("", scope: .supabase, status: .pass)]))
        let plan = await plan(bed)
        #expect(plan.checks.map(\.scope) == [.supabase, .github])
    }

    @Test func requestsOfEveryScopeAreAddedUp() async {
        let bed = EngineTestbed()
        defer { bed.remove() }
        bed.fake(.github).answerPlan(PlanResponse(requestCount: 11))
        bed.fake(.vercel).answerPlan(PlanResponse(requestCount: 2))
        #expect(await plan(bed).requests == 13)
    }

    @Test func policyDecidesWhichChangesNeedApproval() async {
        var bed = EngineTestbed()
        defer { bed.remove() }
        bed.policy.approvalRules = [ApprovalRule(pattern: ChangeKindPattern("github.label.update")!, requiresApproval: true, approvers: ["admin"])]
        let create = ChangeFactory.change("github.label.create.bug")
        let update = ChangeFactory.change("github.label.update.docs")
        let protection = ChangeFactory.change("github.branch_protection.update.main", risk: .high)
        bed.fake(.github).answerPlan(PlanResponse(changes: [create, update, protection]))
        let plan = await plan(bed)
        #expect(plan.change(create.id)?.requiresApproval == false)
        #expect(plan.change(update.id)?.requiresApproval == true)
        #expect(plan.change(update.id)?.approvers == ["admin"])
        #expect(plan.change(protection.id)?.requiresApproval == true, "high risk needs a human")
        #expect(plan.summary.awaitingApproval == 2)
    }

    @Test func aScopeNotAllowedToAutoApplyNeedsApprovalEvenForLowRisk() async {
        var bed = EngineTestbed()
        defer { bed.remove() }
        bed.policy.autoApplyAllowed = [.github: false]
        let create = ChangeFactory.change("github.label.create.bug")
        bed.fake(.github).answerPlan(PlanResponse(changes: [create]))
        let decision = PolicyEvaluator.decide(for: create, policy: bed.policy)
        #expect(decision.reason == "autoApplyAllowed does not allow github changes without approval")
        #expect(await plan(bed).change(create.id)?.requiresApproval == true)
    }

    @Test func databaseSchemaChangesAlwaysNeedApprovalButBucketsFollowPolicy() {
        let policy = EngineTestbed.openPolicy
        let column = ChangeFactory.change("supabase.column.add.public.t.c")
        let bucket = ChangeFactory.change("supabase.bucket.create.avatars")
        #expect(PolicyEvaluator.decide(for: column, policy: policy).reason == "database schema changes are never applied without approval")
        #expect(PolicyEvaluator.decide(for: bucket, policy: policy).requiresApproval == false)
    }

    @Test func theSummaryCountsByEffectAndFailingChecks() async {
        let bed = EngineTestbed()
        defer { bed.remove() }
        let changes = [
            ChangeFactory.change("github.label.create.a"),
            ChangeFactory.change("github.label.update.b"),
            ChangeFactory.change("github.label.delete.c"),
        ]
        bed.fake(.github).answerPlan(PlanResponse(
            checks: changes.map(ChangeFactory.failingCheck(for:)) + [ChangeFactory.check("github.x", scope: .github, status: .error)],
            changes: changes
        ))
        let summary = await plan(bed).summary
        #expect((summary.toAdd, summary.toChange, summary.toDestroy) == (1, 1, 1))
        #expect(summary.failingChecks == 4)
        #expect(summary.hasChanges)
    }

    @Test func thePlanReceiptRecordsOnlyTheScopesThatWereReadCompletely() async {
        let bed = EngineTestbed()
        defer { bed.remove() }
        bed.fake(.vercel).answerPlan(PlanResponse(checks: [ChangeFactory.check("vercel.env", scope: .vercel, status: .error)]))
        let plan = await plan(bed)
        let body = PlanReceiptBody(plan: plan, planDigest: PlanDigest.of(plan), path: "plan.json")
        #expect(body.scopes == ["supabase", "github"])
        #expect(body.members["bodyVersion"] == .int(1))
    }

    @Test func aPlanSurvivesItsFileUnchanged() async throws {
        let bed = EngineTestbed()
        defer { bed.remove() }
        bed.fake(.github).answerPlan(PlanResponse(changes: [ChangeFactory.change("github.label.create.a", hazards: [.indexBuild])]))
        let plan = await plan(bed)
        let path = bed.directory.appendingPathComponent("plan.json").path
        try PlanFile.write(plan, to: path)
        let read = try PlanFile.read(from: path)
        #expect(read == plan)
        #expect(read.changes.first?.hazards == [.indexBuild])
        #expect(read.scope == [.supabase, .vercel, .github])
    }
}
