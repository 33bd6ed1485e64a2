import Synchronization

/// Connectors made before desired-state.yaml is read, each told to start the reads that do not
/// depend on it (`Connector.startReading`), so that a plan's first round trip travels while the
/// file is parsed instead of after it (docs/performance.md). The planner takes them for their
/// scopes; a scope the file turns out not to declare just leaves its read unused.
package final class StartedConnectors: Sendable {
    private let made = Mutex<[ServiceScope: Result<any Connector, MissingCredentials>]>([:])

    package init() {}

    /// Makes the connectors of `scopes` (those the registry has) and starts their reads.
    package func start(_ scopes: [ServiceScope], registry: ConnectorRegistry, context: ConnectorContext) {
        for scope in scopes {
            guard let connector = registry.connector(for: scope, context: context) else { continue }
            if case .success(let ready) = connector { ready.startReading() }
            made.withLock { $0[scope] = connector }
        }
    }

    /// Tells the connector made for the list's scope, if one was, what the file declares
    /// (`Connector.continueReading(declared:)`).
    package func declared(_ list: DeclaredList) {
        guard let scope = list.scope, case .success(let connector)? = made.withLock({ $0[scope] }) else { return }
        connector.continueReading(declared: list)
    }

    /// The connector made for `scope`, if one was, which is forgotten here: a second plan
    /// makes its own.
    func take(_ scope: ServiceScope) -> Result<any Connector, MissingCredentials>? {
        made.withLock { $0.removeValue(forKey: scope) }
    }
}
