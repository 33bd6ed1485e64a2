import Foundation
import OpsCore
import Testing

@testable import OpsSandbox

/// The sandbox's SSM verifies SigV4 as AWS does, with AWS's errors in JSON 1.1, over raw
/// HTTP: requests are signed here by hand with the project's `SigV4`.
@Suite("Sandbox: AWS SSM")
struct SSMEmulatorTests {
    static let key = AWSAccountState.defaultKey

    /// A signed SSM request: `(name, value)` headers as sent, all signed unless listed in `unsigned`.
    func signed(
        _ harness: SandboxHarness, _ operation: String, _ body: JSONValue, key: AWSAccountState.AccessKey = SSMEmulatorTests.key,
        date: Int = SandboxTimestamp.now().epochSeconds, extra: [(String, String)] = [], unsigned: Set<String> = [], service: String = "ssm"
    ) throws -> RawResponse {
        let bytes = JSONWriter.canonicalBytes(body)
        let amzDate = AWSAmzDate.format(date)
        var headers: [(String, String)] = [
            ("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "AmazonSSM.\(operation)"), ("X-Amz-Date", amzDate),
        ] + extra
        let signedHeaders = [("Host", "127.0.0.1:\(harness.port)")] + headers.filter { !unsigned.contains($0.0) }
        let request = SigV4.Request(method: "POST", path: "/ssm/", headers: signedHeaders.map { (name: $0.0, value: $0.1) }, body: bytes)
        let authorization = try SigV4(region: "us-east-1", service: service).authorization(
            request, credentials: SigV4.Credentials(accessKeyID: key.id, secretAccessKey: key.secret), amzDate: amzDate)
        headers.append(("Authorization", authorization))
        return try harness.request("POST", "/ssm/", headers: headers, rawBody: bytes)
    }

    func refusal(_ response: RawResponse) throws -> (status: Int, type: String, message: String) {
        let body = try response.json()
        return (response.status, body["__type"]?.stringValue ?? "", body["message"]?.stringValue ?? "")
    }

    @Test func aSignedRequestIsServedInJSON11() throws {
        let harness = try SandboxHarness(emulators: [SSMEmulator()])
        let put = try signed(harness, "PutParameter", ["Name": "/autorisen/prod/KEY", "Value": "v1", "Type": "SecureString"])
        #expect(put.status == 200)
        #expect(put.headers["Content-Type"] == "application/x-amz-json-1.1")
        #expect(put.headers["x-amzn-RequestId"] != nil)
        #expect(try put.json() == ["Tier": "Standard", "Version": 1])
        let read = try signed(harness, "GetParameter", ["Name": "/autorisen/prod/KEY", "WithDecryption": true])
        #expect(read.status == 200)
        #expect(read.text.contains(#""Value":"v1""#))
        #expect(read.text.range(of: #""LastModifiedDate":\d{10}\.\d{3},"#, options: .regularExpression) != nil, "\(read.text)")
        let missing = try refusal(signed(harness, "GetParameter", ["Name": "/autorisen/prod/NOPE"]))
        #expect(missing.status == 400 && missing.type == "ParameterNotFound")
        let tooMany = try refusal(signed(harness, "GetParametersByPath", ["Path": "/autorisen", "MaxResults": 50]))
        #expect(tooMany.type == "ValidationException")
        #expect(tooMany.message.contains("Member must have value less than or equal to 10"))
    }

    @Test func aWrongSignatureIsRefusedAsAWSRefusesIt() throws {
        let harness = try SandboxHarness(emulators: [SSMEmulator()])
        let wrong = AWSAccountState.AccessKey(id: Self.key.id, secret: "not-the-secret")
        let answer = try refusal(signed(harness, "GetParametersByPath", ["Path": "/x"], key: wrong))
        #expect(answer.status == 403)
        #expect(answer.type == "com.amazon.coral.service#InvalidSignatureException")
        #expect(answer.message.hasPrefix("The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."))
        #expect(answer.message.contains("The Canonical String for this request should have been\n'POST\n/ssm/\n"))
    }

    @Test func aDateMoreThanFifteenMinutesOffIsRefused() throws {
        let harness = try SandboxHarness(emulators: [SSMEmulator()])
        let now = SandboxTimestamp.now().epochSeconds
        let old = try refusal(signed(harness, "GetParametersByPath", ["Path": "/x"], date: now - 20 * 60))
        #expect(old.status == 403)
        #expect(old.type.hasSuffix("#InvalidSignatureException"))
        #expect(old.message.hasPrefix("Signature expired: \(AWSAmzDate.format(now - 20 * 60)) is now earlier than "))
        #expect(old.message.hasSuffix(" - 15 min.)"))
        let future = try refusal(signed(harness, "GetParametersByPath", ["Path": "/x"], date: now + 20 * 60))
        #expect(future.message.hasPrefix("Signature not yet current: "))
        #expect(try signed(harness, "GetParametersByPath", ["Path": "/x"], date: now - 10 * 60).status == 200)
    }

    @Test func anUnsignedAmzHeaderIsRefused() throws {
        let harness = try SandboxHarness(emulators: [SSMEmulator()])
        let answer = try refusal(signed(harness, "GetParametersByPath", ["Path": "/x"], unsigned: ["X-Amz-Target"]))
        #expect(answer.status == 403)
        #expect(answer.type.hasSuffix("#InvalidSignatureException"))
        #expect(answer.message == "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.")
    }

    @Test func missingAuthenticationAndUnknownKeysAreRefused() throws {
        let harness = try SandboxHarness(emulators: [SSMEmulator()])
        let none = try harness.request("POST", "/ssm/", headers: [("X-Amz-Target", "AmazonSSM.GetParametersByPath"), ("Content-Type", "application/x-amz-json-1.1")],
                                       rawBody: Array(#"{"Path":"/x"}"#.utf8))
        let missing = try refusal(none)
        #expect(missing.status == 400)
        #expect(missing.type == "com.amazon.coral.service#MissingAuthenticationTokenException")
        #expect(missing.message == "Missing Authentication Token")
        #expect(none.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException:http://internal.amazon.com/coral/com.amazon.coral.service/")

        let unknown = try refusal(signed(harness, "GetParametersByPath", ["Path": "/x"], key: AWSAccountState.AccessKey(id: "AKIANOBODY0000000001", secret: "s")))
        #expect(unknown.status == 403)
        #expect(unknown.type.hasSuffix("#UnrecognizedClientException"))
        #expect(unknown.message == "The security token included in the request is invalid.")

        let otherService = try refusal(signed(harness, "GetParametersByPath", ["Path": "/x"], service: "sts"))
        #expect(otherService.message.contains("Credential should be scoped to correct service: 'ssm'."))
    }

    @Test func pagesAreBestEffortAndMayBeEmpty() throws {
        let harness = try SandboxHarness(emulators: [SSMEmulator()])
        for index in 1...11 {
            #expect(try signed(harness, "PutParameter", ["Name": .string("/a/filler/P\(index)"), "Value": "x", "Type": "String"]).status == 200)
        }
        #expect(try signed(harness, "PutParameter", ["Name": "/b/KEY", "Value": "y", "Type": "String"]).status == 200)
        // Parameters carry fractional `LastModifiedDate`s, which the project's strict parser
        // refuses by design; Foundation's reads them as a client would.
        func page(_ response: RawResponse) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        }
        let first = try page(signed(harness, "GetParametersByPath", ["Path": "/b", "Recursive": true]))
        #expect((first["Parameters"] as? [Any])?.isEmpty == true)
        let token = try #require(first["NextToken"] as? String)
        let second = try page(signed(harness, "GetParametersByPath", ["Path": "/b", "Recursive": true, "NextToken": .string(token)]))
        #expect((second["Parameters"] as? [[String: Any]])?.compactMap { $0["Name"] as? String } == ["/b/KEY"])
        #expect(second["NextToken"] == nil)
        let forged = try refusal(signed(harness, "GetParametersByPath", ["Path": "/b", "NextToken": "bm9wZQ=="]))
        #expect(forged.type == "ValidationException")
    }

    @Test func injectedThrottlingIsSSMsThrottlingException() throws {
        let response = SSMEmulator().errorResponse(.injected(status: 429), for: EmulatorRequest(
            method: "POST", path: "/", query: QueryParameters(), headers: HTTPHeaders(), body: [], mountURL: "", original: HTTPRequest(method: "POST", target: "/ssm/")))
        #expect(response.status == 400)
        #expect(try JSONParser.parse(response.body) == ["__type": "ThrottlingException", "message": "Rate exceeded"])
    }
}
