import Foundation

private struct ScopeResponse: Sendable {
    var scope: ServiceScope
    var response: PlanResponse
}

/// Runs the requested scopes' connectors in parallel and turns what they report into a plan.
package struct Planner: Sendable {
    package var registry: ConnectorRegistry
    package var context: ConnectorContext
    /// Connectors made, and their first reads started, before the plan was asked for.
    package var started: StartedConnectors?

    package init(registry: ConnectorRegistry, context: ConnectorContext, started: StartedConnectors? = nil) {
        self.registry = registry
        self.context = context
        self.started = started
    }

    private func connector(for scope: ServiceScope) -> Result<any Connector, MissingCredentials>? {
        started?.take(scope) ?? registry.connector(for: scope, context: context)
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
            switch connector(for: scope) {
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
        var responses = await withTaskGroup(of: ScopeResponse.self, returning: [ServiceScope: PlanResponse].self) { group in
            for (scope, connector) in runnable {
                group.addTask { ScopeResponse(scope: scope, response: await connector.plan(PlanRequest(desired: desired))) }
            }
            var collected: [ServiceScope: PlanResponse] = [:]
            for await result in group { collected[result.scope] = result.response }
            return collected
        }
        // The connectors (their HTTP clients and open connections) are let go of on another
        // thread while the plan is put together (docs/performance.md).
        let scopesRun = runnable.map(\.0)
        BackgroundRelease.release(consume runnable)

        // Each response leaves the dictionary as it is merged, so that no second reference
        // keeps its arrays from being taken whole.
        var merged = PlanResponse(checks: checks)
        for scope in scopesRun {
            guard let response = responses.removeValue(forKey: scope) else { continue }
            merged.append(response)
        }
        return assemble(&merged, scopes: scopes, policy: request.policy, actor: request.actor, createdAt: request.createdAt, inputs: request.inputs)
    }

    /// A plan that undoes one applied change (`plan --revert`): the connector compares the
    /// change's before-snapshot with the service as it is now, and the result is a plan like
    /// any other, with IDs, risks, policy and staleness.
    package func planRevert(
        _ revert: RevertRequest, policy: ChangePolicy, actor: String, createdAt: String, inputs: [PlanInput]
    ) async -> Plan {
        let scope = revert.changeID.scope
        var response: PlanResponse
        switch registry.connector(for: scope, context: context) {
        case nil:
            response = PlanResponse(checks: [revert.cannotRevert("this version of opsctl has no \(scope.rawValue) connector")])
        case .failure(let missing):
            response = PlanResponse(checks: [Check(
                id: "\(scope.rawValue).credentials", scope: scope, name: "\(scope.rawValue) credentials", status: .error,
                message: "\(scope.rawValue) could not be read to plan the revert: \(missing.message)", suggestedAction: missing.suggestedAction)])
        case .success(let connector):
            response = await connector.planRevert(revert)
        }
        return assemble(&response, scopes: [scope], policy: policy, actor: actor, createdAt: createdAt, inputs: inputs)
    }

    /// Ignore rules, a stable order, redaction and policy: the same for every plan. The
    /// response's arrays are taken out of it and changed in place, one copy of them at any time.
    private func assemble(
        _ response: inout PlanResponse, scopes: [ServiceScope], policy: ChangePolicy, actor: String, createdAt: String, inputs: [PlanInput]
    ) -> Plan {
        var checks = response.checks
        var changes = response.changes
        response.checks = []
        response.changes = []
        // Accepted exceptions leave the plan before it is sorted and annotated. Without rules
        // nothing is left out, and the arrays are kept rather than filtered into copies.
        if !policy.ignore.isEmpty {
            let now = ReceiptTimestamp.date(from: createdAt) ?? Date()
            let filtered = IgnoreFilter(rules: policy.ignore, now: now).apply(checks: checks, changes: changes)
            checks = filtered.checks
            changes = filtered.changes
        }
        // Each key made from two fields, read where they lie (an element handed to a closure of
        // a generic function was copied out first); a scope's place among nine found by
        // comparing cases (hashing it for a dictionary cost ten times as much).
        var checkOrder = PlanOrder(capacity: checks.count)
        for index in checks.indices { checkOrder.append(scope: checks[index].scope, id: checks[index].id) }
        checkOrder.apply(to: &checks)
        var changeOrder = PlanOrder(capacity: changes.count)
        for index in changes.indices { changeOrder.append(scope: changes[index].scope, id: changes[index].id.description) }
        changeOrder.apply(to: &changes)

        // Every check passes through the redactor; each stands alone, so they are shared out
        // among the processors (a tenth of a 1,000-label plan's instructions), in place rather
        // than into second arrays (docs/performance.md).
        let redactor = context.redactor
        redactor.redact(&checks)
        ParallelMap.update(&changes) { $0.description = redactor.redact($0.description) }
        return Plan(
            createdAt: createdAt,
            createdBy: actor,
            scope: scopes,
            inputs: inputs,
            checks: checks,
            changes: PolicyEvaluator.annotate(changes, policy: policy),
            requests: response.requestCount,
            coverage: response.coverage
        )
    }
}
