import OpsCore

/// Everything the plan learned about one declared variable, ready for the pure reconciler.
struct VercelEnvAssessment: Sendable, Equatable {
    var desired: VercelDesiredEnv
    var match: VercelEnvMatch
    var findings: Findings

    /// What reading a variable's value adds to its match. A variable without `valueFrom` has
    /// no more than `matchOnly`, and the reconciler reads those variables' declarations and
    /// matches in place rather than through an assessment of their own (docs/performance.md).
    struct Findings: Sendable, Equatable {
        var value: VercelValueStatus = .unmanaged
        /// The desired value's fingerprint, carried in the payload so apply can refuse a value
        /// that changed since plan (an approval covers the value it was given for).
        var desiredFingerprint: SecretFingerprint?
        /// The remote value's fingerprint when it was read back; part of `observed`.
        var remoteFingerprint: SecretFingerprint?
        /// Whether `observed` covers the remote value (so refresh must read it the same way).
        var observesValue = false
        /// Reading the remote value failed: the entry becomes an error check.
        var readFailure: Diagnostic?

        static let matchOnly = Findings()
    }

    init(
        desired: VercelDesiredEnv, match: VercelEnvMatch, value: VercelValueStatus = .unmanaged,
        desiredFingerprint: SecretFingerprint? = nil, remoteFingerprint: SecretFingerprint? = nil,
        observesValue: Bool = false, readFailure: Diagnostic? = nil
    ) {
        self.desired = desired
        self.match = match
        findings = Findings(
            value: value, desiredFingerprint: desiredFingerprint, remoteFingerprint: remoteFingerprint,
            observesValue: observesValue, readFailure: readFailure
        )
    }
}
