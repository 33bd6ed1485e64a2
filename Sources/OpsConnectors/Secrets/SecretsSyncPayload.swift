import OpsCore

/// What a `secrets.sync.<target>` change carries from plan to apply: which keys it sets and
/// removes, the keyed fingerprints the plan saw (in the source and in the target), and never
/// a value. Apply reads the values from the source again and refuses one that moved.
struct SecretsSyncPayload: ChangePayload, Equatable {
    var kind: SecretsChangeKind
    var set: [String]
    var remove: [String]
    /// Fingerprint of each set key's source value at plan time.
    var sourceFingerprints: [String: String]
    /// What the plan saw in the target for every key it compares: `SecretTargetKey.observed`.
    var observed: [String: String]
    var fingerprintKeyID: String
    /// Where the values come from, as desired-state.yaml said at plan time.
    var source: SecretsConfig.Source
    var ssmPath: String?
    /// Heroku: the app. Vercel: the declared targets and the keys `vercel.envVars` manages.
    var app: String?
    var vercelTargets: [String]
    var managedElsewhere: [String]
    var prune: Bool

    init(
        kind: SecretsChangeKind, set: [String], remove: [String], sourceFingerprints: [String: String], observed: [String: String],
        fingerprintKeyID: String, source: SecretsConfig.Source, ssmPath: String?, app: String?, vercelTargets: [String],
        managedElsewhere: [String], prune: Bool
    ) {
        self.kind = kind
        self.set = set
        self.remove = remove
        self.sourceFingerprints = sourceFingerprints
        self.observed = observed
        self.fingerprintKeyID = fingerprintKeyID
        self.source = source
        self.ssmPath = ssmPath
        self.app = app
        self.vercelTargets = vercelTargets
        self.managedElsewhere = managedElsewhere
        self.prune = prune
    }

    init(change: Change) throws(ChangePayloadError) {
        let reader = PayloadReader(change)
        kind = try SecretsChangeKind.of(change)
        set = try reader.strings("set")
        remove = try reader.strings("remove")
        sourceFingerprints = try Self.map(reader.member("sourceFingerprints"))
        observed = try Self.map(reader.member("observed"))
        fingerprintKeyID = try reader.string("fingerprintKeyId")
        let sourceName = try reader.string("source")
        guard let source = SecretsConfig.Source(rawValue: sourceName) else { throw reader.error("payload.source '\(sourceName)' is neither env nor ssm") }
        self.source = source
        ssmPath = try reader.optionalString("ssmPath")
        app = try reader.optionalString("app")
        vercelTargets = try reader.optionalMember("vercelTargets")?.strings() ?? []
        managedElsewhere = try reader.optionalMember("managedElsewhere")?.strings() ?? []
        prune = try reader.bool("prune")
        if kind == .syncHeroku, app == nil { throw reader.error("payload.app is missing") }
    }

    /// The target the change writes to, built from the environment as plan built it.
    func target(context: ConnectorContext) -> Result<any SecretSyncTarget, MissingCredentials> {
        switch kind {
        case .syncHeroku:
            return HerokuAPI.make(context: context).map { HerokuSyncTarget(api: $0, app: app ?? "", prune: prune) }
        case .syncVercel:
            return VercelConnector.api(context: context).map {
                VercelSyncTarget(api: $0, targets: vercelTargets, prune: prune, managedElsewhere: Set(managedElsewhere),
                                 fingerprints: context.fingerprints, redactor: context.redactor)
            }
        }
    }

    var json: JSONValue {
        [
            "set": .array(set.map(JSONValue.string)), "remove": .array(remove.map(JSONValue.string)),
            "sourceFingerprints": .object(sourceFingerprints.mapValues(JSONValue.string)),
            "observed": .object(observed.mapValues(JSONValue.string)), "fingerprintKeyId": .string(fingerprintKeyID),
            "source": .string(source.rawValue), "ssmPath": ssmPath.map(JSONValue.string) ?? .null, "app": app.map(JSONValue.string) ?? .null,
            "vercelTargets": .array(vercelTargets.map(JSONValue.string)), "managedElsewhere": .array(managedElsewhere.map(JSONValue.string)),
            "prune": .bool(prune),
        ]
    }

    private static func map(_ reader: PayloadReader) throws(ChangePayloadError) -> [String: String] {
        guard case .object(let members) = reader.json else { throw reader.error("a fingerprint map is not an object") }
        var result: [String: String] = [:]
        for (key, value) in members {
            guard let text = value.stringValue else { throw reader.error("the fingerprint of \(key) is not a string") }
            result[key] = text
        }
        return result
    }
}
