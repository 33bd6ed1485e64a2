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
