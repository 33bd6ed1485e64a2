import Testing

@testable import OpsCore

/// SigV4 against cases of AWS's official Signature Version 4 test suite (credentials
/// AKIDEXAMPLE, region us-east-1, service `service`, 2015-08-30 12:36:00 UTC); the expected
/// values are the suite's.
@Suite("SigV4")
struct SigV4Tests {
    static let credentials = SigV4.Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let amzDate = "20150830T123600Z"
    static let signer = SigV4(region: "us-east-1", service: "service")

    static func request(_ method: String = "GET", path: String = "/", query: String = "", extra: [(name: String, value: String)] = []) -> SigV4.Request {
        SigV4.Request(method: method, path: path, query: query, headers: [("Host", "example.amazonaws.com")] + extra + [("X-Amz-Date", amzDate)])
    }

    @Test func getVanilla() throws {
        let request = Self.request()
        #expect(try Self.signer.canonicalRequest(request) == """
            GET
            /

            host:example.amazonaws.com
            x-amz-date:20150830T123600Z

            host;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(try Self.signer.stringToSign(request, amzDate: Self.amzDate) == """
            AWS4-HMAC-SHA256
            20150830T123600Z
            20150830/us-east-1/service/aws4_request
            bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63
            """)
        #expect(try Self.signer.authorization(request, credentials: Self.credentials, amzDate: Self.amzDate)
            == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    @Test(arguments: [
        ("post-vanilla", "POST", "", [(String, String)](), "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        ("get-vanilla-query-order-key-case", "GET", "Param2=value2&Param1=value1", [], "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        ("get-header-key-duplicate", "GET", "", [("My-Header1", "value2"), ("My-Header1", "value2"), ("My-Header1", "value1")],
         "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"),
        ("get-header-value-trim", "GET", "", [("My-Header1", " value1"), ("My-Header2", " \"a   b   c\"")],
         "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
    ])
    func officialCases(name: String, method: String, query: String, headers: [(String, String)], signature: String) throws {
        let request = Self.request(method, query: query, extra: headers.map { (name: $0.0, value: $0.1) })
        #expect(try Self.signer.signature(request, credentials: Self.credentials, amzDate: Self.amzDate) == signature, "\(name)")
    }

    @Test func duplicateAndUntrimmedHeadersCanonicalise() throws {
        let duplicate = try Self.signer.canonicalRequest(Self.request(extra: [("My-Header1", "value2"), ("My-Header1", "value2"), ("My-Header1", "value1")]))
        #expect(duplicate.contains("\nmy-header1:value2,value2,value1\n"))
        let trimmed = try Self.signer.canonicalRequest(Self.request(extra: [("My-Header1", " value1"), ("My-Header2", " \"a   b   c\"")]))
        #expect(trimmed.contains("\nmy-header1:value1\nmy-header2:\"a b c\"\n"))
        #expect(SigV4.canonicalQuery("Param2=value2&Param1=value1") == "Param1=value1&Param2=value2")
    }

    @Test(arguments: [
        ("/", "/"), ("//", "/"), ("/./", "/"), ("/example/..", "/"), ("/example space/", "/example%20space/"),
        ("/ሴ", "/%E1%88%B4"),
        ("/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
    ])
    func paths(path: String, canonical: String) {
        #expect(SigV4.canonicalURI(path) == canonical)
    }

    @Test func signingKeyDerivationMatchesAWSDocumentation() throws {
        let key = try SigV4(region: "us-east-1", service: "iam").signingKey(secretAccessKey: Self.credentials.secretAccessKey, date: "20120215")
        #expect(Hex.encode(key) == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    /// The JSON 1.1 path SSM uses: the exact body bytes are what is hashed and signed.
    @Test func ssmRequestRegression() throws {
        let body = Array(#"{"Path":"/opsctl/prod","Recursive":true,"WithDecryption":false,"MaxResults":10}"#.utf8)
        #expect(try SHA256.hexHash(body) == "204c7e7bf242565933e7d789618cffc94794b6cbd9086956c39ad4ce41a11964")
        let request = SigV4.Request(method: "POST", path: "/", headers: [
            ("Content-Type", "application/x-amz-json-1.1"), ("Host", "ssm.us-east-1.amazonaws.com"), ("X-Amz-Date", Self.amzDate),
            ("X-Amz-Target", "AmazonSSM.GetParametersByPath"),
        ], body: body)
        let signer = SigV4(region: "us-east-1", service: "ssm")
        #expect(try SHA256.hexHash(Array(try signer.canonicalRequest(request).utf8)) == "027ceeeb94581c7d845b85bfebf8ca9f28ef5f89737e32e6310857b3ec74d9de")
        #expect(try signer.signature(request, credentials: Self.credentials, amzDate: Self.amzDate) == "e7a8d4c4168cca147dc43bd7e9fa58aa4b4abc8acb8069a74268c84e0e92fa34")
    }

    @Test func temporaryCredentialsSignTheirToken() throws {
        let temporary = SigV4.Credentials(accessKeyID: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "token-123")
        let added = try Self.signer.signingHeaders(
            for: SigV4.Request(method: "GET", path: "/", headers: [("Host", "example.amazonaws.com")]), credentials: temporary, amzDate: Self.amzDate
        )
        #expect(added.map(\.name) == ["X-Amz-Date", "X-Amz-Security-Token", "Authorization"])
        #expect(added[2].value.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"))
        #expect(SigV4.amzDate(UTCTime(epochSeconds: 1_440_938_160)) == "20150830T123600Z")
    }
}
