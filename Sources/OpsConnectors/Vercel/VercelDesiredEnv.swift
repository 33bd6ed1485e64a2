import OpsCore

/// One `vercel.envVars` entry with the name its check and change go by: the key alone, or
/// `KEY.production+preview` when the key is declared more than once (once per set of targets),
/// so that every ID stays unique and the same drift keeps the same ID.
struct VercelDesiredEnv: Sendable, Equatable {
    var declaration: VercelEnvVar
    var name: String

    var key: String { declaration.key }
    var targets: [String] { VercelTargets.normalized(declaration.targets.map(\.rawValue)) }
    var type: String { declaration.type.rawValue }
    var valueFrom: ValueSource? { declaration.valueFrom }

    static func named(_ declarations: [VercelEnvVar]) -> [VercelDesiredEnv] {
        let counts = Dictionary(grouping: declarations, by: \.key).mapValues(\.count)
        return declarations.map { declaration in
            let targets = VercelTargets.normalized(declaration.targets.map(\.rawValue))
            let name = (counts[declaration.key] ?? 0) > 1 ? "\(declaration.key).\(targets.joined(separator: "+"))" : declaration.key
            return VercelDesiredEnv(declaration: declaration, name: name)
        }
    }

    var checkID: String { "vercel.env.\(name)" }

    var checkName: String { name == key ? "env var \(key)" : "env var \(key) (\(VercelTargets.describe(targets)))" }

    func changeID(_ kind: VercelChangeKind) -> ChangeID {
        kind.id(name: name)
    }
}
