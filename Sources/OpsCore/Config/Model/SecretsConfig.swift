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

    /// The declared targets, in the order of `SecretTargetName.allCases`.
    package var names: [SecretTargetName] {
        SecretTargetName.allCases.filter { $0 == .heroku ? heroku != nil : vercel != nil }
    }
}

/// The kinds of target a secret can be synced to; the last part of `secrets.sync.<target>`.
package enum SecretTargetName: String, Sendable, Hashable, CaseIterable {
    case heroku, vercel
}

package struct HerokuSecretTarget: Sendable, Equatable {
    package var app: String
    /// Config vars the file does not declare are removed by the sync (never otherwise).
    package var prune: Bool
    package var location: SourceLocation?

    package init(app: String, prune: Bool = false, location: SourceLocation? = nil) {
        self.app = app
        self.prune = prune
        self.location = location
    }
}

package struct VercelSecretTarget: Sendable, Equatable {
    package var targets: [VercelTarget]
    /// Env vars of these targets that the file does not declare are removed by the sync.
    package var prune: Bool
    package var location: SourceLocation?

    package init(targets: [VercelTarget], prune: Bool = false, location: SourceLocation? = nil) {
        self.targets = targets
        self.prune = prune
        self.location = location
    }
}

/// The name of one synced secret; its value is read from the source at apply time only.
package struct SecretKey: Sendable, Equatable {
    package var name: String
    /// Who answers for the value (an e-mail address or a team), named when it is overdue.
    package var owner: String?
    /// How often the value must change, in seconds, as written (`90d`) in `rotateEveryText`.
    package var rotateEvery: Int?
    package var rotateEveryText: String?
    /// The targets this key is synced to; nil means every declared target.
    package var targets: [SecretTargetName]?
    package var location: SourceLocation?

    package init(
        name: String, owner: String? = nil, rotateEvery: Int? = nil, rotateEveryText: String? = nil,
        targets: [SecretTargetName]? = nil, location: SourceLocation? = nil
    ) {
        self.name = name
        self.owner = owner
        self.rotateEvery = rotateEvery
        self.rotateEveryText = rotateEveryText
        self.targets = targets
        self.location = location
    }

    /// Whether the key is synced to `target` (which must also be declared under `targets`).
    package func applies(to target: SecretTargetName) -> Bool {
        targets?.contains(target) ?? true
    }
}
