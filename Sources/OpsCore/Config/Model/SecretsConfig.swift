/// One source of truth for secret values, synced one way to each target.
package struct SecretsConfig: Sendable, Equatable {
    package enum Source: String, Sendable, Hashable, CaseIterable {
        case ssm, env
    }

    package var source: Source
    /// The SSM parameter prefix the keys live under; required when `source` is ssm.
    package var ssmPath: String?
    package var targets: SecretTargets
    package var keys: [SecretKey]
    package var location: SourceLocation?

    package init(
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

package struct SecretTargets: Sendable, Equatable {
    package var heroku: HerokuSecretTarget?
    package var vercel: VercelSecretTarget?

    package init(heroku: HerokuSecretTarget? = nil, vercel: VercelSecretTarget? = nil) {
        self.heroku = heroku
        self.vercel = vercel
    }

    package var isEmpty: Bool { heroku == nil && vercel == nil }
}

package struct HerokuSecretTarget: Sendable, Equatable {
    package var app: String
    package var location: SourceLocation?

    package init(app: String, location: SourceLocation? = nil) {
        self.app = app
        self.location = location
    }
}

package struct VercelSecretTarget: Sendable, Equatable {
    package var targets: [VercelTarget]
    package var location: SourceLocation?

    package init(targets: [VercelTarget], location: SourceLocation? = nil) {
        self.targets = targets
        self.location = location
    }
}

/// The name of one synced secret; its value is read from the source at apply time only.
package struct SecretKey: Sendable, Equatable {
    package var name: String
    package var location: SourceLocation?

    package init(name: String, location: SourceLocation? = nil) {
        self.name = name
        self.location = location
    }
}
