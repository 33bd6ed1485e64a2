import Foundation
import OpsCore
import Testing

@testable import OpsConnectors

/// The SSM client against moto, the AWS emulator the AWS community tests against, because
/// real AWS behaviour matters more than our own emulator's: SecureString puts, a listing of
/// more than ten parameters (so `NextToken` is followed), batches with missing names, AWS's
/// error codes, and `ssm:` references.
@Suite("AWS SSM against moto", .serialized)
struct SSMMotoTests {
    static let canary = "CANARY-moto-secret-value-61f0c9"

    @Test func putListBatchAndResolveAgainstMoto() async throws {
        let moto: MotoServer
        do {
            moto = try MotoServer()
        } catch {
            Issue.record("moto is required for this test and could not be started: \(error)")
            return
        }
        defer { moto.stop() }
        let redactor = Redactor(registry: SecretRegistry())
        let context = ConnectorContext(environment: [
            "OPS_SSM_API_URL": moto.baseURL, "AWS_ACCESS_KEY_ID": "AKIAMOTOEXAMPLE00001", "AWS_SECRET_ACCESS_KEY": "moto/secret/EXAMPLEKEY",
            "AWS_REGION": "us-east-1",
        ], redactor: redactor)
        let client = try SSMClient.make(context: context).get()

        for index in 1...13 {
            let version = try await client.putParameter(name: "/opsctl-e2e/prod/KEY_\(String(format: "%02d", index))", value: "\(Self.canary)-\(index)")
            #expect(version == 1)
        }
        try await client.putParameter(name: "/opsctl-e2e/other/KEY", value: "elsewhere")
        #expect(try await client.putParameter(name: "/opsctl-e2e/prod/KEY_01", value: "\(Self.canary)-1") == 2)
        let refused = await #expect(throws: SSMError.self) {
            try await client.putParameter(name: "/opsctl-e2e/prod/KEY_01", value: "x", overwrite: false)
        }
        #expect(refused?.code == "ParameterAlreadyExists")
        #expect(refused?.diagnostic.message.hasPrefix("AWS SSM PutParameter for /opsctl-e2e/prod/KEY_01 failed (ParameterAlreadyExists)") == true)

        let before = client.http.metrics.snapshot().requests
        let source = SSMSecretSource(path: "/opsctl-e2e/prod/", client: client)
        let all = try await source.readAll(wanted: [])
        #expect(all.map(\.name) == (1...13).map { "KEY_\(String(format: "%02d", $0))" })
        #expect(all.map(\.value) == (1...13).map { "\(Self.canary)-\($0)" })
        #expect(all.allSatisfy { $0.lastModified.map { abs($0.timeIntervalSinceNow) < 600 } ?? false })
        #expect(client.http.metrics.snapshot().requests - before >= 2, "13 parameters take more than one page of 10")

        let batch = try await client.parameters(named: (1...13).map { "/opsctl-e2e/prod/KEY_\(String(format: "%02d", $0))" } + ["/opsctl-e2e/prod/MISSING"])
        #expect(batch.parameters.count == 13)
        #expect(batch.invalidParameters == ["/opsctl-e2e/prod/MISSING"])

        let resolver = SSMReferenceResolver(context: context)
        #expect(try await resolver.value(for: "ssm:/opsctl-e2e/prod/KEY_07").get() == "\(Self.canary)-7")
        guard case .failure(let missing) = await resolver.value(for: "ssm:/opsctl-e2e/prod/MISSING") else { Issue.record("expected a failure"); return }
        #expect(missing.diagnostic.message == "cannot read the secret 'ssm:/opsctl-e2e/prod/MISSING': AWS SSM has no parameter /opsctl-e2e/prod/MISSING")
        #expect(redactor.redact("\(Self.canary)-7") == "[REDACTED]")
    }
}
