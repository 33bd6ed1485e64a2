import OpsCore

/// Pure functions from what was found to checks (docs/services/posthog.md, "Checks"). Keys
/// appear only as keyed fingerprints, never as values.
enum PostHogAudit {
    static let keyCheckID = "posthog.project_key"
    static let projectCheckID = "posthog.project"
    static let matchCheckID = "posthog.project_key.match"

    static func projectKey(variable: String, value: String?, fingerprint: SecretFingerprint?, source: SourceLocation?) -> Check {
        let name = "project key in \(variable)"
        let action = "set \(variable) to the Project API key (phc_…) shown under Project settings in PostHog"
        guard let value else {
            return Check(id: keyCheckID, scope: .posthog, name: name, status: .fail, message: "\(variable) is not set", suggestedAction: action, source: source)
        }
        switch PostHogKeyShape(value) {
        case .projectKey:
            let shown = fingerprint.map { " (fingerprint \($0.hex.prefix(12)))" } ?? ""
            return Check(id: keyCheckID, scope: .posthog, name: name, status: .pass, message: "\(variable) holds a project API key\(shown)", source: source)
        case .personalKey:
            return Check(
                id: keyCheckID, scope: .posthog, name: name, status: .fail,
                message: "\(variable) holds a personal API key (phx_), which grants account access and must never ship to browsers",
                suggestedAction: action + ", and revoke the exposed personal key", source: source
            )
        case .malformed:
            return Check(
                id: keyCheckID, scope: .posthog, name: name, status: .fail,
                message: "\(variable) is not a PostHog project API key (expected phc_ followed by letters, digits and _)",
                suggestedAction: action, source: source
            )
        }
    }

    static func notChecked(personalVariable: String, source: SourceLocation?) -> Check {
        Check(
            id: projectCheckID, scope: .posthog, name: "project", status: .warning,
            message: "the project behind the key was not checked: \(personalVariable) is not set",
            suggestedAction: "set \(personalVariable) to a personal API key (phx_…) with project read access to check that the project exists and owns the key",
            source: source
        )
    }

    static func malformedPersonalKey(personalVariable: String, source: SourceLocation?) -> Check {
        Check(
            id: projectCheckID, scope: .posthog, name: "project", status: .error,
            message: "\(personalVariable) is not a PostHog personal API key (expected phx_ followed by letters, digits and _)",
            suggestedAction: "create a personal API key under Account settings → Personal API keys in PostHog and set \(personalVariable) to it",
            source: source
        )
    }

    static func reachable(_ project: PostHogProjectBody, host: String, source: SourceLocation?) -> Check {
        Check(
            id: projectCheckID, scope: .posthog, name: "project", status: .pass,
            message: "project \(project.name.map { "'\($0)' " } ?? "")(id \(project.id)) is reachable at \(host)", source: source
        )
    }

    static func match(declared: SecretFingerprint?, remote: SecretFingerprint?, variable: String, project: PostHogProjectBody, source: SourceLocation?) -> Check {
        let name = "project key matches project \(project.id)"
        guard let declared, let remote else {
            return Check(
                id: matchCheckID, scope: .posthog, name: name, status: .warning,
                message: "the key in \(variable) could not be compared with project \(project.id)'s key: no fingerprint key or no key on either side",
                suggestedAction: "set OPSCTL_FINGERPRINT_KEY (or let opsctl create .opsctl/fingerprint.key) and re-run plan", source: source
            )
        }
        if declared.hex == remote.hex {
            return Check(id: matchCheckID, scope: .posthog, name: name, status: .pass, message: "\(variable) is project \(project.id)'s project API key", source: source)
        }
        return Check(
            id: matchCheckID, scope: .posthog, name: name, status: .fail,
            message: "\(variable) (fingerprint \(declared.hex.prefix(12))) is not project \(project.id)'s project API key (fingerprint \(remote.hex.prefix(12))): events would go to another project",
            suggestedAction: "set \(variable) to the Project API key shown under Project settings for project \(project.id)\(project.name.map { " (\($0))" } ?? ""), or point POSTHOG_PROJECT_ID at the project the key belongs to",
            source: source
        )
    }
}
