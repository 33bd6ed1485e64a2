/// One source of truth for secret values, synced one way to each target.
public struct SecretsConfig: Sendable, Equatable {
    public enum Source: String, Sendable, Hashable, CaseIterable {
        case ssm, env
    }

    public var source: Source
    /// The SSM parameter prefix the keys live under; required when `source` is ssm.
    public var ssmPath: String?
    public var targets: SecretTargets
    public var keys: [SecretKey]
    public var location: SourceLocation?

    public init(
        source: Source,
        ssmPath: String? = nil,
        targets: SecretTargets = SecretTargets(),
        keys: [SecretKey] = [],
        location: SourceLocation? = nil
    ) {
        self.source = source
        self.ssmPath = ssmPath
        self.targets = targets
        self.keys = keys
        self.location = location
    }
}

public struct SecretTargets: Sendable, Equatable {
    public var heroku: HerokuSecretTarget?
    public var vercel: VercelSecretTarget?

    public init(heroku: HerokuSecretTarget? = nil, vercel: VercelSecretTarget? = nil) {
        self.heroku = heroku
        self.vercel = vercel
    }

    public var isEmpty: Bool { heroku == nil && vercel == nil }
}

public struct HerokuSecretTarget: Sendable, Equatable {
    public var app: String
    public var location: SourceLocation?

    public init(app: String, location: SourceLocation? = nil) {
        self.app = app
        self.location = location
    }
}

public struct VercelSecretTarget: Sendable, Equatable {
    public var targets: [VercelTarget]
    public var location: SourceLocation?

    public init(targets: [VercelTarget], location: SourceLocation? = nil) {
        self.targets = targets
        self.location = location
    }
}

/// The name of one synced secret; its value is read from the source at apply time only.
public struct SecretKey: Sendable, Equatable {
    public var name: String
    public var location: SourceLocation?

    public init(name: String, location: SourceLocation? = nil) {
        self.name = name
        self.location = location
    }
}
