import Foundation
import OpsCore
import OpsRender
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// The secrets scope against the sandbox's Heroku and Vercel: drift per key and target by
/// keyed fingerprints, a sync that writes only what differs, stale refusals, prune, rotation.
@Suite("Secrets connector")
struct SecretsConnectorTests {
    static let same = "CANARY-same-value-0a1b2c"
    static let sourceValue = "CANARY-source-value-3d4e5f"
    static let herokuValue = "CANARY-heroku-value-6a7b8c"
    static let newKeyValue = "CANARY-new-key-value-9d0e1f"
    static let extraValue = "CANARY-extra-value-2a3b4c"

    static func config(prune: Bool = false, vercel: Bool = false) -> SecretsConfig {
        SecretsConfig(
            source: .env,
            targets: SecretTargets(heroku: HerokuSecretTarget(app: "autorisen", prune: prune),
                                   vercel: vercel ? VercelSecretTarget(targets: [.production]) : nil),
            keys: [
                SecretKey(name: "SAME_KEY"), SecretKey(name: "CHANGED_KEY"), SecretKey(name: "NEW_KEY", targets: [.heroku]),
                SecretKey(name: "ABSENT_KEY"),
            ]
        )
    }

    static let source = ["SAME_KEY": same, "CHANGED_KEY": sourceValue, "NEW_KEY": newKeyValue]

    /// Heroku holds SAME_KEY as in the source, CHANGED_KEY with another value, and EXTRA_KEY.
    func seed(_ testbed: HerokuTestbed) async throws {
        try await testbed.heroku("PATCH", "/apps/autorisen/config-vars", [
            "SAME_KEY": .string(Self.same), "CHANGED_KEY": .string(Self.herokuValue), "EXTRA_KEY": .string(Self.extraValue),
        ])
    }

    func connector(_ testbed: HerokuTestbed, source: [String: String] = SecretsConnectorTests.source) -> SecretsConnector {
        SecretsConnector(context: testbed.context(source), sources: .unavailable)
    }

