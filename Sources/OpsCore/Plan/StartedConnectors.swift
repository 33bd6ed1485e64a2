import Synchronization

/// Connectors made before desired-state.yaml is decoded, so that a plan's first round trips
/// travel while the file is still being read instead of after it (docs/performance.md). The
/// planner takes them for their scopes; a scope the file turns out not to declare just leaves
/// its reads unused.
///
/// `plan --scope` makes the named scopes' connectors at once and tells them to start the reads
/// that need no file (`Connector.startReading`). A plan of every declared scope does not know
/// its scopes before the parse meets them: it makes a scope's connector at the first list its
/// section declares (`makeOnDeclaring`). Either way each connector hears of its section's lists
/// (`Connector.continueReading(declared:)`).
package final class StartedConnectors: Sendable {
    private struct Maker: Sendable {
        var registry: ConnectorRegistry
        var context: ConnectorContext
    }

    private struct State: Sendable {
        var made: [ServiceScope: Result<any Connector, MissingCredentials>] = [:]
        /// Set by `makeOnDeclaring`: how to make a connector for a scope met in the file.
        var maker: Maker?
    }

    private let state = Mutex(State())

    package init() {}

    /// Makes the connectors of `scopes` (those the registry has) and starts their reads.
    package func start(_ scopes: [ServiceScope], registry: ConnectorRegistry, context: ConnectorContext) {
        for scope in scopes {
            guard let connector = registry.connector(for: scope, context: context) else { continue }
            if case .success(let ready) = connector { ready.startReading() }
            state.withLock { $0.made[scope] = connector }
        }
    }

    /// From now on, a list declared for a scope without a connector makes one (not told to
    /// `startReading`: what its section declares decides what it reads).
    package func makeOnDeclaring(registry: ConnectorRegistry, context: ConnectorContext) {
        state.withLock { $0.maker = Maker(registry: registry, context: context) }
    }

    /// Tells the connector of the list's scope what the file declares: the one made for it, or
    /// one made now after `makeOnDeclaring`. Lists of other sections are passed over.
    package func declared(_ list: DeclaredList) {
        guard let scope = list.scope else { return }
        let connector = state.withLock { state -> Result<any Connector, MissingCredentials>? in
            if let made = state.made[scope] { return made }
            guard let maker = state.maker, let made = maker.registry.connector(for: scope, context: maker.context) else { return nil }
            state.made[scope] = made
            return made
        }
        if case .success(let ready)? = connector { ready.continueReading(declared: list) }
    }

    /// The connector made for `scope`, if one was, which is forgotten here: a second plan
    /// makes its own.
    func take(_ scope: ServiceScope) -> Result<any Connector, MissingCredentials>? {
        state.withLock { $0.made.removeValue(forKey: scope) }
    }
}
