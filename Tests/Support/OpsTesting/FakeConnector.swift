import Foundation
import OpsCore
import Synchronization

/// A connector whose answers are scripted, kept beside the protocol the way terraform keeps a
/// mock provider beside its provider interface: planner and applier tests run against it
/// without HTTP, and it records every call so a test can say what was and was not asked.
///
/// Unscripted answers are the safe ones: `plan` reports nothing, `refresh` says `unchanged`,
/// and `apply` reports the change applied with `before`/`after` from the plan.
package final class FakeConnector: Connector, Sendable {
    package enum Call: Sendable, Equatable {
        case startReading
        case continueReading(DeclaredList)
        case plan
        case refresh(ChangeID)
        case apply([ChangeID])
    }

    package let scope: ServiceScope
    private let state = Mutex(State())

    private struct State {
        var plan = PlanResponse()
        var refreshes: [ChangeID: [RefreshResponse]] = [:]
        var applies: [ChangeID: ApplyResponse] = [:]
        var droppedResponses = 0
        var calls: [Call] = []
        var beforeApply: (@Sendable ([Change]) -> Void)?
    }

    package init(scope: ServiceScope) {
        self.scope = scope
    }

    // MARK: - Script

    package func answerPlan(_ response: PlanResponse) {
        state.withLock { $0.plan = response }
    }

    /// Answers for successive refreshes of one change; the last answer repeats.
    package func answerRefresh(_ responses: RefreshResponse..., for id: ChangeID) {
        state.withLock { $0.refreshes[id] = responses }
    }

    package func answerApply(_ response: ApplyResponse, for id: ChangeID) {
        state.withLock { $0.applies[id] = response }
    }

    /// Answers a batch with this many responses fewer than it has changes, as a broken
    /// connector would.
    package func dropLastResponses(_ count: Int) {
        state.withLock { $0.droppedResponses = count }
    }

    /// Runs inside `apply(batch:)` before any answer is given: the moment the service is called.
    package func beforeApply(_ hook: @escaping @Sendable ([Change]) -> Void) {
        state.withLock { $0.beforeApply = hook }
    }

    // MARK: - What was asked

    package var calls: [Call] { state.withLock { $0.calls } }

    package var appliedIDs: [ChangeID] {
        calls.flatMap { call -> [ChangeID] in
            if case .apply(let ids) = call { return ids }
            return []
        }
    }

    package var refreshedIDs: [ChangeID] {
        calls.compactMap { call in
            if case .refresh(let id) = call { return id }
            return nil
        }
    }

    // MARK: - Connector

    package func startReading() {
        state.withLock { $0.calls.append(.startReading) }
    }

    package func continueReading(declared list: DeclaredList) {
        state.withLock { $0.calls.append(.continueReading(list)) }
    }

    package func plan(_ request: PlanRequest) async -> PlanResponse {
        state.withLock { state in
            state.calls.append(.plan)
            return state.plan
        }
    }

    package func refresh(_ request: RefreshRequest) async -> RefreshResponse {
        state.withLock { state in
            let id = request.change.id
            state.calls.append(.refresh(id))
            guard var queue = state.refreshes[id], let next = queue.first else { return .unchanged }
            if queue.count > 1 {
                queue.removeFirst()
                state.refreshes[id] = queue
            }
            return next
        }
    }

    package func apply(_ request: ApplyRequest) async -> ApplyResponse {
        await apply(batch: ApplyBatchRequest(changes: [request.change], secrets: request.secrets, settings: request.settings))[0]
    }

    package func apply(batch: ApplyBatchRequest) async -> [ApplyResponse] {
        let hook = state.withLock { state in
            state.calls.append(.apply(batch.changes.map(\.id)))
            return state.beforeApply
        }
        hook?(batch.changes)
        return state.withLock { state in
            let responses = batch.changes.map { change in
                state.applies[change.id] ?? .applied(before: change.before, after: change.after, detail: "applied \(change.id)")
            }
            return Array(responses.dropLast(state.droppedResponses))
        }
    }
}

extension ConnectorRegistry {
    /// A registry whose scopes are served by the given fakes.
    package static func serving(_ connectors: [FakeConnector]) -> ConnectorRegistry {
        var registry = ConnectorRegistry()
        for connector in connectors {
            registry.register(scope: connector.scope) { _ in .success(connector) }
        }
        return registry
    }
}
