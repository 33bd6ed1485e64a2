import OpsCore

/// The connectors this build has. A scope without one is reported as not audited.
package enum ConnectorCatalog {
    /// Where `secrets: source: ssm` is read from: the parameter path, through the SSM client.
    package static let secretSources = SecretSources(ssm: SSMSecretSource.make)

    package static var standard: ConnectorRegistry {
        var registry = ConnectorRegistry()
        registry.register(scope: .github, factory: GitHubConnector.make)
        registry.register(scope: .vercel, factory: VercelConnector.make)
        registry.register(scope: .supabase, factory: SupabaseConnector.make)
        registry.register(scope: .stripe, factory: StripeConnector.make)
        registry.register(scope: .sendgrid, factory: SendGridConnector.make)
        registry.register(scope: .posthog, factory: PostHogConnector.make)
        registry.register(scope: .slack, factory: SlackConnector.make)
        registry.register(scope: .secrets, factory: SecretsConnector.make(sources: secretSources))
        registry.register(scope: .heroku, factory: HerokuConnector.make)
        return registry
    }
}
