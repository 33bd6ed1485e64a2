import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// `SSMSecretSource` and `ssm:` references against the sandbox: names relative to the path,
/// `LastModifiedDate` kept, values registered with the redactor, and no canary (nor its
/// unkeyed SHA-256) in any error.
@Suite("AWS SSM secret source")
struct SSMSecretSourceTests {
    static let canary = "CANARY-ssm-database-url-postgres-8c1e"

    @Test func namesAreRelativeToThePathAndValuesAreRegistered() async throws {
        let bed = try SSMTestbed(parameters: [
            (name: "/autorisen/prod/DATABASE_URL", value: Self.canary), (name: "/autorisen/prod/REDIS_URL", value: "redis://cache:6379"),
            (name: "/autorisen/production/OTHER", value: "not-under-the-path"),
        ])
        let source = try await SSMSecretSource.make(context: bed.context(bed.environment()), path: "/autorisen/prod/").get()
        #expect(source.label == "AWS SSM /autorisen/prod/")
        let all = try await source.readAll(wanted: [])
        #expect(all.map(\.name) == ["DATABASE_URL", "REDIS_URL"])
        #expect(all.first?.lastModified == Date(timeIntervalSince1970: 1_764_547_200.25))
        #expect(bed.redactor.redact("url=\(Self.canary)") == "url=[REDACTED]")

        let some = try await source.read(names: ["REDIS_URL", "ABSENT"])
        #expect(some.map(\.name) == ["REDIS_URL"])
        #expect(some.first?.value == "redis://cache:6379")
    }

    @Test func refusalsBecomeSourceErrorsWithoutTheValue() async throws {
        let bed = try SSMTestbed(parameters: [(name: "/autorisen/prod/DATABASE_URL", value: Self.canary)])
        let source = try await SSMSecretSource.make(context: bed.context(bed.environment(SSMTestbed.deniedKey)), path: "/autorisen/prod/").get()
        let error = await #expect(throws: SecretSourceError.self) { try await source.readAll(wanted: ["DATABASE_URL"]) }
        let message = error?.diagnostic.message ?? ""
        #expect(message.contains("AWS SSM GetParametersByPath for /autorisen/prod was refused (AccessDeniedException)"))
        #expect(error?.diagnostic.hint?.contains("ssm:GetParametersByPath") == true)
        #expect(!message.contains(Self.canary))
        #expect(!message.contains(try SHA256.hexHash(Array(Self.canary.utf8))))
    }

    @Test func ssmReferencesResolveThroughGetParameters() async throws {
        let bed = try SSMTestbed(parameters: [(name: "/autorisen/prod/STRIPE_SECRET_KEY", value: Self.canary)])
        let resolver = SSMReferenceResolver(context: bed.context(bed.environment()))
        #expect(try await resolver.value(for: "ssm:/autorisen/prod/STRIPE_SECRET_KEY").get() == Self.canary)
        #expect(bed.redactor.redact(Self.canary) == "[REDACTED]")

        guard case .failure(let missing) = await resolver.value(for: "ssm:/autorisen/prod/NOPE") else { Issue.record("expected a failure"); return }
        #expect(missing.diagnostic.message == "cannot read the secret 'ssm:/autorisen/prod/NOPE': AWS SSM has no parameter /autorisen/prod/NOPE")

        let unconfigured = SSMReferenceResolver(context: ConnectorContext(environment: ["OPSCTL_SANDBOX_URL": bed.baseURL], redactor: bed.redactor))
        guard case .failure(let noKeys) = await unconfigured.value(for: "ssm:/autorisen/prod/STRIPE_SECRET_KEY") else { Issue.record("expected a failure"); return }
        #expect(noKeys.diagnostic.message.contains("AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION are not set"))

        let denied = SSMReferenceResolver(context: bed.context(bed.environment(SSMTestbed.deniedKey)))
        guard case .failure(let refused) = await denied.value(for: "ssm:/autorisen/prod/STRIPE_SECRET_KEY") else { Issue.record("expected a failure"); return }
        #expect(refused.diagnostic.message.contains("was refused (AccessDeniedException)"))
        #expect(refused.diagnostic.hint?.contains("ssm:GetParameters") == true)
        #expect(!refused.diagnostic.message.contains(Self.canary))
    }
}
