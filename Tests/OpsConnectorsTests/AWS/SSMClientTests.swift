import Foundation
import OpsCore
import Synchronization
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// The SSM client against the sandbox's SSM: pages to the end through empty pages, batches of
/// ten, throttling retried, every refusal one clear sentence, the session token signed.
@Suite("AWS SSM client")
struct SSMClientTests {
    static let canary = "CANARY-ssm-value-3e9d7a1f0b2c"

    @Test func readsEveryParameterUnderAPathThroughEmptyPages() async throws {
        // Twelve parameters sorted before the path fill the first scan window: AWS-style,
        // the first page is empty and still carries a NextToken.
        var seeded = (1...12).map { (name: "/aaa/filler/P\($0)", value: "filler-\($0)") }
        seeded += (1...13).map { (name: "/autorisen/prod/KEY_\(String(format: "%02d", $0))", value: "value-\($0)") }
        seeded += [(name: "/autorisen/prod/nested/DEEP", value: "deep"), (name: "/autorisen/staging/KEY_01", value: "staging")]
        let bed = try SSMTestbed(parameters: seeded)
        let client = try bed.client()
        let found = try await client.parametersByPath("/autorisen/prod")
        #expect(found.map(\.name) == (1...13).map { "/autorisen/prod/KEY_\(String(format: "%02d", $0))" } + ["/autorisen/prod/nested/DEEP"])
        #expect(found.first?.value == "value-1")
        #expect(found.first?.lastModified == Date(timeIntervalSince1970: 1_764_547_200.25))
        // 27 parameters in windows of ten: three requests, the first answered with an empty page.
        #expect(client.http.metrics.snapshot().requests == 3)

        let shallow = try await client.parametersByPath("/autorisen/prod", recursive: false)
        #expect(!shallow.contains { $0.name.hasSuffix("/DEEP") })
        #expect(shallow.count == 13)
    }

