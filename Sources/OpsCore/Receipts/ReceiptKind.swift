/// What a receipt records. An open set: the kinds below are the ones opsctl knows (all written
/// today), and a log written by a later version may hold
/// others, which a reader must carry through. Bodies: docs/formats.md, "Bodies".
package struct ReceiptKind: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    package let rawValue: String

    package init(rawValue: String) {
        self.rawValue = rawValue
    }

    package init(stringLiteral value: String) {
        self.rawValue = value
    }

    package var description: String { rawValue }

    package static let plan: ReceiptKind = "plan"
    package static let approve: ReceiptKind = "approve"
    package static let reject: ReceiptKind = "reject"
    /// Written by `approve --request` when it posts an approval request to Slack.
    package static let request: ReceiptKind = "request"
    /// Written before a change is sent to a service, so a crash leaves evidence of the attempt.
    package static let intent: ReceiptKind = "intent"
    package static let outcome: ReceiptKind = "outcome"
    package static let export: ReceiptKind = "export"
    /// Written by `receipts repair` after it quarantines a torn tail.
    package static let recovery: ReceiptKind = "recovery"
    /// Written by `opsctl unlock --force` when it breaks another apply's lock.
    package static let unlock: ReceiptKind = "unlock"
}
