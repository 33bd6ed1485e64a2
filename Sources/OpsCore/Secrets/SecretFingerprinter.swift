/// Makes `SecretFingerprint`s under one key. The key never leaves this value: only HMACs of
/// it do, each with a domain prefix so a value's fingerprint can never equal the key's ID.
package struct SecretFingerprinter: Sendable {
    /// The smallest key accepted: HMAC-SHA256 keys shorter than this make guessing the key
    /// cheaper than guessing the value.
    package static let minimumKeyLength = 16

    private let key: [UInt8]
    /// 16 hex digits derived from the key, safe to store beside fingerprints.
    package let keyID: String

    package init(key: [UInt8]) throws(FingerprintKeyError) {
        guard key.count >= Self.minimumKeyLength else { throw FingerprintKeyError(.tooShort(length: key.count)) }
        self.key = key
        do {
            keyID = String(Hex.encode(try HMACSHA256.authenticationCode(for: Array("opsctl-fingerprint-key-id\u{0}".utf8), key: key)).prefix(16))
        } catch {
            throw FingerprintKeyError(.crypto(error))
        }
    }

    package func fingerprint(of value: String) throws(FingerprintKeyError) -> SecretFingerprint {
        do {
            let code = try HMACSHA256.authenticationCode(for: Array("opsctl-secret-value\u{0}".utf8) + Array(value.utf8), key: key)
            return SecretFingerprint(hex: Hex.encode(code), keyID: keyID)
        } catch {
            throw FingerprintKeyError(.crypto(error))
        }
    }
}
