import OpsCore

/// One `vercel.envVars` entry with the name its check and change go by (`VercelEnvName`).
struct VercelDesiredEnv: Sendable, Equatable {
    let declaration: VercelEnvVar
    var name: String
    /// The declared targets, normalised once: the matcher and the reconciler read them often.
    let targets: [String]

    init(declaration: VercelEnvVar, name: String) {
        self.declaration = declaration
        self.name = name
        targets = VercelTargets.normalized(declaration.targets)
    }

    var key: String { declaration.key }
    var type: String { declaration.type.rawValue }
    var valueFrom: ValueSource? { declaration.valueFrom }

    static func named(_ declarations: [VercelEnvVar]) -> [VercelDesiredEnv] {
        let counts = VercelEnvName.counts(of: declarations.lazy.map(\.key), expecting: declarations.count)
        return declarations.map { declaration in
            var entry = VercelDesiredEnv(declaration: declaration, name: declaration.key)
            entry.name = VercelEnvName.name(key: declaration.key, targets: entry.targets, counts: counts)
            return entry
        }
    }

    var checkID: String { "vercel.env.\(name)" }

    var checkName: String { name == key ? "env var \(key)" : "env var \(key) (\(VercelTargets.describe(targets)))" }

    func changeID(_ kind: VercelChangeKind) -> ChangeID {
        kind.id(name: name)
    }
}
