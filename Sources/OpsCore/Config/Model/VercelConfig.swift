package struct VercelConfig: Sendable, Equatable {
    /// The collections `prune:` may remove undeclared objects from.
    package enum PrunableCollection: String, Sendable, Hashable, CaseIterable {
        case envVars
    }

    package var envVars: [VercelEnvVar]
    package var crons: [VercelCron]
    /// `prune: [envVars]`: variables whose key is not declared are proposed for removal.
    package var prune: Set<PrunableCollection>

    package init(envVars: [VercelEnvVar] = [], crons: [VercelCron] = [], prune: Set<PrunableCollection> = []) {
        self.envVars = envVars
        self.crons = crons
        self.prune = prune
    }
}

/// A Vercel deployment environment.
package enum VercelTarget: String, Sendable, Hashable, CaseIterable {
    case production, preview, development
}

package struct VercelEnvVar: Sendable, Equatable {
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        case plain, encrypted, sensitive
    }

    package var key: String
    package var targets: [VercelTarget]
    package var type: Kind
    /// Where the value comes from (read at plan time only to fingerprint it, at apply time to
    /// send it); nil means only the variable's presence, targets and type are checked.
    package var valueFrom: ValueSource?
    package var location: SourceLocation?

    package init(
        key: String,
        targets: [VercelTarget],
        type: Kind = .encrypted,
        valueFrom: ValueSource? = nil,
        location: SourceLocation? = nil
    ) {
        self.key = key
        self.targets = targets
        self.type = type
        self.valueFrom = valueFrom
        self.location = location
    }
}

/// A reference to a secret value, never the value itself: the value is read when needed (to
/// fingerprint it at plan time, to send it at apply time) and never stored in a plan.
package enum ValueSource: Sendable, Hashable, CustomStringConvertible {
    /// `env:NAME`: the variable of that name in opsctl's own environment.
    case environment(String)
    /// `ssm:/path/NAME`: an AWS SSM parameter.
    case ssm(String)

    package var description: String {
        switch self {
        case .environment(let name): "env:\(name)"
        case .ssm(let path): "ssm:\(path)"
        }
    }
}

package struct VercelCron: Sendable, Equatable {
    package var path: String
    /// Five cron fields, checked when the file is read.
    package var schedule: String
    package var location: SourceLocation?

    package init(path: String, schedule: String, location: SourceLocation? = nil) {
        self.path = path
        self.schedule = schedule
        self.location = location
    }
}
