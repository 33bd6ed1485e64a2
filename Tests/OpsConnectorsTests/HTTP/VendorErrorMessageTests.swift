import OpsCore
import Testing

@testable import OpsConnectors

@Suite("Vendor error messages")
struct VendorErrorMessageTests {
    @Test(arguments: [
        (#"{"message":"Server Error","documentation_url":"https://docs.github.com"}"#, [], "Server Error"),
        (
            #"{"message":"Validation Failed","errors":[{"resource":"Label","code":"already_exists","field":"name"}],"documentation_url":"x"}"#,
            [], "Validation Failed (already_exists name)"
        ),
        (#"{"error":{"code":"forbidden","message":"Not authorized"}}"#, [], "Not authorized"),
        (#"{"ok":false,"error":"channel_not_found"}"#, [], "channel_not_found"),
        (#"{"id":"rate_limit","message":"Your account reached the API rate limit","url":"https://devcenter.heroku.com"}"#, [], "Your account reached the API rate limit"),
        (#"{"errors":[{"field":null,"message":"too many requests"}]}"#, [], "too many requests"),
        (#"{"errors":[{"field":"from_email","message":"is required"}]}"#, [], "from_email: is required"),
        (#"{"type":"authentication_error","code":"not_authenticated","detail":"Invalid API key"}"#, [], "Invalid API key"),
        (#"{"statusCode":"404","error":"Bucket not found","message":"Bucket not found"}"#, [], "Bucket not found"),
        ("Service Unavailable", [("Content-Type", "text/plain; charset=utf-8")], "Service Unavailable"),
    ] as [(String, [(String, String)], String)])
    func envelopes(body: String, headers: [(String, String)], expected: String) {
        let message = VendorErrorMessage.extract(
            from: Array(body.utf8), headers: HTTPHeaders(headers), redactor: Redactor(registry: SecretRegistry()))
        #expect(message == expected)
    }

    @Test(arguments: ["", "<html><body>502 Bad Gateway</body></html>", "[1,2,3]", "{not json", #"{"status":"ok"}"#])
    func noMessage(body: String) {
        let message = VendorErrorMessage.extract(
            from: Array(body.utf8), headers: HTTPHeaders([("Content-Type", "text/html")]),
            redactor: Redactor(registry: SecretRegistry()))
        #expect(message == nil)
    }

    @Test func messagesAreRedactedAndShortened() {
        let token = "ghp_" + String(repeating: "Ab12", count: 9)
        let long = String(repeating: "x", count: 1000)
        let redactor = Redactor(registry: SecretRegistry())
        let echoed = VendorErrorMessage.extract(from: Array(#"{"message":"bad token \#(token)"}"#.utf8), redactor: redactor)
        #expect(echoed == "bad token [REDACTED]")
        let truncated = VendorErrorMessage.extract(from: Array(#"{"message":"\#(long)"}"#.utf8), redactor: redactor)
        #expect(truncated?.count == VendorErrorMessage.maximumLength + 1)
    }
}
