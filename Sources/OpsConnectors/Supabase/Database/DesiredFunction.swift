import OpsCore

/// A function from desired-state.yaml with the server's reading of it
/// (`DesiredSchemaNormaliser.normalise(_:)`): `config` is what the SQL is written from,
/// `normalised` what the diff compares, or why the server refused it.
struct DesiredFunction: Sendable {
    var config: SupabaseFunction
    var normalised: DesiredSchemaNormaliser.NormalisedFunction

    /// As declared, for messages before the server named its argument types.
    var declaredSignature: String { "\(config.schema).\(config.name)(\(config.arguments))" }
}
