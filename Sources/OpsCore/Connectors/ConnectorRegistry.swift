/// Builds connectors by scope. A factory fails with the credentials it is missing, which
/// the planner turns into one `error` check for that scope while the others still run.
package struct ConnectorRegistry: Sendable {
    package typealias Factory = @Sendable (ConnectorContext) -> Result<any Connector, MissingCredentials>

    private var factories: [ServiceScope: Factory] = [:]

    package init() {}

    package mutating func register(scope: ServiceScope, factory: @escaping Factory) {
        factories[scope] = factory
    }

    /// The scopes with a connector, in the order of `ServiceScope.allCases`.
    package var scopes: [ServiceScope] { ServiceScope.allCases.filter { factories[$0] != nil } }

    package func supports(_ scope: ServiceScope) -> Bool { factories[scope] != nil }

    package func connector(for scope: ServiceScope, context: ConnectorContext) -> Result<any Connector, MissingCredentials>? {
        factories[scope].map { $0(context) }
    }
}
