import Foundation
import Testing

@testable import OpsCore

@Suite("Redactor token shapes")
struct RedactorTokenShapeTests {
    /// One realistic-looking instance of every vendor credential shape the redactor knows.
    static let tokens: [String] = [
        "ghp_" + String(repeating: "a1B2", count: 9),
        "gho_" + String(repeating: "Z9y8", count: 9),
        "ghs_" + String(repeating: "k3L4", count: 9),
        "github_pat_11ABCDEFG0_" + String(repeating: "xY7", count: 20),
        "sk_live_" + String(repeating: "51HqLyj", count: 4),
        "sk_test_" + String(repeating: "4eC39Hq", count: 4),
        "rk_live_" + String(repeating: "9Zq8", count: 6),
        "rk_test_" + String(repeating: "1a2B", count: 6),
        "whsec_" + String(repeating: "Mn7p", count: 8),
        "xoxb-1234567890-0987654321-" + String(repeating: "AbCd", count: 6),
        "xoxp-1234567890-0987654321-1122334455-" + String(repeating: "ef01", count: 8),
        "AKIAIOSFODNN7EXAMPLE",
        "ASIAY34FZKBOKMUTVV7A",
        "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",
        "phx_" + String(repeating: "q1W2e3", count: 7),
        "sbp_" + String(repeating: "0f9e8d7c", count: 5),
        "sb_secret_" + String(repeating: "N7x_", count: 8),
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwicm9sZSI6InNlcnZpY2Vfcm9sZSJ9.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    ]

    @Test(arguments: tokens)
    func maskedInProse(token: String) {
        let redactor = Redactor(registry: SecretRegistry())
        let text = "request failed for \(token), retrying"
        let output = redactor.redact(text)
        #expect(!output.contains(token))
        #expect(output == "request failed for [REDACTED], retrying")
    }

    @Test(arguments: tokens)
    func maskedInsideJSONAndURLs(token: String) {
        let redactor = Redactor(registry: SecretRegistry())
        let output = redactor.redact(#"{"value":"\#(token)"} url=https://h/p?q=\#(token)&page=2"#)
        #expect(!output.contains(token))
        #expect(output.contains("page=2"))
    }

    @Test(arguments: [
        // Inside a longer word: not a token boundary.
        "desk_test_abcdefghij",
        // Too short to be a real token.
        "ghp_short",
        // Public PostHog project key: public by design.
        "phc_abcdefghijkl",
        // AWS id with the wrong length.
        "AKIA123",
        // A plain word that starts like a JWT.
        "eyJust kidding",
        // An ordinary sentence.
        "token authentication failed for user octocat",
    ])
    func leavesLookalikesAlone(text: String) {
        let redactor = Redactor(registry: SecretRegistry())
        #expect(redactor.redact(text) == text)
    }

    /// Tokens and schemes start words: after punctuation or at the very start they are
    /// masked, each of two tokens in a row is, and inside a longer word neither is.
    @Test func tokensAndSchemesAreMaskedAtWordStartsOnly() {
        let redactor = Redactor(registry: SecretRegistry())
        let token = Self.tokens[0]
        let other = Self.tokens[4]
        #expect(redactor.redact("\(token)") == "[REDACTED]")
        #expect(redactor.redact("(\(token))") == "([REDACTED])")
        #expect(redactor.redact("\(token) \(other)") == "[REDACTED] [REDACTED]")
        #expect(redactor.redact("x\(token)") == "x\(token)")
        #expect(redactor.redact("Bearer 0123456789abcdef0123") == "Bearer [REDACTED]")
        #expect(redactor.redact("(token 0123456789abcdef0123)") == "(token [REDACTED])")
        #expect(redactor.redact("xBearer 0123456789abcdef0123") == "xBearer 0123456789abcdef0123")
        #expect(redactor.redact("atoken 0123456789abcdef0123") == "atoken 0123456789abcdef0123")
    }

    @Test func bearerCredentialsInTextAreMasked() {
        let redactor = Redactor(registry: SecretRegistry())
        let output = redactor.redact("curl -H 'Authorization: Bearer 0123456789abcdef0123' https://x")
        #expect(!output.contains("0123456789abcdef0123"))
        #expect(output.contains("Bearer [REDACTED]"))
    }

    @Test func headerLinesInADumpAreMasked() {
        let redactor = Redactor(registry: SecretRegistry())
        let dump = "GET /v1/prices HTTP/1.1\nX-Api-Key: opaque-value-1\nAccept: application/json\nCookie: session=abc\n"
        let output = redactor.redact(dump)
        #expect(!output.contains("opaque-value-1"))
        #expect(!output.contains("session=abc"))
        #expect(output.contains("Accept: application/json"))
    }
}
