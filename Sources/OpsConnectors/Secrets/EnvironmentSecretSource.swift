import OpsCore

/// `source: env`: each key's value is the environment variable of the same name, as a GitHub
/// Actions job gets its secrets. An unset or empty variable is a key missing in the source.
/// The environment knows no modification dates, so rotation cannot be judged from it.
package struct EnvironmentSecretSource: SecretSource {
    let environment: [String: String]
    let redactor: Redactor

    package init(environment: [String: String], redactor: Redactor) {
        self.environment = environment
        self.redactor = redactor
    }

    package var label: String { "the environment" }

    package func readAll(wanted: [String]) async throws(SecretSourceError) -> [SourceSecret] {
        try await read(names: wanted)
    }

    package func read(names: [String]) async throws(SecretSourceError) -> [SourceSecret] {
        names.compactMap { name in
            guard let value = environment[name], !value.isEmpty else { return nil }
            redactor.register(secret: value)
            return SourceSecret(name: name, value: value)
        }
    }
}
