import Foundation

private struct ScopeResponse: Sendable {
    var scope: ServiceScope
    var response: PlanResponse
}

/// Runs the requested scopes' connectors in parallel and turns what they report into a plan.
package struct Planner: Sendable {
    package var registry: ConnectorRegistry
    package var context: ConnectorContext

    package init(registry: ConnectorRegistry, context: ConnectorContext) {
        self.registry = registry
        self.context = context
    }

    package struct Request: Sendable {
        package var desired: DesiredState
        package var policy: ChangePolicy
        /// Nil audits every scope the desired state declares.
        package var scopes: [ServiceScope]?
        package var actor: String
        package var createdAt: String
        package var inputs: [PlanInput]

        package init(
            desired: DesiredState,
            policy: ChangePolicy,
            scopes: [ServiceScope]?,
            actor: String,
            createdAt: String,
            inputs: [PlanInput]
        ) {
            self.desired = desired
            self.policy = policy
            self.scopes = scopes
            self.actor = actor
            self.createdAt = createdAt
            self.inputs = inputs
        }
    }

    /// The warnings for a scope the planner did not audit at all.
    static func undeclaredCheckID(_ scope: ServiceScope) -> String { "\(scope.rawValue).declared" }
    static func missingConnectorCheckID(_ scope: ServiceScope) -> String { "\(scope.rawValue).connector" }

    package func plan(_ request: Request) async -> Plan {
        let scopes = request.scopes ?? request.desired.declaredScopes
        var checks: [Check] = []
        var runnable: [(ServiceScope, any Connector)] = []
        for scope in scopes {
            if !request.desired.declaredScopes.contains(scope) {
                checks.append(Check(
                    id: Self.undeclaredCheckID(scope),
                    scope: scope,
                    name: "\(scope.rawValue) declared",
                    status: .warning,
                    message: "\(scope.rawValue) is not declared in desired-state.yaml, so there is nothing to audit"
                ))
                continue
            }
            switch registry.connector(for: scope, context: context) {
            case nil:
                checks.append(Check(
                    id: Self.missingConnectorCheckID(scope),
                    scope: scope,
                    name: "\(scope.rawValue) connector",
                    status: .warning,
                    message: "this version of opsctl has no \(scope.rawValue) connector yet; \(scope.rawValue) was not audited"
                ))
            case .failure(let missing):
                checks.append(Check(
                    id: "\(scope.rawValue).credentials",
                    scope: scope,
                    name: "\(scope.rawValue) credentials",
                    status: .error,
                    message: "\(scope.rawValue) was not audited: \(missing.message)",
                    suggestedAction: missing.suggestedAction
                ))
            case .success(let connector):
                runnable.append((scope, connector))
            }
        }

        let desired = request.desired
        // Results travel in a named struct, not a tuple: with Swift 6.3's optimiser a tuple
        // destructured in `for await (a, b) in group` was seen to read a wrong element.
        let responses = await withTaskGroup(of: ScopeResponse.self, returning: [ServiceScope: PlanResponse].self) { group in
            for (scope, connector) in runnable {
                group.addTask { ScopeResponse(scope: scope, response: await connector.plan(PlanRequest(desired: desired))) }
            }
            var collected: [ServiceScope: PlanResponse] = [:]
            for await result in group { collected[result.scope] = result.response }
            return collected
        }

        var changes: [Change] = []
        var coverage: [Coverage] = []
        var requests = 0
        for (scope, _) in runnable {
            guard let response = responses[scope] else { continue }
            checks += response.checks
            changes += response.changes
            coverage += response.coverage
            requests += response.requestCount
        }
        // Accepted exceptions leave the plan before it is sorted and annotated.
        let now = ReceiptTimestamp.date(from: request.createdAt) ?? Date()
        let filtered = IgnoreFilter(rules: request.policy.ignore, now: now).apply(checks: checks, changes: changes)
        checks = filtered.checks
        changes = filtered.changes
        let order = Dictionary(uniqueKeysWithValues: ServiceScope.allCases.enumerated().map { ($1, $0) })
        checks.sort { (order[$0.scope] ?? .max, $0.id) < (order[$1.scope] ?? .max, $1.id) }
        changes.sort { (order[$0.scope] ?? .max, $0.id.description) < (order[$1.scope] ?? .max, $1.id.description) }

        let redactor = context.redactor
        checks = checks.map(redactor.redact)
        changes = changes.map { change in
            var change = change
            change.description = redactor.redact(change.description)
            return change
        }
        return Plan(
            createdAt: request.createdAt,
            createdBy: request.actor,
            scope: scopes,
            inputs: request.inputs,
            checks: checks,
            changes: PolicyEvaluator.annotate(changes, policy: request.policy),
            requests: requests,
            coverage: coverage
        )
    }
}