    @Test func theDriftTableShowsEveryState() async throws {
        let testbed = try HerokuTestbed()
        try await seed(testbed)
        let plan = await testbed.plan(DesiredState(secrets: Self.config(vercel: true)), context: testbed.context(Self.source), scopes: [.secrets])
        let table = try #require(SecretsDriftTable(plan))
        #expect(table.targets == ["heroku", "vercel"])
        let states = Dictionary(table.rows.map { ($0.key, $0.states) }, uniquingKeysWith: { first, _ in first })
        #expect(states["SAME_KEY"] == ["heroku": .inSync, "vercel": .missingInTarget])
        #expect(states["CHANGED_KEY"] == ["heroku": .differs, "vercel": .missingInTarget])
        #expect(states["NEW_KEY"] == ["heroku": .missingInTarget])
        #expect(states["ABSENT_KEY"] == ["heroku": .missingInSource, "vercel": .missingInSource])
        #expect(states["EXTRA_KEY"] == ["heroku": .extraInTarget])
        #expect(table.text(colour: .plain) == """

            Secrets drift (values compared by keyed fingerprint, never shown):
              key          heroku             vercel
              ABSENT_KEY   missing in source  missing in source
              CHANGED_KEY  differs            missing in target
              NEW_KEY      missing in target  —
              SAME_KEY     in sync            missing in target
              EXTRA_KEY    extra in target    —

            """)

        let heroku = try #require(plan.changes.first { $0.id.description == "secrets.sync.heroku.autorisen" })
        #expect(heroku.risk == .high)
        #expect(heroku.description == "Sync the environment to Heroku app autorisen: set CHANGED_KEY, NEW_KEY")
        #expect(heroku.before == ["CHANGED_KEY": "(sensitive, differs)"])
        #expect(heroku.after == ["CHANGED_KEY": "(sensitive, from the environment)", "NEW_KEY": "(sensitive, from the environment)"])
        #expect(plan.changes.contains { $0.id.description == "secrets.sync.vercel.prj_secrets_test" })
        #expect(plan.checks.first { $0.id == "secrets.heroku.unmanaged.EXTRA_KEY" }?.status == .unmanaged)

        let rendered = PlanTextRenderer.render(plan, colour: .plain) + PlanFile.encode(plan) + PlanMarkdownRenderer.render(plan)
        for value in [Self.same, Self.sourceValue, Self.herokuValue, Self.newKeyValue, Self.extraValue] {
            #expect(!rendered.contains(value))
            #expect(!rendered.contains(PlanDigest.hexSHA256(Array(value.utf8))))
        }
    }

    @Test func applyWritesOnlyTheKeysThatDifferInOneRelease() async throws {
        let testbed = try HerokuTestbed()
        try await seed(testbed)
        let plan = await testbed.plan(DesiredState(secrets: Self.config()), context: testbed.context(Self.source), scopes: [.secrets])
        let change = try #require(plan.changes.first)
        let releasesBefore = try await testbed.releases("autorisen").count
        let connector = connector(testbed)
        #expect(await connector.refresh(RefreshRequest(change: change)) == .unchanged)
        let response = await connector.apply(ApplyRequest(change: change, secrets: SecretResolver { _ in .failure(SecretResolutionError(reference: "", reason: "unused")) }))
        guard case .applied(let before, let after, let detail) = response else {
            Issue.record("apply failed: \(response)")
            return
        }
        #expect(detail == "set CHANGED_KEY, NEW_KEY in Heroku app autorisen")
        #expect(before["NEW_KEY"] == .null)
        #expect(after["NEW_KEY"]?["valueFingerprint"]?.stringValue?.count == 64)
        let snapshots = JSONWriter.canonical(before) + JSONWriter.canonical(after)
        #expect(![Self.sourceValue, Self.herokuValue, Self.newKeyValue].contains { snapshots.contains($0) })

        let releases = try await testbed.releases("autorisen")
        #expect(releases.count == releasesBefore + 1)
        #expect(releases.last?["description"] == "Set CHANGED_KEY, NEW_KEY config vars")
        #expect(try await testbed.configVars("autorisen") == [
            "SAME_KEY": .string(Self.same), "CHANGED_KEY": .string(Self.sourceValue), "NEW_KEY": .string(Self.newKeyValue),
            "EXTRA_KEY": .string(Self.extraValue),
        ])
        #expect(await connector.refresh(RefreshRequest(change: change)) == .alreadyApplied)

        let again = await testbed.plan(DesiredState(secrets: Self.config()), context: testbed.context(Self.source), scopes: [.secrets])
        #expect(again.changes.isEmpty)
    }

    @Test func aKeyThatMovedSincePlanIsAStaleRefusalNamingIt() async throws {
        let testbed = try HerokuTestbed()
        try await seed(testbed)
        let plan = await testbed.plan(DesiredState(secrets: Self.config()), context: testbed.context(Self.source), scopes: [.secrets])
        let change = try #require(plan.changes.first)
        try await testbed.heroku("PATCH", "/apps/autorisen/config-vars", ["SAME_KEY": "CANARY-edited-by-hand-5f5f"])
        let refreshed = await connector(testbed).refresh(RefreshRequest(change: change))
        guard case .moved(_, let detail) = refreshed else {
            Issue.record("expected a stale refusal, got \(refreshed)")
            return
        }
        #expect(detail == "SAME_KEY changed in Heroku app autorisen since the plan")
    }

    @Test func aSourceValueThatChangedSincePlanIsNotWritten() async throws {
        let testbed = try HerokuTestbed()
        try await seed(testbed)
        let plan = await testbed.plan(DesiredState(secrets: Self.config()), context: testbed.context(Self.source), scopes: [.secrets])
        let change = try #require(plan.changes.first)
        var rotated = Self.source
        rotated["CHANGED_KEY"] = "CANARY-rotated-after-plan-1234"
        let response = await connector(testbed, source: rotated).apply(ApplyRequest(change: change, secrets: SecretResolver { _ in .failure(SecretResolutionError(reference: "", reason: "unused")) }))
        guard case .failed(let diagnostic) = response else {
            Issue.record("expected a refusal, got \(response)")
            return
        }
        #expect(diagnostic.message == "cannot apply secrets.sync.heroku.autorisen: the value of CHANGED_KEY in the environment changed since the plan")
        #expect(try await testbed.configVars("autorisen")["CHANGED_KEY"] == .string(Self.herokuValue))
    }

    @Test func pruneRemovesUndeclaredKeysOnlyWhenTheTargetAsksForIt() async throws {
        let testbed = try HerokuTestbed()
        try await seed(testbed)
        let kept = await testbed.plan(DesiredState(secrets: Self.config()), context: testbed.context(Self.source), scopes: [.secrets])
        let keep = try #require(kept.changes.first)
        #expect(try SecretsSyncPayload(change: keep).remove.isEmpty)

        let pruning = await testbed.plan(DesiredState(secrets: Self.config(prune: true)), context: testbed.context(Self.source), scopes: [.secrets])
        let prune = try #require(pruning.changes.first)
        #expect(prune.description == "Sync the environment to Heroku app autorisen: set CHANGED_KEY, NEW_KEY; remove EXTRA_KEY")
        #expect(prune.before["EXTRA_KEY"] == "(sensitive, not declared)")
        #expect(prune.after["EXTRA_KEY"] == nil)
        #expect(pruning.checks.first { $0.id == "secrets.heroku.unmanaged.EXTRA_KEY" }?.status == .fail)
        let response = await connector(testbed).apply(ApplyRequest(change: prune, secrets: SecretResolver { _ in .failure(SecretResolutionError(reference: "", reason: "unused")) }))
        guard case .applied(_, let after, let detail) = response else {
            Issue.record("apply failed: \(response)")
            return
        }
        #expect(detail == "set CHANGED_KEY, NEW_KEY and removed EXTRA_KEY in Heroku app autorisen")
        #expect(after["EXTRA_KEY"] == .null)
        #expect(try await testbed.configVars("autorisen")["EXTRA_KEY"] == nil)
        #expect(try await testbed.releases("autorisen").last?["description"] == "Set CHANGED_KEY, NEW_KEY config vars; Remove EXTRA_KEY config vars")
    }

    @Test func aVercelTargetIsCreatedThenInSync() async throws {
        let testbed = try HerokuTestbed()
        let config = SecretsConfig(source: .env, targets: SecretTargets(vercel: VercelSecretTarget(targets: [.production, .preview])),
                                   keys: [SecretKey(name: "SAME_KEY")])
        let context = testbed.context(Self.source)
        let plan = await testbed.plan(DesiredState(secrets: config), context: context, scopes: [.secrets])
        let change = try #require(plan.changes.first)
        #expect(change.id.description == "secrets.sync.vercel.prj_secrets_test")
        let response = await SecretsConnector(context: context, sources: .unavailable).apply(ApplyRequest(change: change, secrets: SecretResolver { _ in .failure(SecretResolutionError(reference: "", reason: "unused")) }))
        guard case .applied(_, _, let detail) = response else {
            Issue.record("apply failed: \(response)")
            return
        }
        #expect(detail == "set SAME_KEY in Vercel project prj_secrets_test (production, preview)")
        let again = await testbed.plan(DesiredState(secrets: config), context: context, scopes: [.secrets])
        #expect(again.changes.isEmpty)
        #expect(again.checks.first { $0.id == "secrets.vercel.in-sync.SAME_KEY" }?.status == .pass)
    }

    @Test func aSensitiveVercelValueIsUnverifiedAndNotSynced() async throws {
        let testbed = try HerokuTestbed()
        let client = ServiceHTTPClient(configuration: .vercel(baseURL: URL(string: testbed.baseURL + "/vercel")!, token: HerokuTestbed.vercelToken))
        _ = try await client.send(.json("POST", "/v10/projects/\(HerokuTestbed.project)/env", body: [
            "key": "SAME_KEY", "value": .string(Self.herokuValue), "type": "sensitive", "target": ["production"],
        ]))
        let config = SecretsConfig(source: .env, targets: SecretTargets(vercel: VercelSecretTarget(targets: [.production])),
                                   keys: [SecretKey(name: "SAME_KEY")])
        let plan = await testbed.plan(DesiredState(secrets: config), context: testbed.context(Self.source), scopes: [.secrets])
        #expect(plan.changes.isEmpty)
        let check = try #require(plan.checks.first { $0.id == "secrets.vercel.unverified.SAME_KEY" })
        #expect(check.status == .warning)
        #expect(SecretsDriftTable(plan)?.rows.first?.states == ["vercel": .unverified])
    }

    /// A source that knows when each value last changed, as SSM's `LastModifiedDate` does.
    struct DatedSource: SecretSource {
        var secrets: [SourceSecret]
        var label: String { "AWS SSM /autorisen/prod/" }
        func readAll(wanted: [String]) async throws(SecretSourceError) -> [SourceSecret] { secrets }
        func read(names: [String]) async throws(SecretSourceError) -> [SourceSecret] { secrets.filter { names.contains($0.name) } }
    }

    @Test func aValueOlderThanRotateEveryIsAWarningNamingTheOwner() async throws {
        let testbed = try HerokuTestbed()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let source = DatedSource(secrets: [
            SourceSecret(name: "STRIPE_SECRET_KEY", value: "CANARY-old-stripe-0001", lastModified: now.addingTimeInterval(-100 * 86_400)),
            SourceSecret(name: "DATABASE_URL", value: "CANARY-fresh-db-0002", lastModified: now.addingTimeInterval(-10 * 86_400)),
        ])
        let sources = SecretSources { _, _ in .success(source) }
        let config = SecretsConfig(source: .ssm, ssmPath: "/autorisen/prod/", targets: SecretTargets(heroku: HerokuSecretTarget(app: "autorisen")), keys: [
            SecretKey(name: "STRIPE_SECRET_KEY", owner: "payments@autorisen.com", rotateEvery: 90 * 86_400, rotateEveryText: "90d"),
            SecretKey(name: "DATABASE_URL", owner: "db@autorisen.com", rotateEvery: 90 * 86_400, rotateEveryText: "90d"),
        ])
        var connector = SecretsConnector(context: testbed.context(), sources: sources)
        connector.now = { now }
        let response = await connector.plan(PlanRequest(desired: DesiredState(secrets: config)))
        let overdue = try #require(response.checks.first { $0.id == "secrets.rotation.overdue.STRIPE_SECRET_KEY" })
        #expect(overdue.status == .warning)
        #expect(overdue.message == "STRIPE_SECRET_KEY last changed 100 days ago, longer than its rotateEvery 90d; owner: payments@autorisen.com")
        #expect(overdue.suggestedAction == "ask payments@autorisen.com to rotate STRIPE_SECRET_KEY in the source, then re-run plan to sync it")
        #expect(response.checks.first { $0.id == "secrets.rotation.current.DATABASE_URL" }?.status == .pass)
        #expect(response.checks.contains { $0.id == "secrets.heroku.missing-in-target.STRIPE_SECRET_KEY" })
    }

    @Test func anSSMSourceWithoutTheAWSConnectorAndAMissingKeyAreErrorChecks() async throws {
        let testbed = try HerokuTestbed()
        let config = SecretsConfig(source: .ssm, ssmPath: "/autorisen/prod/", targets: SecretTargets(heroku: HerokuSecretTarget(app: "autorisen")),
                                   keys: [SecretKey(name: "DATABASE_URL")])
        let plan = await testbed.plan(DesiredState(secrets: config), context: testbed.context(herokuKey: nil), scopes: [.secrets])
        let errors = plan.checks.filter { $0.status == .error }
        #expect(errors.map(\.id) == ["secrets.heroku", "secrets.source"])
        #expect(errors.first?.message == "cannot read the heroku target: HEROKU_API_KEY is not set")
        #expect(errors.last?.message == "secrets.source ssm (/autorisen/prod/) is not available in this build: it has no AWS SSM connector")
    }
}
