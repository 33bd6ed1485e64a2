import Foundation
import OpsCore
import Testing

@testable import OpsConnectors
@testable import OpsSandbox

/// GitHub Actions without static keys: the job's OIDC token (the sandbox's issuer) exchanged
/// at the sandbox's STS for temporary credentials, which then sign SSM requests.
@Suite("AWS web identity from GitHub Actions")
struct STSWebIdentityTests {
    static let requestToken = "CANARY-actions-request-token-0d9e8f"
    static let role = "arn:aws:iam::123456789012:role/autorisen-deploy"

    func environment(_ bed: SSMTestbed, role: String = STSWebIdentityTests.role) -> [String: String] {
        [
            "OPSCTL_SANDBOX_URL": bed.baseURL, "AWS_REGION": "us-east-1", "AWS_ROLE_ARN": role,
            "ACTIONS_ID_TOKEN_REQUEST_URL": bed.baseURL + "/oidc/token?api-version=2.0", "ACTIONS_ID_TOKEN_REQUEST_TOKEN": Self.requestToken,
            "GITHUB_RUN_ID": "4242",
        ]
    }

    @Test func theJobsTokenBecomesTemporaryCredentialsThatSignSSMRequests() async throws {
        let bed = try SSMTestbed(parameters: [(name: "/autorisen/prod/DATABASE_URL", value: "postgres://db")])
        let settings = try AWSSettings.resolve(bed.context(environment(bed))).get()
        #expect(settings.credentials == .webIdentity(AWSSettings.WebIdentity(
            roleARN: Self.role, sessionName: "opsctl-4242",
            token: .actionsOIDC(requestURL: bed.baseURL + "/oidc/token?api-version=2.0", requestToken: Self.requestToken))))
        let client = try SSMClient.make(context: bed.context(environment(bed))).get()
        #expect(try await client.parametersByPath("/autorisen/prod").map(\.value) == ["postgres://db"])
        #expect(try await client.parametersByPath("/autorisen/prod").count == 1)

        let credentials = try await client.credentials.credentials()
        #expect(credentials.accessKeyID.hasPrefix("ASIA"))
        // The request token, the OIDC token and the temporary keys are all secrets now.
        #expect(bed.redactor.redact(Self.requestToken) == "[REDACTED]")
        #expect(bed.redactor.redact(credentials.secretAccessKey) == "[REDACTED]")
        #expect(bed.redactor.redact(credentials.sessionToken ?? "") == "[REDACTED]")
        // One exchange serves every request.
        let state = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: bed.stateFile))))
        #expect(state["aws"]?["access_keys"]?.arrayValue?.filter { $0["role"]?.stringValue == Self.role }.count == 1)
    }

    /// Outside GitHub Actions (a Kubernetes service account, another CI): the AWS SDKs' token
    /// file, read at the exchange, wins over the Actions variables.
    @Test func theTokenFileIsExchangedAsTheSDKsDo() async throws {
        let bed = try SSMTestbed(parameters: [(name: "/autorisen/prod/DATABASE_URL", value: "postgres://db")])
        let issuer = Redactor(registry: SecretRegistry())
        let jwt = try await ActionsOIDCToken(requestURL: bed.baseURL + "/oidc/token?api-version=2.0", requestToken: Self.requestToken, redactor: issuer).fetch()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("opsctl-web-identity-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data((jwt + "\n").utf8).write(to: file)
        var variables = environment(bed)
        variables["AWS_WEB_IDENTITY_TOKEN_FILE"] = file.path
        let settings = try AWSSettings.resolve(bed.context(variables)).get()
        #expect(settings.credentials == .webIdentity(AWSSettings.WebIdentity(roleARN: Self.role, sessionName: "opsctl-4242", token: .file(path: file.path))))
        let client = try SSMClient.make(context: bed.context(variables)).get()
        #expect(try await client.parametersByPath("/autorisen/prod").map(\.value) == ["postgres://db"])
        #expect(bed.redactor.redact(jwt) == "[REDACTED]")

        // Without the Actions variables the file alone is enough; a missing file is one sentence.
        let missing = ["OPSCTL_SANDBOX_URL": bed.baseURL, "AWS_REGION": "us-east-1", "AWS_ROLE_ARN": Self.role,
                       "AWS_WEB_IDENTITY_TOKEN_FILE": file.path + ".gone"]
        let failing = try SSMClient.make(context: bed.context(missing)).get()
        let error = await #expect(throws: SSMError.self) { try await failing.parametersByPath("/autorisen/prod") }
        #expect(error?.diagnostic.message.contains("could not read the web identity token file \(file.path).gone") == true, "\(String(describing: error))")
        #expect(error?.diagnostic.hint?.contains("AWS_WEB_IDENTITY_TOKEN_FILE") == true)
    }

    @Test func aMalformedRoleIsRefusedByName() async throws {
        let bed = try SSMTestbed()
        let client = try SSMClient.make(context: bed.context(environment(bed, role: "deploy-role"))).get()
        let error = await #expect(throws: SSMError.self) { try await client.parametersByPath("/autorisen/prod") }
        #expect(error?.diagnostic.message == "AWS SSM GetParametersByPath for /autorisen/prod was not sent: "
            + "AWS STS AssumeRoleWithWebIdentity for deploy-role failed: ValidationError: Request ARN is invalid")
        #expect(error?.diagnostic.hint?.contains("arn:aws:iam::123456789012:role/NAME") == true)
    }

    @Test func aTokenForAnotherAudienceIsRefused() async throws {
        let bed = try SSMTestbed()
        let redactor = Redactor(registry: SecretRegistry())
        let token = try await ActionsOIDCToken(requestURL: bed.baseURL + "/oidc/token?api-version=2.0", requestToken: Self.requestToken, redactor: redactor)
            .fetch(audience: "https://github.com/autorisen")
        #expect(redactor.redact(token) == "[REDACTED]")
        let sts = STSClient(baseURL: URL(string: bed.baseURL + "/sts")!, redactor: redactor)
        let error = await #expect(throws: AWSCredentialError.self) {
            try await sts.assumeRoleWithWebIdentity(roleARN: Self.role, sessionName: "opsctl", webIdentityToken: token)
        }
        #expect(error?.diagnostic.message == "AWS STS AssumeRoleWithWebIdentity for \(Self.role) failed: InvalidIdentityToken: Incorrect token audience")
        #expect(error?.diagnostic.hint?.contains("token.actions.githubusercontent.com") == true)
    }

    @Test func withoutTheRequestTokenTheOIDCEndpointRefuses() async throws {
        let bed = try SSMTestbed()
        let oidc = ActionsOIDCToken(requestURL: bed.baseURL + "/oidc/token", requestToken: "", redactor: Redactor(registry: SecretRegistry()))
        let error = await #expect(throws: AWSCredentialError.self) { try await oidc.fetch() }
        #expect(error?.diagnostic.message.hasPrefix("could not get the GitHub Actions OIDC token for audience sts.amazonaws.com") == true)
        #expect(error?.diagnostic.hint?.contains("id-token: write") == true)
    }
}
