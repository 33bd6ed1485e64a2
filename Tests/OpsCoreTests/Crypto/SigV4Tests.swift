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

    /// More of the suite's header-signed cases (names as in the suite; the expected signatures
    /// are the suite's): query ordering and encoding, header order, case and sorting, unreserved
    /// and UTF-8 paths, paths the signer normalises, and a form body.
    @Test(arguments: [
        ("get-vanilla-empty-query-key", "GET", "/", "Param1=value1", [(String, String)](), "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"),
        ("get-vanilla-query-order-key", "GET", "/", "Param1=value2&Param1=Value1", [], "eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1"),
        ("get-vanilla-query-order-value", "GET", "/", "Param1=value2&Param1=value1", [], "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694"),
        ("get-vanilla-query-unreserved", "GET", "/",
         "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", [],
         "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
        ("get-vanilla-utf8-query", "GET", "/", "\u{1234}=bar", [], "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        ("get-header-value-order", "GET", "/", "", [("My-Header1", "value4"), ("My-Header1", "value1"), ("My-Header1", "value3"), ("My-Header1", "value2")],
         "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"),
        ("get-unreserved", "GET", "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", "", [],
         "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
        ("get-utf8", "GET", "/\u{1234}", "", [], "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
        ("get-space (normalize-path)", "GET", "/example space/", "", [], "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
        ("get-relative-relative (normalize-path)", "GET", "/example1/example2/../..", "", [], "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        ("get-slash-pointless-dot (normalize-path)", "GET", "/./example", "", [], "ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5"),
        ("get-slashes (normalize-path)", "GET", "//example//", "", [], "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84"),
        ("post-header-key-sort", "POST", "/", "", [("My-Header1", "value1")], "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"),
        ("post-header-value-case", "POST", "/", "", [("My-Header1", "VALUE1")], "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"),
        ("post-vanilla-query", "POST", "/", "Param1=value1", [], "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
    ])
    func moreOfficialCases(name: String, method: String, path: String, query: String, headers: [(String, String)], signature: String) throws {
        let request = Self.request(method, path: path, query: query, extra: headers.map { (name: $0.0, value: $0.1) })
        #expect(try Self.signer.signature(request, credentials: Self.credentials, amzDate: Self.amzDate) == signature, "\(name)")
    }

    /// `post-header-key-case`: header names are case-insensitive (`X-AMZ-DATE` signs as `x-amz-date`).
    @Test func postHeaderKeyCase() throws {
        let request = SigV4.Request(method: "POST", path: "/", headers: [("HOST", "example.amazonaws.com"), ("X-AMZ-DATE", Self.amzDate)])
        #expect(try Self.signer.signature(request, credentials: Self.credentials, amzDate: Self.amzDate)
            == "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")
    }

    /// `post-x-www-form-urlencoded` and `post-x-www-form-urlencoded-parameters` (a charset in
    /// the content type; Content-Length sent but not signed): the body is hashed as sent.
    @Test func formBodies() throws {
        let body = Array("Param1=value1".utf8)
        let unsignedLength = SigV4.Request(method: "POST", path: "/", headers: [
            ("Content-Type", "application/x-www-form-urlencoded"), ("Host", "example.amazonaws.com"), ("X-Amz-Date", Self.amzDate),
        ], body: body)
        #expect(try Self.signer.signature(unsignedLength, credentials: Self.credentials, amzDate: Self.amzDate)
            == "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a")
        let charset = SigV4.Request(method: "POST", path: "/", headers: [
            ("Content-Type", "application/x-www-form-urlencoded; charset=utf8"), ("Host", "example.amazonaws.com"), ("X-Amz-Date", Self.amzDate),
        ], body: body)
        #expect(try Self.signer.signature(charset, credentials: Self.credentials, amzDate: Self.amzDate)
            == "1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe")
    }

    /// `post-sts-header-before`: a session token sent as `X-Amz-Security-Token` is signed.
    @Test func postSTSHeaderBefore() throws {
        let token = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="
        let temporary = SigV4.Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: Self.credentials.secretAccessKey, sessionToken: token)
        let added = try Self.signer.signingHeaders(
            for: SigV4.Request(method: "POST", path: "/", headers: [("Host", "example.amazonaws.com")]), credentials: temporary, amzDate: Self.amzDate)
        #expect(added.last?.value == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead")
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
