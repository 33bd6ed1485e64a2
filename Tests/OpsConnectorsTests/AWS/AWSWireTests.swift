import Foundation
import OpsCore
import Testing

@testable import OpsConnectors

/// The AWS wire details read by hand: error codes as the SDKs sanitise them, STS's XML, the
/// `Host` a signature covers.
@Suite("AWS wire formats")
struct AWSWireTests {
    @Test(arguments: [
        ("com.amazonaws.ssm#ParameterNotFound", "ParameterNotFound"),
        ("ParameterNotFound:http://internal.amazon.com/coral/com.amazonaws.ssm/", "ParameterNotFound"),
        ("com.amazon.coral.service#UnrecognizedClientException:http://internal.amazon.com/", "UnrecognizedClientException"),
        ("ThrottlingException", "ThrottlingException"),
    ])
    func errorCodesAreSanitised(raw: String, code: String) {
        #expect(AWSErrorCode.sanitize(raw) == code)
    }

    @Test func theHeaderWinsAndTheMessageMayBeCapitalised() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(#"{"__type":"com.amazonaws.ssm#Other","Message":"Rate exceeded"}"#.utf8)) as? [String: Any])
        let error = try #require(AWSErrorCode.parse(headers: HTTPHeaders([("x-amzn-ErrorType", "ThrottlingException:http://x/")]), object: object))
        #expect(error == AWSErrorCode(code: "ThrottlingException", message: "Rate exceeded"))
        #expect(error.quoted == "[ThrottlingException] Rate exceeded")
        #expect(AWSErrorCode(quoted: error.quoted) == error)
        #expect(AWSErrorCode(quoted: "[ParameterNotFound]") == AWSErrorCode(code: "ParameterNotFound"))
        #expect(AWSErrorCode(quoted: "Not Found") == nil)
        // Through the shared extractor, redaction keeps AWS's message: a leading `Code: ` would
        // have read as a credential header line.
        let quoted = VendorErrorMessage.extract(
            from: Array(#"{"__type":"ExpiredTokenException","message":"The security token included in the request is expired"}"#.utf8),
            redactor: Redactor(registry: SecretRegistry()))
        #expect(quoted == "[ExpiredTokenException] The security token included in the request is expired")
    }

    @Test func stsAnswersAreReadByElement() {
        let document = """
            <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleWithWebIdentityResult>
                <Credentials>
                  <AccessKeyId>ASIAEXAMPLE</AccessKeyId>
                  <SecretAccessKey>abc&amp;def&#x2F;ghi</SecretAccessKey>
                  <SessionToken>token&lt;1&gt;</SessionToken>
                  <Expiration>2026-12-01T20:00:00Z</Expiration>
                </Credentials>
              </AssumeRoleWithWebIdentityResult>
            </AssumeRoleWithWebIdentityResponse>
            """
        #expect(STSXML.text(of: "AccessKeyId", in: document) == "ASIAEXAMPLE")
        #expect(STSXML.text(of: "SecretAccessKey", in: document) == "abc&def/ghi")
        #expect(STSXML.text(of: "SessionToken", in: document) == "token<1>")
        #expect(STSXML.text(of: "Missing", in: document) == nil)
        #expect(STSClient.parseDate("2026-12-01T20:00:00Z") == Date(timeIntervalSince1970: 1_796_155_200))
        #expect(STSClient.parseDate("2026-12-01T20:00:00.500Z") == Date(timeIntervalSince1970: 1_796_155_200.5))
    }

    @Test func theSignedHostCarriesANonDefaultPort() {
        #expect(RequestAuthorizer.hostHeader(URL(string: "https://ssm.eu-west-1.amazonaws.com/")!) == "ssm.eu-west-1.amazonaws.com")
        #expect(RequestAuthorizer.hostHeader(URL(string: "https://ssm.eu-west-1.amazonaws.com:443/")!) == "ssm.eu-west-1.amazonaws.com")
        #expect(RequestAuthorizer.hostHeader(URL(string: "http://127.0.0.1:4566/ssm")!) == "127.0.0.1:4566")
    }
}
