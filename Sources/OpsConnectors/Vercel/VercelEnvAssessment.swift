import OpsCore

/// Everything the plan learned about one declared variable, ready for the pure reconciler.
struct VercelEnvAssessment: Sendable, Equatable {
    var desired: VercelDesiredEnv
    var match: VercelEnvMatch
    var value: VercelValueStatus
    /// The desired value's fingerprint, carried in the payload so apply can refuse a value
    /// that changed since plan (an approval covers the value it was given for).
    var desiredFingerprint: SecretFingerprint?
    /// The remote value's fingerprint when it was read back; part of `observed`.
    var remoteFingerprint: SecretFingerprint?
    /// Whether `observed` covers the remote value (so refresh must read it the same way).
    var observesValue: Bool
    /// Reading the remote value failed: the entry becomes an error check.
    var readFailure: Diagnostic?

    init(
        desired: VercelDesiredEnv, match: VercelEnvMatch, value: VercelValueStatus = .unmanaged,
        desiredFingerprint: SecretFingerprint? = nil, remoteFingerprint: SecretFingerprint? = nil,
        observesValue: Bool = false, readFailure: Diagnostic? = nil
    ) {
        self.desired = desired
        self.match = match
        self.value = value
        self.desiredFingerprint = desiredFingerprint
        self.remoteFingerprint = remoteFingerprint
        self.observesValue = observesValue
        self.readFailure = readFailure
    }
}
