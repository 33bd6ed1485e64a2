/// A keyed fingerprint of one secret value: HMAC-SHA256 under the repository's fingerprint
/// key, in lower-case hex. It tells whether two values are equal without holding either, and
/// unlike a bare hash it cannot be tested against guesses by anyone without the key.
package struct SecretFingerprint: Sendable, Hashable {
    /// 64 lower-case hex digits.
    package var hex: String
    /// Names the key the fingerprint was made with (see `SecretFingerprinter.keyID`), so that
    /// fingerprints made under different keys are recognised as incomparable rather than as
    /// different values.
    package var keyID: String

    package init(hex: String, keyID: String) {
        self.hex = hex
        self.keyID = keyID
    }

    /// The snapshot member that records a value's fingerprint in a receipt's `after`.
    package static let snapshotKey = "valueFingerprint"
    /// The snapshot member that records which key made it.
    package static let keyIDSnapshotKey = "fingerprintKeyId"

    /// The two snapshot members, ready to merge into an `after` object.
    package var snapshotMembers: [String: JSONValue] {
        [Self.snapshotKey: .string(hex), Self.keyIDSnapshotKey: .string(keyID)]
    }

    /// Reads the members written by `snapshotMembers`; nil when either is missing or malformed.
    package init?(snapshot: JSONValue) {
        guard let hex = snapshot[Self.snapshotKey]?.stringValue, Hex.isLowercaseHex(hex, count: 64),
            let keyID = snapshot[Self.keyIDSnapshotKey]?.stringValue, !keyID.isEmpty
        else { return nil }
        self.init(hex: hex, keyID: keyID)
    }
}
