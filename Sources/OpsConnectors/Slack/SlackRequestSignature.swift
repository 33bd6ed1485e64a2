import Foundation
import OpsCore

/// Verifies that a request claiming to come from Slack (a slash command, a button click) was
/// signed with the app's signing secret (docs/services/slack.md, "Request signatures"): the
/// `X-Slack-Signature` header is `v0=` and the hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`,
/// and `X-Slack-Request-Timestamp` is within five minutes of now, so an old request cannot be
/// replayed. Slack approvals will receive requests through it.
package struct SlackRequestSignature: Sendable {
    package static let signatureHeader = "X-Slack-Signature"
    package static let timestampHeader = "X-Slack-Request-Timestamp"
    /// Slack's replay window.
    package static let maximumAge: TimeInterval = 300

    package enum Refusal: DiagnosticError, Equatable {
        case missingHeaders
        case staleTimestamp
        case mismatch

        package var diagnostic: Diagnostic {
            switch self {
            case .missingHeaders:
                Diagnostic(message: "the request carries no Slack signature and timestamp", hint: "only requests from Slack, signed with the app's signing secret, are accepted")
            case .staleTimestamp:
                Diagnostic(message: "the request was signed more than five minutes ago", hint: "check this machine's clock; an old request may be a replay")
            case .mismatch:
                Diagnostic(message: "the request's Slack signature does not match its body", hint: "check that the signing secret is the app's current one")
            }
        }
    }

    private let secret: [UInt8]

    package init(signingSecret: String) {
        secret = Array(signingSecret.utf8)
    }

    /// `v0=<hex>` for a body sent at `timestamp` (unix seconds, as the header spells it).
    package func signature(timestamp: String, body: [UInt8]) throws(CryptoError) -> String {
        "v0=" + Hex.encode(try HMACSHA256.authenticationCode(for: Array("v0:\(timestamp):".utf8) + body, key: secret))
    }

    /// Checks the two headers against the raw body, exactly as received.
    package func verify(signature header: String?, timestamp: String?, body: [UInt8], now: Date) throws {
        guard let header, let timestamp, let seconds = TimeInterval(timestamp) else { throw Refusal.missingHeaders }
        guard abs(now.timeIntervalSince1970 - seconds) <= Self.maximumAge else { throw Refusal.staleTimestamp }
        let expected = try signature(timestamp: timestamp, body: body)
        guard ConstantTime.equals(Array(header.utf8), Array(expected.utf8)) else { throw Refusal.mismatch }
    }
}
