import OpsCore
import Testing
@testable import OpsSandbox

@Suite("Bearer token: Authorization header to token, refusal chosen by the vendor")
struct BearerTokenTests {
    @Test("no header is missing, not malformed")
    func missing() {
        #expect(BearerToken(authorization: nil) == .missing)
    }

    @Test("well-formed headers give the token, whatever the scheme's case or the white space around it", arguments: [
        ("Bearer abc", "abc"),
        ("bearer abc", "abc"),
        ("BEARER abc", "abc"),
        (" \tBearer abc\t ", "abc"),
        ("Bearer    abc", "abc"),
        ("Bearer a b", "a b"),
    ])
    func valid(header: String, token: String) {
        #expect(BearerToken(authorization: header) == .valid(token))
    }

    @Test("malformed headers are refused, not read as anonymous", arguments: [
        "", " ", "Bearer", "Bearer ", "Bearer \t ", "Bearerabc", "Bearer\tabc", "Basic dXNlcjpwdw==", "token abc", "abc",
    ])
    func malformed(header: String) {
        #expect(BearerToken(authorization: header) == .malformed)
        #expect(BearerToken(authorization: header).value == nil)
    }

    @Test("a vendor may accept other schemes (GitHub's `token`)")
    func schemes() {
        let github: Set<String> = ["bearer", "token"]
        #expect(BearerToken(authorization: "token abc", schemes: github) == .valid("abc"))
        #expect(BearerToken(authorization: "Token abc", schemes: github) == .valid("abc"))
        #expect(BearerToken(authorization: "Bearer abc", schemes: github) == .valid("abc"))
        #expect(BearerToken(authorization: "Basic abc", schemes: github) == .malformed)
    }

    @Test("the caller's refusal is used for the matching problem, and not even built for a valid token")
    func refusal() {
        let missing = HTTPResponse.text(401, "missing")
        let malformed = HTTPResponse.text(401, "malformed")
        #expect(BearerToken.missing.refusal(missing: missing, malformed: malformed) == missing)
        #expect(BearerToken.malformed.refusal(missing: missing, malformed: malformed) == malformed)
        var built = 0
        func build() -> HTTPResponse {
            built += 1
            return missing
        }
        #expect(BearerToken.valid("t").refusal(missing: build(), malformed: build()) == nil)
        #expect(built == 0)
        #expect(BearerToken.missing.refusal(missing: nil, malformed: malformed) == nil, "a vendor may let a tokenless request through")
    }
}
