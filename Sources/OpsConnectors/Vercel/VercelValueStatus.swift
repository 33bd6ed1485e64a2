import OpsCore

/// What opsctl could tell about a variable's value without ever holding it in the plan.
enum VercelValueStatus: Sendable, Equatable {
    /// The entry has no `valueFrom`: only presence, targets and type are managed.
    case unmanaged
    /// Same fingerprint for the desired and the remote (or last recorded) value.
    case unchanged
    case changed
    /// The remote value cannot be read back (`sensitive`) and no receipt says what opsctl
    /// last set, so it is set again from `valueFrom`.
    case unverified(reason: String)
    /// The desired value could not be fingerprinted at plan time (its variable is not set
    /// here, or it lives in SSM); apply still reads it, but no difference can be shown.
    case notCompared(reason: String)

    /// The marker a snapshot shows for the value after the change.
    var marker: String {
        switch self {
        case .unchanged: "(sensitive, unchanged)"
        case .changed: "(sensitive, changed)"
        case .unverified: "(sensitive, unverified)"
        case .unmanaged, .notCompared: sensitiveMarker
        }
    }

    /// Whether applying must write the value.
    var needsWrite: Bool {
        switch self {
        case .changed, .unverified: true
        case .unchanged, .unmanaged, .notCompared: false
        }
    }
}

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