    @Test func putThenReadBackWithVersionsAndDecryption() async throws {
        let bed = try SSMTestbed()
        let client = try bed.client()
        #expect(try await client.putParameter(name: "/autorisen/prod/STRIPE_SECRET_KEY", value: Self.canary) == 1)
        #expect(try await client.putParameter(name: "/autorisen/prod/STRIPE_SECRET_KEY", value: Self.canary + "-2") == 2)
        let plain = try await client.parametersByPath("/autorisen/prod/", withDecryption: false)
        #expect(plain.first?.value.hasPrefix("AQICAH") == true)
        #expect(plain.first?.value.contains(Self.canary) == false)
        let decrypted = try await client.parametersByPath("/autorisen/prod/")
        #expect(decrypted.first?.value == Self.canary + "-2")
        #expect(decrypted.first?.version == 2)
        let lastModified = try #require(decrypted.first?.lastModified)
        #expect(abs(lastModified.timeIntervalSinceNow) < 60)
        #expect(bed.redactor.redact("x \(Self.canary)-2 y") == "x [REDACTED] y")

        let refused = await #expect(throws: SSMError.self) {
            try await client.putParameter(name: "/autorisen/prod/STRIPE_SECRET_KEY", value: "third", overwrite: false)
        }
        #expect(refused?.code == "ParameterAlreadyExists")
    }

    @Test func getParametersBatchesByTenAndReportsTheMissing() async throws {
        let bed = try SSMTestbed(parameters: (1...12).map { (name: "/app/K\($0)", value: "v\($0)") })
        let client = try bed.client()
        let names = (1...12).map { "/app/K\($0)" } + ["/app/MISSING_1", "/app/MISSING_2"]
        let batch = try await client.parameters(named: names)
        #expect(Set(batch.parameters.map(\.name)) == Set((1...12).map { "/app/K\($0)" }))
        #expect(batch.invalidParameters == ["/app/MISSING_1", "/app/MISSING_2"])
        #expect(client.http.metrics.snapshot().requests == 2)
    }

    @Test func throttlingIsRetriedWithBackoff() async throws {
        let bed = try SSMTestbed(parameters: [(name: "/app/K", value: "v")])
        try await bed.script(["method": "POST", "path": "/ssm/", "responses": [["status": 429, "repeat": 2]]])
        let client = try bed.client()
        let found = try await client.parametersByPath("/app")
        #expect(found.map(\.name) == ["/app/K"])
        let metrics = client.http.metrics.snapshot()
        #expect(metrics.requests == 3)
        #expect(metrics.throttled == 2)
    }

    @Test(arguments: [
        ("unknown key", "UnrecognizedClientException", "check AWS_ACCESS_KEY_ID"),
        ("wrong secret", "InvalidSignatureException", "check AWS_SECRET_ACCESS_KEY"),
        ("denied", "AccessDeniedException", "ssm:GetParametersByPath"),
        ("expired", "ExpiredTokenException", "temporary credentials have expired"),
        ("wrong token", "UnrecognizedClientException", "check AWS_ACCESS_KEY_ID"),
    ])
    func eachRefusalIsOneClearSentence(caseName: String, code: String, hint: String) async throws {
        let bed = try SSMTestbed(parameters: [(name: "/autorisen/prod/DATABASE_URL", value: Self.canary)])
        let client: SSMClient = switch caseName {
        case "unknown key": try bed.client(AWSAccountState.AccessKey(id: "AKIAUNKNOWNKEY000001", secret: "whatever-secret-0000"))
        case "wrong secret": try bed.client(AWSAccountState.AccessKey(id: SSMTestbed.key.id, secret: "not-the-secret-000000"))
        case "denied": try bed.client(SSMTestbed.deniedKey)
        case "expired": try bed.client(SSMTestbed.expiredKey)
        default: try bed.client(SSMTestbed.temporaryKey, sessionToken: "not-the-session-token")
        }
        let error = await #expect(throws: SSMError.self) { try await client.parametersByPath("/autorisen/prod/") }
        let diagnostic = try #require(error?.diagnostic)
        #expect(error?.code == code)
        #expect(diagnostic.message.hasPrefix("AWS SSM GetParametersByPath for /autorisen/prod/ was refused (\(code))"), "\(diagnostic.message)")
        #expect(!diagnostic.message.contains("\n"))
        #expect(!diagnostic.message.contains("[REDACTED]"), "AWS's own message is kept")
        #expect(diagnostic.hint?.contains(hint) == true, "\(diagnostic.hint ?? "")")
        #expect(client.http.metrics.snapshot().requests == 1)
        #expect(!diagnostic.message.contains(Self.canary))
    }

    @Test func aDeniedDecryptNamesKMS() async throws {
        let bed = try SSMTestbed(parameters: [(name: "/autorisen/prod/DATABASE_URL", value: Self.canary)])
        let error = await #expect(throws: SSMError.self) { try await bed.client(SSMTestbed.noDecryptKey).parametersByPath("/autorisen/prod/") }
        #expect(error?.diagnostic.message.contains("kms:Decrypt") == true)
        #expect(error?.diagnostic.hint?.contains("kms:Decrypt") == true)
    }

    @Test func temporaryCredentialsSignTheirSessionToken() async throws {
        let bed = try SSMTestbed(parameters: [(name: "/app/K", value: "v")])
        let client = try bed.client(SSMTestbed.temporaryKey)
        #expect(try await client.parametersByPath("/app").map(\.value) == ["v"])
        #expect(bed.redactor.redact(SSMTestbed.temporaryKey.sessionToken!) == "[REDACTED]")
    }

    @Test func missingVariablesAreNamed() async throws {
        let redactor = Redactor(registry: SecretRegistry())
        let none = await SSMSecretSource.make(context: ConnectorContext(environment: [:], redactor: redactor), path: "/autorisen/prod/")
        guard case .failure(let error) = none else { Issue.record("expected a failure"); return }
        #expect(error.diagnostic.message == "AWS SSM /autorisen/prod/ cannot be read: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION are not set")
        #expect(error.diagnostic.hint?.hasPrefix("set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION in the environment") == true)

        let role = AWSSettings.resolve(ConnectorContext(environment: ["AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/deploy", "AWS_REGION": "us-east-1"], redactor: redactor))
        guard case .failure(let missing) = role else { Issue.record("expected a failure"); return }
        #expect(missing.variables == ["ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_URL"])
        #expect(missing.message.contains("id-token: write"))
    }

    /// An answer the client cannot decode still has its values registered first, and a
    /// `--verbose` request log shows none of them.
    @Test func valuesAreRegisteredAsTheyArriveEvenFromAnUnreadableAnswer() async throws {
        let bed = try SSMTestbed()
        try await bed.script(["method": "POST", "path": "/ssm/", "responses": [[
            "status": 200, "body": ["Parameters": [["Name": "/app/K", "Value": .string(Self.canary), "Version": "not-a-number"]]],
        ]]])
        let lines = LogLines()
        var context = bed.context(bed.environment())
        context.requestLog = { lines.append($0) }
        let client = try SSMClient.make(context: context).get()
        let error = await #expect(throws: SSMError.self) { try await client.parametersByPath("/app") }
        #expect(error?.diagnostic.message.contains("unreadable body") == true, "\(error?.diagnostic.message ?? "")")
        #expect(bed.redactor.redact(Self.canary) == "[REDACTED]")
        let everything = (lines.all + [error?.diagnostic.message ?? "", error?.diagnostic.hint ?? ""]).joined(separator: "\n")
        #expect(!everything.contains(Self.canary))
        #expect(!everything.contains(try SHA256.hexHash(Array(Self.canary.utf8))))
        #expect(lines.all.contains { $0.hasPrefix("POST / → 200") })
    }
}

final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    var all: [String] { lines.withLock { $0 } }
}
