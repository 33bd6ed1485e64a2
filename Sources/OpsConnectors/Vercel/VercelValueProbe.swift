import OpsCore

/// Compares a declared variable's value with Vercel's without the value entering anything
/// but the redactor and an HMAC: the desired value is fingerprinted at plan time, the remote
/// one is read back and fingerprinted when Vercel returns it (`plain`, `encrypted`), and for
/// write-only values (`sensitive`) the fingerprint recorded by opsctl's last apply of that
/// very object stands in for it.
struct VercelValueProbe: Sendable {
    let api: VercelAPI
    let fingerprints: SecretFingerprinting
    let redactor: Redactor

    /// The desired value's fingerprint, or why there is none; nil without `valueFrom`. The
    /// plan asks for these before it sends any request, so every value is registered with the
    /// redactor before a response that might echo it arrives.
    func desiredFingerprint(_ desired: VercelDesiredEnv) async -> Result<SecretFingerprint, SecretFingerprintError>? {
        guard let valueFrom = desired.valueFrom else { return nil }
        return await fingerprints.fingerprint(of: valueFrom.description, redactor: redactor)
    }

    func assess(
        _ desired: VercelDesiredEnv, _ match: VercelEnvMatch, wanted: Result<SecretFingerprint, SecretFingerprintError>?
    ) async -> VercelEnvAssessment {
        var assessment = VercelEnvAssessment(desired: desired, match: match)
        guard let wanted else { return assessment }
        assessment.findings.desiredFingerprint = try? wanted.get()
        guard case .found(let remote) = match else { return assessment }

        var current: SecretFingerprint?
        // Reading a value back is only worth it when it can be fingerprinted; refresh follows
        // the same rule through the payload's `observesValue`.
        if remote.valueIsReadable, case .success = fingerprints.key.fingerprinter() {
            assessment.findings.observesValue = true
            do {
                if let value = try await readValue(remote) {
                    current = try fingerprints.fingerprint(value: value, redactor: redactor).get()
                }
            } catch let error as any DiagnosticError {
                assessment.findings.readFailure = error.diagnostic
                return assessment
            } catch {
                assessment.findings.readFailure = Diagnostic(message: redactor.redact("\(error)"))
                return assessment
            }
            assessment.findings.remoteFingerprint = current
        }

        let desiredFingerprint: SecretFingerprint
        switch wanted {
        case .failure(let error):
            assessment.findings.value = .notCompared(reason: error.diagnostic.message)
            return assessment
        case .success(let fingerprint):
            desiredFingerprint = fingerprint
        }
        if let current {
            assessment.findings.value = current == desiredFingerprint ? .unchanged : .changed
        } else {
            assessment.findings.value = recordedComparison(remote, desired: desiredFingerprint)
        }
        return assessment
    }

    /// The value as Vercel returns it: in the listing for `plain`, through the decrypted read
    /// for `encrypted`; nil when it does not come back.
    func readValue(_ remote: VercelRemoteEnv) async throws -> String? {
        if VercelRemoteEnv.listsItsValue(type: remote.type), let listed = remote.listedValue { return listed }
        return try await api.decryptedValue(envID: remote.id)
    }

    /// A write-only value compared through the receipt of the apply that last wrote this
    /// object: valid only while the object's `updatedAt` is still the one that apply saw.
    func recordedComparison(_ remote: VercelRemoteEnv, desired: SecretFingerprint) -> VercelValueStatus {
        guard let record = fingerprints.previous.latest(changeIDPrefix: "vercel.env.", where: { $0["id"]?.stringValue == remote.id }) else {
            return .unverified(reason: "Vercel does not return \(remote.type) values and no receipt records the one opsctl set")
        }
        guard record.after["updatedAt"]?.intValue == remote.updatedAt else {
            return .unverified(reason: "it was edited after opsctl last set it (receipt \(record.seq))")
        }
        guard let recorded = record.fingerprint else {
            return .unverified(reason: "the apply in receipt \(record.seq) did not record its value")
        }
        guard recorded.keyID == desired.keyID else {
            return .unverified(reason: "receipt \(record.seq) fingerprinted it under another fingerprint key")
        }
        return recorded.hex == desired.hex ? .unchanged : .changed
    }
}
