/// What a connector may do with secret values before apply: fingerprint them, and look up the
/// fingerprints earlier applies recorded. A value read here goes to the redactor and into an
/// HMAC, and nowhere else; the connector only ever sees the fingerprint.
package struct SecretFingerprinting: Sendable {
    package var key: FingerprintKeySource
    /// Reads `valueFrom` references at plan time; nil where values must not be read.
    package var resolver: SecretResolver?
    package var previous: PreviousFingerprints

    package init(key: FingerprintKeySource, resolver: SecretResolver?, previous: PreviousFingerprints) {
        self.key = key
        self.resolver = resolver
        self.previous = previous
    }

    /// No key, no reading, no history: connectors then report values as not compared.
    package static let unavailable = SecretFingerprinting(key: .failing(FingerprintKeyError(.notConfigured)), resolver: nil, previous: .none)

    /// The fingerprint of the value behind `reference` (`env:NAME`). The value is registered
    /// with `redactor` before anything else happens to it, and is dropped on return.
    package func fingerprint(of reference: String, redactor: Redactor) async -> Result<SecretFingerprint, SecretFingerprintError> {
        guard let resolver else { return .failure(.noResolver(reference: reference)) }
        switch await resolver.value(for: reference) {
        case .failure(let error):
            return .failure(.unresolved(error))
        case .success(let value):
            return fingerprint(value: value, redactor: redactor)
        }
    }

    /// The fingerprint of a value the connector read itself (a decrypted remote value).
    package func fingerprint(value: String, redactor: Redactor) -> Result<SecretFingerprint, SecretFingerprintError> {
        redactor.register(secret: value)
        return key.fingerprinter()
            .flatMap { fingerprinter in Result { () throws(FingerprintKeyError) in try fingerprinter.fingerprint(of: value) } }
            .mapError { .key($0) }
    }
}
