import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// The Vercel connector against the sandbox's Vercel emulator, over real HTTP on loopback,
/// planned and applied through the real planner and applier.
@Suite("Vercel connector")
struct VercelConnectorTests {
    static let desired = VercelConfig(
        envVars: [
            .env("STRIPE_SECRET_KEY", [.production, .preview], .encrypted, from: "STRIPE_SECRET_KEY"),
            .env("NEXT_PUBLIC_URL", [.production], .plain, from: "PUBLIC_URL"),
            .env("API_TOKEN", [.production], .sensitive, from: "API_TOKEN"),
        ],
        crons: [VercelCron(path: "/api/cron/digest", schedule: "0 9 * * *")]
    )

    static func ids(_ plan: Plan) -> [String] { plan.changes.map(\.id.description) }

    @Test func plansMissingAndDifferentVariablesAppliesThemAndConverges() async throws {
        let bed = try VercelTestbed()
        bed.set("STRIPE_SECRET_KEY", "sk_live_value_one_123456")
        bed.set("PUBLIC_URL", "https://app.example.com")
        bed.set("API_TOKEN", "api-token-value-0001")
        // Drift: the plain variable exists with the wrong value, targets and type.
        _ = try await bed.createEnv("NEXT_PUBLIC_URL", value: "https://old.example.com", type: "encrypted", targets: ["production", "preview"])
        try await bed.deployCrons(#"[{"path":"/api/cron/digest","schedule":"0 8 * * *"}]"#)

        let plan = await bed.plan(Self.desired)
        #expect(Self.ids(plan) == ["vercel.env.add.API_TOKEN", "vercel.env.add.STRIPE_SECRET_KEY", "vercel.env.update.NEXT_PUBLIC_URL"])
        let update = try #require(plan.change(ChangeID("vercel.env.update.NEXT_PUBLIC_URL")!))
        #expect(update.description == "update NEXT_PUBLIC_URL: targets production, preview → production; type encrypted → plain; value (sensitive, changed)")
        #expect(plan.changes.allSatisfy { $0.risk == .medium && !$0.requiresApproval })
        let cron = try #require(plan.checks.first { $0.id == "vercel.cron./api/cron/digest" })
        #expect(cron.status == .fail)
        #expect(cron.suggestedAction == #"set "crons" in vercel.json to [{"path":"/api/cron/digest","schedule":"0 9 * * *"}] and deploy to production"#)

        let report = try await bed.apply(plan)
        #expect(report.applied == 3, "\(report.entries)")
        #expect(report.failed == 0)

        let again = await bed.plan(Self.desired)
        #expect(again.changes.isEmpty, "\(again.changes.map(\.description))")
        let envChecks = again.checks.filter { $0.id.hasPrefix("vercel.env.") }
        #expect(envChecks.count == 3)
        #expect(envChecks.allSatisfy { $0.status == .pass && $0.message.contains("(sensitive, unchanged)") }, "\(envChecks.map(\.message))")

        let listing = try await bed.vercel("GET", "/v10/projects/\(bed.project)/env")
        let listed = try listing.decodeJSON(VercelEnvListBody.self).envs
        #expect(listed.count == 3)
        // The connector's listing takes the fast path with only the members it reads, not
        // Foundation's fallback: nothing it decodes was left out.
        let kept = try JSONParser.parse(listing.body, keepingMembers: VercelEnvListBody.members)
        let fast = try JSONValueDecoder.decode(VercelEnvListBody.self, from: kept)
        #expect(fast.envs.map(\.key).sorted() == listed.map(\.key).sorted())
        #expect(fast.envs.map(\.type).sorted() == listed.map(\.type).sorted())
        let plain = try #require(listed.first { $0.key == "NEXT_PUBLIC_URL" })
        #expect(plain.type == "plain")
        #expect(plain.value == "https://app.example.com")
    }

    @Test func refreshSeesUnchangedBeforeAndAlreadyAppliedAfter() async throws {
        let bed = try VercelTestbed()
        bed.set("STRIPE_SECRET_KEY", "sk_live_value_one_123456")
        let connector = try bed.connector()
        let plan = await bed.plan(VercelConfig(envVars: [Self.desired.envVars[0]]))
        let change = try #require(plan.changes.first)
        #expect(await connector.refresh(RefreshRequest(change: change)) == .unchanged)
        guard case .applied(let before, let after, _) = await connector.apply(ApplyRequest(change: change, secrets: bed.resolver)) else {
            Issue.record("the add failed")
            return
        }
        #expect(before == .null)
        #expect(after["value"] == "(sensitive)")
        #expect(after["valueFingerprint"] == .string(try bed.fingerprinter.fingerprint(of: "sk_live_value_one_123456").hex))
        #expect(await connector.refresh(RefreshRequest(change: change)) == .alreadyApplied)
    }

    @Test func aChangedValueIsFoundByFingerprintForReadableTypes() async throws {
        let bed = try VercelTestbed()
        bed.set("STRIPE_SECRET_KEY", "sk_live_new_value_123456")
        bed.set("PUBLIC_URL", "https://app.example.com")
        _ = try await bed.createEnv("STRIPE_SECRET_KEY", value: "sk_live_old_value_123456", type: "encrypted", targets: ["production", "preview"])
        _ = try await bed.createEnv("NEXT_PUBLIC_URL", value: "https://app.example.com", type: "plain", targets: ["production"])
        let plan = await bed.plan(VercelConfig(envVars: Array(Self.desired.envVars.prefix(2))))
        #expect(Self.ids(plan) == ["vercel.env.update.STRIPE_SECRET_KEY"])
        let change = try #require(plan.changes.first)
        #expect(change.after["value"] == "(sensitive, changed)")
        #expect(change.payload["writesValue"] == true)
        #expect(plan.checks.first { $0.id == "vercel.env.NEXT_PUBLIC_URL" }?.message == "NEXT_PUBLIC_URL (production) matches (type plain, value (sensitive, unchanged))")

        #expect(try await bed.apply(plan).applied == 1)
        #expect(await bed.plan(VercelConfig(envVars: Array(Self.desired.envVars.prefix(2)))).changes.isEmpty)
    }

    @Test func aSensitiveValueIsComparedThroughTheLastOutcomeReceipt() async throws {
        let bed = try VercelTestbed()
        let config = VercelConfig(envVars: [Self.desired.envVars[2]])
        bed.set("API_TOKEN", "api-token-value-0001")
        #expect(try await bed.apply(await bed.plan(config)).applied == 1)

        // Vercel never returns the value; the receipt's fingerprint says it is ours.
        let same = await bed.plan(config)
        #expect(same.changes.isEmpty)
        #expect(same.checks.first?.message == "API_TOKEN (production) matches (type sensitive, value (sensitive, unchanged))")
        #expect(bed.receiptsText.contains("\"valueFingerprint\""))

        bed.set("API_TOKEN", "api-token-value-0002")
        let changed = await bed.plan(config)
        #expect(Self.ids(changed) == ["vercel.env.update.API_TOKEN"])
        #expect(changed.changes.first?.after["value"] == "(sensitive, changed)")
        #expect(try await bed.apply(changed).applied == 1)
        #expect(await bed.plan(config).changes.isEmpty)

        // Without receipts, or after someone edited it, the value is unverified and set again.
        let blind = await (try bed.connector(withReceipts: false)).plan(PlanRequest(desired: DesiredState(vercel: config)))
        #expect(blind.changes.first?.after["value"] == "(sensitive, unverified)")
        let id = try await bed.vercel("GET", "/v10/projects/\(bed.project)/env").decodeJSON(VercelEnvListBody.self).envs.first?.id ?? ""
        _ = try await bed.vercel("PATCH", "/v9/projects/\(bed.project)/env/\(id)", ["value": "someone-elses-value"])
        let edited = await bed.plan(config)
        #expect(edited.changes.first?.description.contains("it was edited after opsctl last set it") == true)
    }

    @Test func aChangeThatMovedRemotelyIsStaleAndADeletedOneToo() async throws {
        let bed = try VercelTestbed()
        bed.set("STRIPE_SECRET_KEY", "sk_live_new_value_123456")
        let id = try await bed.createEnv("STRIPE_SECRET_KEY", value: "sk_live_old_value_123456", type: "encrypted", targets: ["production", "preview"])
        let config = VercelConfig(envVars: [Self.desired.envVars[0]])
        let connector = try bed.connector()
        let change = try #require(await bed.plan(config).changes.first)
        #expect(await connector.refresh(RefreshRequest(change: change)) == .unchanged)

        _ = try await bed.vercel("PATCH", "/v9/projects/\(bed.project)/env/\(id)", ["value": "sk_live_third_value_1234"])
        guard case .moved(let now, let detail) = await connector.refresh(RefreshRequest(change: change)) else {
            Issue.record("a value edited after plan was not reported as moved")
            return
        }
        #expect(now != change.observed)
        #expect(detail == "its value or settings were edited since plan")

        let report = try await bed.apply(Plan(createdAt: "2026-11-22T10:00:00Z", createdBy: "p", scope: [.vercel], inputs: [], checks: [], changes: [change]))
        guard case .stale = report.entries.first?.outcome else {
            Issue.record("apply did not refuse the stale change: \(report.entries)")
            return
        }

        _ = try await bed.vercel("PATCH", "/v9/projects/\(bed.project)/env/\(id)", ["target": ["production"]])
        if case .moved(_, let detail) = await connector.refresh(RefreshRequest(change: change)) {
            #expect(detail == "its targets changed")
        } else {
            Issue.record("a target edit was not reported as moved")
        }
        _ = try await bed.vercel("DELETE", "/v9/projects/\(bed.project)/env/\(id)")
        #expect(await connector.refresh(RefreshRequest(change: change)) == .moved(now: PlanDigest.of(JSONValue.null), detail: "it was deleted"))
    }

    @Test func aValueSwappedBetweenPlanAndApplyIsRefused() async throws {
        let bed = try VercelTestbed()
        bed.set("STRIPE_SECRET_KEY", "sk_live_planned_value_12")
        let plan = await bed.plan(VercelConfig(envVars: [Self.desired.envVars[0]]))
        bed.set("STRIPE_SECRET_KEY", "sk_live_swapped_value_12")
        let report = try await bed.apply(plan)
        guard case .failed(let diagnostic) = report.entries.first?.outcome else {
            Issue.record("a swapped value was applied: \(report.entries)")
            return
        }
        #expect(diagnostic.message == "the value behind env:STRIPE_SECRET_KEY is not the one vercel.env.add.STRIPE_SECRET_KEY was planned with")
        #expect(try await bed.vercel("GET", "/v10/projects/\(bed.project)/env").decodeJSON(VercelEnvListBody.self).envs.isEmpty)
    }

    @Test func aFailedEntryInThe201IsAFailureWithItsMessage() async throws {
        let bed = try VercelTestbed()
        bed.set("STRIPE_SECRET_KEY", "sk_live_value_one_123456")
        let plan = await bed.plan(VercelConfig(envVars: [Self.desired.envVars[0]]))
        try await bed.script([
            "method": "POST", "path": .string("/vercel/v10/projects/\(bed.project)/env"),
            "responses": [["status": 201, "body": [
                "created": [],
                "failed": [["error": ["code": "ENV_CONFLICT", "message": "an ongoing env update is already happening", "key": "STRIPE_SECRET_KEY"]]],
            ]]],
        ])
        let connector = try bed.connector()
        let change = try #require(plan.changes.first)
        guard case .failed(let diagnostic) = await connector.apply(ApplyRequest(change: change, secrets: bed.resolver)) else {
            Issue.record("a 201 with failed[] was taken for success")
            return
        }
        #expect(diagnostic.message == "Vercel did not create STRIPE_SECRET_KEY: an ongoing env update is already happening (ENV_CONFLICT)")
    }

    @Test func aDuplicateCreatedAfterPlanIs403AtApply() async throws {
        let bed = try VercelTestbed()
        bed.set("STRIPE_SECRET_KEY", "sk_live_value_one_123456")
        let change = try #require(await bed.plan(VercelConfig(envVars: [Self.desired.envVars[0]])).changes.first)
        _ = try await bed.createEnv("STRIPE_SECRET_KEY", value: "someone-elses", type: "encrypted", targets: ["preview"])
        let connector = try bed.connector()
        if case .moved(_, let detail) = await connector.refresh(RefreshRequest(change: change)) {
            #expect(detail == "STRIPE_SECRET_KEY was created for preview by someone else")
        } else {
            Issue.record("a variable created since plan was not reported as moved")
        }
        guard case .failed(let diagnostic) = await connector.apply(ApplyRequest(change: change, secrets: bed.resolver)) else {
            Issue.record("a duplicate create succeeded")
            return
        }
        #expect(diagnostic.message == "Vercel refused to create STRIPE_SECRET_KEY: A variable with the name `STRIPE_SECRET_KEY` already exists for the target preview")
        #expect(diagnostic.hint == "someone created it since plan; re-run plan to compare it with desired-state.yaml")
    }

    @Test func aKeyDeclaredPerTargetIsMatchedPerTarget() async throws {
        let bed = try VercelTestbed()
        bed.set("DB_PROD", "postgres://prod-value-123")
        bed.set("DB_PREVIEW", "postgres://preview-value-12")
        _ = try await bed.createEnv("DATABASE_URL", value: "postgres://prod-value-123", type: "encrypted", targets: ["production"])
        let config = VercelConfig(envVars: [
            .env("DATABASE_URL", [.production], from: "DB_PROD"), .env("DATABASE_URL", [.preview, .development], from: "DB_PREVIEW"),
        ])
        let plan = await bed.plan(config)
        #expect(Self.ids(plan) == ["vercel.env.add.DATABASE_URL.preview+development"])
        #expect(plan.checks.first { $0.id == "vercel.env.DATABASE_URL.production" }?.status == .pass)
        #expect(try await bed.apply(plan).applied == 1)
        #expect(await bed.plan(config).changes.isEmpty)
    }

    @Test func everyCallCarriesTheTeam() async throws {
        let bed = try VercelTestbed(team: "team_opsctl")
        bed.set("STRIPE_SECRET_KEY", "sk_live_value_one_123456")
        _ = try await bed.createEnv("STRIPE_SECRET_KEY", value: "sk_live_value_one_123456", type: "encrypted", targets: ["production", "preview"])
        try await bed.deployCrons(#"[{"path":"/api/cron/digest","schedule":"0 9 * * *"}]"#)
        let plan = await bed.plan(VercelConfig(envVars: [Self.desired.envVars[0]], crons: Self.desired.crons))
        #expect(plan.changes.isEmpty)
        #expect(plan.checks.allSatisfy { $0.status == .pass }, "\(plan.checks.map(\.message))")
        // The same project id outside the team is another, empty project.
        let personal = try await bed.vercel("GET", "/v10/projects/\(bed.project)/env?teamId=")
        #expect(try personal.decodeJSON(VercelEnvListBody.self).envs.isEmpty)
    }

    @Test func aPagedListingIsReadToTheEnd() async throws {
        let bed = try VercelTestbed(options: VercelEmulator.Options(defaultEnvPageSize: 2))
        for index in 0..<5 {
            _ = try await bed.createEnv("KEY_\(index)", value: "value-\(index)-abcdef", type: "plain", targets: ["production"])
        }
        let config = VercelConfig(envVars: (0..<5).map { VercelEnvVar.env("KEY_\($0)", [.production], .plain) })
        let connector = try bed.connector()
        let response = await connector.plan(PlanRequest(desired: DesiredState(vercel: config)))
        #expect(response.changes.isEmpty)
        #expect(response.checks.allSatisfy { $0.status == .pass })
        #expect(response.requestCount == 3)
    }

    @Test func disabledAndMissingCronsAreFailingChecksWithoutChanges() async throws {
        let bed = try VercelTestbed()
        let plan = await bed.plan(VercelConfig(crons: Self.desired.crons))
        #expect(plan.changes.isEmpty)
        #expect(plan.checks.map(\.status) == [.fail])
        try await bed.deployCrons(#"[{"path":"/api/cron/digest","schedule":"0 9 * * *"},{"path":"/api/cron/extra","schedule":"0 1 * * *"}]"#)
        let checks = await bed.plan(VercelConfig(crons: Self.desired.crons)).checks
        #expect(checks.map(\.id) == ["vercel.cron./api/cron/digest", "vercel.crons.undeclared"])
        #expect(checks.map(\.status) == [.pass, .fail])
    }

    @Test func aRateLimitedListingIsRetriedAfterTheReset() async throws {
        let bed = try VercelTestbed()
        _ = try await bed.createEnv("KEY_0", value: "value-0-abcdef", type: "plain", targets: ["production"])
        try await bed.script(["method": "GET", "path": .string("/vercel/v10/projects/\(bed.project)/env"), "responses": [["status": 429]]])
        let connector = try bed.connector()
        let response = await connector.plan(PlanRequest(desired: DesiredState(vercel: VercelConfig(envVars: [.env("KEY_0", [.production], .plain)]))))
        #expect(response.checks.map(\.status) == [.pass], "\(response.checks.map(\.message))")
        #expect(response.requestCount == 2)
    }

    @Test func missingCredentialsNameTheVariables() {
        let context = ConnectorContext(environment: ["OPS_VERCEL_TEAM_ID": "team_1"], redactor: Redactor(registry: SecretRegistry()))
        guard case .failure(let missing) = VercelConnector.make(context: context) else {
            Issue.record("a connector was made without a token")
            return
        }
        #expect(missing.variables == ["OPS_VERCEL_TOKEN", "OPS_VERCEL_PROJECT_ID"])
    }

    @Test func anUnreachableServiceIsAnErrorCheckWithoutTheToken() async throws {
        let environment = ["OPS_VERCEL_API_URL": "http://127.0.0.1:9", "OPS_VERCEL_TOKEN": VercelTestbed.token, "OPS_VERCEL_PROJECT_ID": "app"]
        let connector = try VercelConnector.make(context: ConnectorContext(environment: environment, redactor: Redactor(registry: SecretRegistry()))).get()
        let response = await connector.plan(PlanRequest(desired: DesiredState(vercel: Self.desired)))
        #expect(response.checks.map(\.id) == ["vercel.env", "vercel.crons"])
        #expect(response.checks.allSatisfy { $0.status == .error && $0.message.contains("Vercel") && !$0.message.contains(VercelTestbed.token) })
    }
}
