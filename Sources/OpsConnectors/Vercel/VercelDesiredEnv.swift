import OpsCore

/// One `vercel.envVars` entry with the name its check and change go by: the key alone, or
/// `KEY.production+preview` when the key is declared more than once (once per set of targets),
/// so that every ID stays unique and the same drift keeps the same ID.
struct VercelDesiredEnv: Sendable, Equatable {
    let declaration: VercelEnvVar
    var name: String
    /// The declared targets, normalised once: the matcher and the reconciler read them often.
    let targets: [String]

    init(declaration: VercelEnvVar, name: String) {
        self.declaration = declaration
        self.name = name
        targets = VercelTargets.normalized(declaration.targets.map(\.rawValue))
    }

    var key: String { declaration.key }
    var type: String { declaration.type.rawValue }
    var valueFrom: ValueSource? { declaration.valueFrom }

    static func named(_ declarations: [VercelEnvVar]) -> [VercelDesiredEnv] {
        // Counted, not grouped: grouping copied every declaration into an array per key.
        var counts: [String: Int] = [:]
        counts.reserveCapacity(declarations.count)
        for declaration in declarations { counts[declaration.key, default: 0] += 1 }
        return declarations.map { declaration in
            var entry = VercelDesiredEnv(declaration: declaration, name: declaration.key)
            if (counts[declaration.key] ?? 0) > 1 { entry.name = "\(declaration.key).\(entry.targets.joined(separator: "+"))" }
            return entry
        }
    }

    var checkID: String { "vercel.env.\(name)" }

    var checkName: String { name == key ? "env var \(key)" : "env var \(key) (\(VercelTargets.describe(targets)))" }

    func changeID(_ kind: VercelChangeKind) -> ChangeID {
        kind.id(name: name)
    }
}
