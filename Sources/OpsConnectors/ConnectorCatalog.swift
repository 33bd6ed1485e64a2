import OpsCore

/// The connectors this build has. A scope without one is reported as not audited.
public enum ConnectorCatalog {
    public static var standard: ConnectorRegistry {
        var registry = ConnectorRegistry()
        registry.register(scope: .github, factory: GitHubConnector.make)
        registry.register(scope: .vercel, factory: VercelConnector.make)
        registry.register(scope: .supabase, factory: SupabaseConnector.make)
        registry.register(scope: .stripe, factory: StripeConnector.make)
        registry.register(scope: .sendgrid, factory: SendGridConnector.make)
        return registry
    }
}
