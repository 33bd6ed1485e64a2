public struct VercelConfig: Sendable, Equatable {
    public var envVars: [VercelEnvVar]
    public var crons: [VercelCron]

    public init(envVars: [VercelEnvVar] = [], crons: [VercelCron] = []) {
        self.envVars = envVars
        self.crons = crons
    }
}

/// A Vercel deployment environment.
public enum VercelTarget: String, Sendable, Hashable, CaseIterable {
    case production, preview, development
}

public struct VercelEnvVar: Sendable, Equatable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case plain, encrypted, sensitive
    }

    public var key: String
    public var targets: [VercelTarget]
    public var type: Kind
    /// Where the value comes from (read at plan time only to fingerprint it, at apply time to
    /// send it); nil means only the variable's presence, targets and type are checked.
    public var valueFrom: ValueSource?
    public var location: SourceLocation?

    public init(
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
public enum ValueSource: Sendable, Hashable, CustomStringConvertible {
    /// `env:NAME`: the variable of that name in opsctl's own environment.
    case environment(String)
    /// `ssm:/path/NAME`: an AWS SSM parameter.
    case ssm(String)

    public var description: String {
        switch self {
        case .environment(let name): "env:\(name)"
        case .ssm(let path): "ssm:\(path)"
        }
    }
}

public struct VercelCron: Sendable, Equatable {
    public var path: String
    /// Five cron fields, checked when the file is read.
    public var schedule: String
    public var location: SourceLocation?

    public init(path: String, schedule: String, location: SourceLocation? = nil) {
        self.path = path
        self.schedule = schedule
        self.location = location
    }
}
