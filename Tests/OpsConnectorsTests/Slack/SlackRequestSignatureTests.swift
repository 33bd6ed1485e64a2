import Foundation
import Testing

@testable import OpsConnectors

/// Slack's published example of a signed slash command, checked at the moment it was signed.
@Suite("Slack request signatures")
struct SlackRequestSignatureTests {
    static let secret = "8f742231b10e8888abcd99yyyzzz85a5"
    static let timestamp = "1531420618"
    static let body = Array(("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"
        + "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
        + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c").utf8)
    static let expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
    static let signedAt = Date(timeIntervalSince1970: 1_531_420_618)

    let verifier = SlackRequestSignature(signingSecret: secret)

    @Test func thePublishedVectorSignsAndVerifies() throws {
        #expect(try verifier.signature(timestamp: Self.timestamp, body: Self.body) == Self.expected)
        try verifier.verify(signature: Self.expected, timestamp: Self.timestamp, body: Self.body, now: Self.signedAt)
    }

    @Test func aChangedBodyOrSignatureIsRefused() {
        #expect(throws: SlackRequestSignature.Refusal.mismatch) {
            try verifier.verify(signature: Self.expected, timestamp: Self.timestamp, body: Self.body + [0x20], now: Self.signedAt)
        }
        #expect(throws: SlackRequestSignature.Refusal.mismatch) {
            try verifier.verify(signature: "v0=" + String(repeating: "0", count: 64), timestamp: Self.timestamp, body: Self.body, now: Self.signedAt)
        }
    }

    @Test func aRequestOlderThanFiveMinutesIsRefused() {
        #expect(throws: SlackRequestSignature.Refusal.staleTimestamp) {
            try verifier.verify(signature: Self.expected, timestamp: Self.timestamp, body: Self.body, now: Self.signedAt.addingTimeInterval(301))
        }
        #expect(throws: SlackRequestSignature.Refusal.missingHeaders) {
            try verifier.verify(signature: nil, timestamp: Self.timestamp, body: Self.body, now: Self.signedAt)
        }
    }
}
