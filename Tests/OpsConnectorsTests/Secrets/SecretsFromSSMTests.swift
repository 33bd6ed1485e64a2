import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// The secrets scope as the CLI wires it (`ConnectorCatalog.secretSources`): values from the
/// sandbox's SSM, signed with SigV4, synced one way to the sandbox's Heroku.
@Suite("Secrets from SSM")
struct SecretsFromSSMTests {
    static let databaseURL = "postgres://app:CANARY-ssm-db-password-5e1f@db.internal/app"
    static let stripeKey = "sk_live_CANARYssmstripekey0123456789"

    @Test func driftFromSSMIsSyncedToHerokuAndThenInSync() async throws {
        let testbed = try HerokuTestbed(extra: [SSMEmulator()])
        let aws = [
            "AWS_ACCESS_KEY_ID": AWSAccountState.defaultKey.id, "AWS_SECRET_ACCESS_KEY": AWSAccountState.defaultKey.secret, "AWS_REGION": "eu-west-1",
        ]
        let context = testbed.context(aws)
        let ssm = try SSMClient.make(context: context).get()
        _ = try await ssm.putParameter(name: "/autorisen/prod/DATABASE_URL", value: Self.databaseURL)
        _ = try await ssm.putParameter(name: "/autorisen/prod/STRIPE_SECRET_KEY", value: Self.stripeKey)
        try await testbed.heroku("PATCH", "/apps/autorisen/config-vars", ["DATABASE_URL": "postgres://app:old@db.internal/app"])

        let desired = DesiredState(secrets: SecretsConfig(
            source: .ssm, ssmPath: "/autorisen/prod/", targets: SecretTargets(heroku: HerokuSecretTarget(app: "autorisen")),
            keys: [SecretKey(name: "DATABASE_URL"), SecretKey(name: "STRIPE_SECRET_KEY")]))
        let plan = await testbed.plan(desired, context: context, sources: ConnectorCatalog.secretSources, scopes: [.secrets])
        #expect(!plan.checks.contains { $0.status == .error }, "\(plan.checks.filter { $0.status == .error }.map(\.message))")
        let sync = try #require(plan.changes.first)
        #expect(sync.id.description == "secrets.sync.heroku.autorisen")
        #expect(sync.after["DATABASE_URL"] != nil && sync.after["STRIPE_SECRET_KEY"] != nil)
        let encoded = PlanFile.encode(plan)
        for value in [Self.databaseURL, Self.stripeKey] {
            #expect(!encoded.contains(value))
            #expect(!encoded.contains(PlanDigest.hexSHA256(Array(value.utf8))))
        }

        let connector = try #require(try? SecretsConnector.make(sources: ConnectorCatalog.secretSources)(context).get())
        #expect(await connector.refresh(RefreshRequest(change: sync)) == .unchanged)
        let resolver = SecretResolver { _ in .failure(SecretResolutionError(reference: "", reason: "the source is read by the connector")) }
        guard case .applied = await connector.apply(ApplyRequest(change: sync, secrets: resolver)) else {
            Issue.record("the sync did not apply")
            return
        }
        let vars = try await testbed.configVars("autorisen")
        #expect(vars["DATABASE_URL"]?.stringValue == Self.databaseURL)
        #expect(vars["STRIPE_SECRET_KEY"]?.stringValue == Self.stripeKey)
        let after = await testbed.plan(desired, context: context, sources: ConnectorCatalog.secretSources, scopes: [.secrets])
        #expect(after.changes.isEmpty)
    }
}
