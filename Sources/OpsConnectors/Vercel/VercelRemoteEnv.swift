import OpsCore

/// One environment variable object as Vercel holds it. A key may have several, each for its
/// own, non-overlapping set of targets (and branch or custom environment).
struct VercelRemoteEnv: Sendable, Equatable {
    var id: String
    var key: String
    /// In `VercelTargets.order`, each once.
    var targets: [String]
    var type: String
    /// As listed, for `plain` alone, the one type whose listing holds the value itself: an
    /// `encrypted` one lists a ciphertext, which nothing reads, and `sensitive` nothing usable.
    var listedValue: String?
    var gitBranch: String?
    var customEnvironmentIDs: [String]
    /// Epoch milliseconds of the last edit; part of what staleness compares.
    var updatedAt: Int?

    init(
        id: String, key: String, targets: [String], type: String, listedValue: String? = nil, gitBranch: String? = nil,
        customEnvironmentIDs: [String] = [], updatedAt: Int? = nil
    ) {
        self.id = id
        self.key = key
        self.targets = VercelTargets.normalized(targets)
        self.type = type
        self.listedValue = Self.listsItsValue(type: type) ? listedValue : nil
        self.gitBranch = gitBranch
        self.customEnvironmentIDs = customEnvironmentIDs
        self.updatedAt = updatedAt
    }

    init(_ body: VercelEnvBody) {
        self.init(
            id: body.id ?? "",
            key: body.key,
            targets: body.target?.values ?? [],
            type: body.type,
            listedValue: body.value,
            gitBranch: body.gitBranch.flatMap { $0.isEmpty ? nil : $0 },
            customEnvironmentIDs: body.customEnvironmentIds ?? [],
            updatedAt: body.updatedAt.flatMap(Self.milliseconds)
        )
    }

    /// Whether a listing holds the value itself for a variable of `type`: `plain` alone.
    static func listsItsValue(type: String) -> Bool {
        type == "plain"
    }

    /// A listed `updatedAt` as whole milliseconds, or nil when it is not a finite number.
    static func milliseconds(_ value: Double) -> Int? {
        value.isFinite ? Int(exactly: value.rounded()) : nil
    }

    /// Whether the API returns the value: `plain` in the listing, `encrypted` through the
    /// decrypted read. `sensitive` (and the legacy `secret`) never come back.
    var valueIsReadable: Bool { type == "plain" || type == "encrypted" }

    /// Variables for one git branch or custom environment are not what desired-state.yaml
    /// declares (it names standard targets only), so they are left alone.
    var isScopedBeyondTargets: Bool { gitBranch != nil || !customEnvironmentIDs.isEmpty }

    func overlaps(_ other: [String]) -> Bool {
        targets.contains { other.contains($0) }
    }
}
