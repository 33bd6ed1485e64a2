import Foundation
import OpsCore

/// A read-only audit of the PostHog project key the app ships (docs/services/posthog.md): the
/// variable named by `posthog.projectKeyEnv` holds a `phc_` key and, with a personal API key,
/// the project exists, is reachable, and owns that key. It proposes no changes.
package struct PostHogConnector: ReadOnlyConnector {
    package static let personalKeyVariable = "POSTHOG_PERSONAL_API_KEY"
    package static let projectIDVariable = "POSTHOG_PROJECT_ID"
    package static let baseURLVariable = "OPS_POSTHOG_API_URL"
    package static let defaultBaseURL = "https://us.posthog.com"

    package let scope = ServiceScope.posthog
    let context: ConnectorContext
    let baseURL: URL

    /// Never fails for missing variables: the project key's variable is named in the desired
    /// state (read at plan time), and the personal key is optional.
    package static func make(context: ConnectorContext) -> Result<any Connector, MissingCredentials> {
        let base = context.baseURL(scope: .posthog, overrideVariable: baseURLVariable, defaultURL: defaultBaseURL)
        guard let url = URL(string: base), url.scheme == "http" || url.scheme == "https" else {
            return .failure(MissingCredentials(variables: [baseURLVariable], problem: "the PostHog API URL '\(base)' is not an http(s) URL"))
        }
        return .success(PostHogConnector(context: context, baseURL: url))
    }

    package func plan(_ request: PlanRequest) async -> PlanResponse {
        guard let desired = request.desired.posthog else { return PlanResponse() }
        let source = desired.location
        let variable = desired.projectKeyEnv
        // Registered with the redactor before anything is sent or reported.
        var declared: String?
        if case .success(let values) = context.settings(secrets: [variable]) { declared = values[variable] }
        let declaredFingerprint = declared.flatMap { try? context.fingerprints.fingerprint(value: $0, redactor: context.redactor).get() }
        var checks = [PostHogAudit.projectKey(variable: variable, value: declared, fingerprint: declaredFingerprint, source: source)]

        guard case .success(let settings) = context.settings(secrets: [Self.personalKeyVariable]) else {
            checks.append(PostHogAudit.notChecked(personalVariable: Self.personalKeyVariable, source: source))
            return PlanResponse(checks: checks)
        }
        let personalKey = settings[Self.personalKeyVariable] ?? ""
        guard PostHogKeyShape(personalKey) == .personalKey else {
            checks.append(PostHogAudit.malformedPersonalKey(personalVariable: Self.personalKeyVariable, source: source))
            return PlanResponse(checks: checks)
        }
        let metrics = HTTPMetrics()
        let client = ServiceHTTPClient(
            configuration: .posthog(baseURL: baseURL, personalKey: personalKey), redactor: context.redactor, metrics: metrics,
            observer: HTTPRequestLog.observer(for: context)
        )
        let projectID = context.environment[Self.projectIDVariable].flatMap { $0.isEmpty ? nil : $0 }
        let path = "/api/projects/\(projectID.map(PathSegment.encode) ?? "@current")/"
        do {
            let project = try await client.send(.get(path)).decodeJSON(PostHogProjectBody.self)
            let remote = project.api_token.flatMap { try? context.fingerprints.fingerprint(value: $0, redactor: context.redactor).get() }
            checks.append(PostHogAudit.reachable(project, host: baseURL.absoluteString, source: source))
            if declared != nil, PostHogKeyShape(declared ?? "") == .projectKey {
                checks.append(PostHogAudit.match(declared: declaredFingerprint, remote: remote, variable: variable, project: project, source: source))
            }
        } catch {
            checks.append(projectFailure(error, projectID: projectID, source: source))
        }
        return PlanResponse(checks: checks, requestCount: metrics.snapshot().requests)
    }

    /// 404: the project does not exist (a failing check); anything else: it could not be read.
    private func projectFailure(_ error: any Error, projectID: String?, source: SourceLocation?) -> Check {
        let diagnostic = (error as? any DiagnosticError)?.diagnostic ?? Diagnostic(message: "PostHog request failed: \(error)")
        let message = context.redactor.redact(diagnostic.message)
        if case .status(_, 404, _, _)? = error as? HTTPClientError {
            return Check(
                id: PostHogAudit.projectCheckID, scope: .posthog, name: "project", status: .fail,
                message: projectID.map { "project \($0) does not exist on \(baseURL.absoluteString) (\(message))" }
                    ?? "the personal key has no current project on \(baseURL.absoluteString) (\(message))",
                suggestedAction: "set \(Self.projectIDVariable) to the id in the project's URL, and \(Self.baseURLVariable) to https://eu.posthog.com for an EU project",
                source: source
            )
        }
        if case .status(_, 403, _, _)? = error as? HTTPClientError {
            return Check(
                id: PostHogAudit.projectCheckID, scope: .posthog, name: "project", status: .fail,
                message: message, suggestedAction: "give the personal API key read access to the project (scope project:read) or use a key of a member of it",
                source: source
            )
        }
        return Check(
            id: PostHogAudit.projectCheckID, scope: .posthog, name: "project", status: .error, message: message,
            suggestedAction: diagnostic.hint.map(context.redactor.redact), source: source
        )
    }

    package func readOnlyRefusal(_ id: ChangeID) -> Diagnostic {
        Self.readOnly(id)
    }

    static func readOnly(_ id: ChangeID) -> Diagnostic {
        Diagnostic(
            message: "\(id) cannot be applied: opsctl audits PostHog read-only and makes no PostHog changes",
            hint: "follow the suggested action of the posthog checks in the plan, then re-run plan"
        )
    }
}
