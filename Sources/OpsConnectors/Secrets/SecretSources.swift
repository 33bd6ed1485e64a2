import OpsCore

/// Where `source: ssm` comes from: the AWS connector provides it, so the secrets scope does not
/// depend on it. The catalog wires the real one; a build without it says so.
package struct SecretSources: Sendable {
    /// Opens the SSM parameter path as a source, or says why it cannot.
    package var ssm: @Sendable (ConnectorContext, String) async -> Result<any SecretSource, SecretSourceError>

    package init(ssm: @escaping @Sendable (ConnectorContext, String) async -> Result<any SecretSource, SecretSourceError>) {
        self.ssm = ssm
    }

    /// For builds without the AWS SSM connector.
    package static let unavailable = SecretSources { _, path in
        .failure(SecretSourceError(Diagnostic(
            message: "secrets.source ssm (\(path)) is not available in this build: it has no AWS SSM connector",
            hint: "use 'source: env' with the values in the environment for now"
        )))
    }

    /// The source desired-state.yaml names.
    func open(_ source: SecretsConfig.Source, ssmPath: String?, context: ConnectorContext) async -> Result<any SecretSource, SecretSourceError> {
        switch source {
        case .env: .success(EnvironmentSecretSource(environment: context.environment, redactor: context.redactor))
        case .ssm: await ssm(context, ssmPath ?? "/")
        }
    }
}
