import Testing

@testable import OpsCore

@Suite("Redactor headers and parameters")
struct RedactorHeaderAndParameterTests {
    @Test(arguments: [
        "Authorization", "authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "apikey", "X-Api-Key",
        "X-GitHub-Token", "X-Amz-Security-Token", "X-Slack-Signature", "Stripe-Secret", "Idempotency-Key",
        "X-Auth-Password",
    ])
    func sensitiveHeadersAreMaskedWhole(name: String) {
        let redactor = Redactor(registry: SecretRegistry())
        let headers = redactor.redact(HTTPHeaders([(name, "plain-looking-value"), ("Accept", "application/json")]))
        #expect(headers[name] == "[REDACTED]")
        #expect(headers["Accept"] == "application/json")
    }

    @Test(arguments: ["Accept", "Content-Type", "User-Agent", "X-GitHub-Api-Version", "Link", "ETag"])
    func ordinaryHeadersAreKept(name: String) {
        #expect(!SensitiveNames.isSensitiveHeader(name))
    }

    @Test func ordinaryHeaderValuesAreStillScrubbed() {
        let redactor = Redactor(registry: SecretRegistry())
        let link = "<https://api.example.com/items?page=2&access_token=abcdef123456>; rel=\"next\""
        let headers = redactor.redact(HTTPHeaders([("Link", link)]))
        #expect(headers["Link"] == "<https://api.example.com/items?page=2&access_token=[REDACTED]>; rel=\"next\"")
    }

    @Test(arguments: [
        ("https://h/p?token=abc123&page=2", "https://h/p?token=[REDACTED]&page=2"),
        ("https://h/p?page=2&key=abc123", "https://h/p?page=2&key=[REDACTED]"),
        ("https://h/p?signature=ff00aa&x=1", "https://h/p?signature=[REDACTED]&x=1"),
        (
            "https://b.s3.amazonaws.com/o?X-Amz-Credential=AK%2F1&X-Amz-Signature=abcdef0123",
            "https://b.s3.amazonaws.com/o?X-Amz-Credential=[REDACTED]&X-Amz-Signature=[REDACTED]"
        ),
        ("grant_type=x&client_secret=s3cr3t&code=1", "grant_type=x&client_secret=[REDACTED]&code=1"),
        ("https://h/p?api_key=v&apiKey=w", "https://h/p?api_key=[REDACTED]&apiKey=[REDACTED]"),
        // Names that merely contain "key" as part of another word are data.
        ("/v1/prices?lookup_keys[0]=pro&monkey=1", "/v1/prices?lookup_keys[0]=pro&monkey=1"),
    ])
    func queryParameters(input: String, expected: String) {
        #expect(Redactor(registry: SecretRegistry()).redact(input) == expected)
    }

    @Test func jsonFieldsNamedLikeCredentialsAreMasked() {
        let redactor = Redactor(registry: SecretRegistry())
        let body = #"{"client_secret": "abc", "access_token":"def", "private_key": "ghi", "key": "DATABASE_URL", "lookup_key": "pro"}"#
        let output = redactor.redact(body)
        #expect(
            output
                == #"{"client_secret": "[REDACTED]", "access_token":"[REDACTED]", "private_key": "[REDACTED]", "key": "DATABASE_URL", "lookup_key": "pro"}"#
        )
    }

    @Test func requestsAndResponsesAreRedactedWhole() {
        let registry = SecretRegistry()
        registry.register("canary-0f1e2d3c4b5a")
        let redactor = Redactor(registry: registry)
        let request = HTTPRequest(
            method: "POST",
            target: "/hooks?token=canary-0f1e2d3c4b5a",
            headers: HTTPHeaders([("Authorization", "Bearer canary-0f1e2d3c4b5a"), ("X-Note", "canary-0f1e2d3c4b5a")]),
            body: Array(#"{"echo":"canary-0f1e2d3c4b5a"}"#.utf8)
        )
        let redacted = redactor.redact(request)
        let everything = redacted.target + redacted.headers.map { $0.name + $0.value }.joined()
            + String(decoding: redacted.body, as: UTF8.self)
        #expect(!everything.contains("canary"))

        let response = HTTPResponse(status: 200, headers: HTTPHeaders([("Set-Cookie", "s=1")]), body: [0xFF, 0xFE, 0x00])
        let redactedResponse = redactor.redact(response)
        #expect(redactedResponse.headers["Set-Cookie"] == "[REDACTED]")
        #expect(String(decoding: redactedResponse.body, as: UTF8.self) == "<3 bytes of binary data>")
    }

    @Test(arguments: [
        ("X-Amz-Signature", ["x", "amz", "signature"]),
        ("client_secret", ["client", "secret"]),
        ("apiKey", ["api", "key"]),
        ("lookup_keys[0]", ["lookup", "keys", "0"]),
    ])
    func nameWords(name: String, words: [String]) {
        #expect(SensitiveNames.words(of: name) == words)
    }
}
