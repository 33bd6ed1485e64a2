/// What a receipt records. An open set: the kinds below are the ones opsctl knows (all written
/// today except `export`, which is reserved), and a log written by a later version may hold
/// others, which a reader must carry through. Bodies: docs/formats.md, "Bodies".
public struct ReceiptKind: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    public var description: String { rawValue }

    public static let plan: ReceiptKind = "plan"
    public static let approve: ReceiptKind = "approve"
    public static let reject: ReceiptKind = "reject"
    /// Written before a change is sent to a service, so a crash leaves evidence of the attempt.
    public static let intent: ReceiptKind = "intent"
    public static let outcome: ReceiptKind = "outcome"
    public static let export: ReceiptKind = "export"
    /// Written by `receipts repair` after it quarantines a torn tail.
    public static let recovery: ReceiptKind = "recovery"
}
