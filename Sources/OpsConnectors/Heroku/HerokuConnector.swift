import Foundation
import OpsCore

/// A read-only snapshot of Heroku apps (docs/services/heroku.md): each declared app's current
/// release, its formation against the declared one, its add-ons, and its health URL. It
/// proposes no changes; refresh and apply refuse.
package struct HerokuConnector: ReadOnlyConnector {
    package let scope = ServiceScope.heroku
    let api: HerokuAPI
    /// Probes health URLs; a plain client without credentials, since the URL is the app's own.
    let health: HerokuHealthProbe

    package static func make(context: ConnectorContext) -> Result<any Connector, MissingCredentials> {
        HerokuAPI.make(context: context).map { api in
            HerokuConnector(api: api, health: HerokuHealthProbe(redactor: context.redactor, context: context))
        }
    }

    // MARK: - Plan

    package func plan(_ request: PlanRequest) async -> PlanResponse {
        guard let desired = request.desired.heroku else { return PlanResponse() }
        var checks: [Check] = []
        for app in desired.apps {
            checks += await audit(app)
        }
        return PlanResponse(checks: checks.map(api.client.redactor.redact), requestCount: api.metrics.snapshot().requests + health.requests)
    }

    private func audit(_ app: HerokuApp) async -> [Check] {
        var checks: [Check] = []
        async let releases = capture { try await api.releases(app: app.name) }
        async let formation = capture { try await api.formation(app: app.name) }
        async let addons = capture { try await api.addons(app: app.name) }
        async let healthResult = probeHealth(app.healthCheck)

        switch await releases {
        case .success(let list): checks.append(HerokuAudit.release(app: app, releases: list))
        case .failure(let error): checks.append(errorCheck("heroku.release.\(app.name)", name: "\(app.name) release", error, app: app))
        }
        switch await formation {
        case .success(let processes): checks += HerokuAudit.formation(app: app, processes: processes)
        case .failure(let error): checks.append(errorCheck("heroku.formation.\(app.name)", name: "\(app.name) formation", error, app: app))
        }
        switch await addons {
        case .success(let list): checks += HerokuAudit.addons(app: app, addons: list)
        case .failure(let error): checks.append(errorCheck("heroku.addons.\(app.name)", name: "\(app.name) add-ons", error, app: app))
        }
        if let outcome = await healthResult, let url = app.healthCheck {
            checks.append(HerokuAudit.health(app: app, url: url, outcome: outcome))
        }
        return checks
    }

    private func probeHealth(_ url: String?) async -> HerokuHealthProbe.Outcome? {
        guard let url else { return nil }
        return await health.probe(url)
    }

    private func capture<Value: Sendable>(_ body: @Sendable () async throws -> Value) async -> Result<Value, any Error> {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }

    // MARK: - Refresh and apply

    package func readOnlyRefusal(_ id: ChangeID) -> Diagnostic {
        Diagnostic(
            message: "\(id) cannot be applied: opsctl audits the Heroku platform read-only and makes no changes there",
            hint: "follow the suggested action of the heroku checks in the plan, then re-run plan"
        )
    }

    // MARK: - Reporting

    private func errorCheck(_ id: String, name: String, _ error: any Error, app: HerokuApp) -> Check {
        let diagnostic: Diagnostic
        if let error = error as? any DiagnosticError {
            diagnostic = error.diagnostic
        } else {
            diagnostic = Diagnostic(message: "Heroku request failed: \(error)")
        }
        return Check(id: id, scope: .heroku, name: name, status: .error, message: diagnostic.message, suggestedAction: diagnostic.hint, source: app.location)
    }
}
