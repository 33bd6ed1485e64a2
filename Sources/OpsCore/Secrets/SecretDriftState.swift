/// How one key of the secrets scope stands in one target, compared by keyed fingerprints
/// (docs/services/secrets.md, "The drift table"). Each state is one check, whose ID is
/// `secrets.<target>.<slug>.<KEY>`, so the table can be rebuilt from any plan, saved or not.
package enum SecretDriftState: String, Sendable, Hashable, CaseIterable {
    case inSync = "in-sync"
    case differs
    case missingInTarget = "missing-in-target"
    case missingInSource = "missing-in-source"
    /// In the target but not declared; the check is an `unmanaged` one.
    case extraInTarget = "unmanaged"
    /// The target does not return the value (a Vercel `sensitive` variable), so it cannot be compared.
    case unverified

    /// What the table and messages say.
    package var label: String {
        switch self {
        case .inSync: "in sync"
        case .differs: "differs"
        case .missingInTarget: "missing in target"
        case .missingInSource: "missing in source"
        case .extraInTarget: "extra in target"
        case .unverified: "unverified"
        }
    }

    package var checkStatus: CheckStatus {
        switch self {
        case .inSync: .pass
        case .differs, .missingInTarget, .missingInSource: .fail
        case .extraInTarget: .unmanaged
        case .unverified: .warning
        }
    }

    /// The check ID for `key` in `target`.
    package func checkID(target: String, key: String) -> String {
        "\(ServiceScope.secrets.rawValue).\(target).\(rawValue).\(key)"
    }

    /// The state and place a drift check's ID records; nil for the scope's other checks.
    package static func parse(checkID: String) -> SecretDriftCell? {
        let parts = checkID.split(separator: ".", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == ServiceScope.secrets.rawValue, SecretTargetName(rawValue: parts[1]) != nil,
            let state = SecretDriftState(rawValue: parts[2]), !parts[3].isEmpty
        else { return nil }
        return SecretDriftCell(key: parts[3], target: parts[1], state: state)
    }
}

/// One cell of the drift table: a key in a target.
package struct SecretDriftCell: Sendable, Hashable {
    package var key: String
    package var target: String
    package var state: SecretDriftState

    package init(key: String, target: String, state: SecretDriftState) {
        self.key = key
        self.target = target
        self.state = state
    }
}
