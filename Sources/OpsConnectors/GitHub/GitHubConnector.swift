import Foundation
import OpsCore

/// Labels and classic branch protection of one repository (docs/services/github.md).
package struct GitHubConnector: Connector {
    package static let tokenVariable = "OPS_GITHUB_TOKEN"
    package static let ownerVariable = "OPS_GITHUB_OWNER"
    package static let repoVariable = "OPS_GITHUB_REPO"
    package static let baseURLVariable = "OPS_GITHUB_API_URL"

    package let scope = ServiceScope.github
    let api: GitHubAPI
    let metrics: HTTPMetrics
    /// The label listing's pages sent before the plan, by number (`startReading`,
    /// `continueReading(declared:)`).
    private let startedListing = StartedRequests<Int>()

    package static func make(context: ConnectorContext) -> Result<any Connector, MissingCredentials> {
        let metrics = HTTPMetrics()
        return api(context: context, metrics: metrics).map { GitHubConnector(api: $0, metrics: metrics) }
    }

    /// The client for the configured repository, shared by the connector and the pull-request
    /// conversation (reviews, the plan comment).
    static func api(context: ConnectorContext, metrics: HTTPMetrics) -> Result<GitHubAPI, MissingCredentials> {
        context.settings(secrets: [tokenVariable], plain: [ownerVariable, repoVariable]).flatMap { settings in
            let base = context.baseURL(scope: .github, overrideVariable: baseURLVariable, defaultURL: "https://api.github.com")
            guard let url = URL(string: base), url.scheme == "http" || url.scheme == "https" else {
                return .failure(MissingCredentials(variables: [baseURLVariable], problem: "the GitHub API URL '\(base)' is not an http(s) URL"))
            }
            let client = ServiceHTTPClient(
                configuration: .github(baseURL: url, token: settings[tokenVariable]),
                redactor: context.redactor,
                metrics: metrics,
                observer: HTTPRequestLog.observer(for: context)
            )
            return .success(GitHubAPI(client: client, owner: settings[ownerVariable] ?? "", repo: settings[repoVariable] ?? ""))
        }
    }

    /// Sends the label listing's first request, which needs only the repository: it is
    /// what the plan waits on first, and the next requests wait for its `Link` header.
    package func startReading() {
        let api = api, startedListing = startedListing
        api.client.whenReady { startedListing.start(1) { api.startListingLabels(page: 1) } }
    }

    /// The labels declared say which pages the plan will guess (`GitHubAPI.allPages`): those
    /// are sent now, while the rest of the file is read, instead of once it is decoded. An
    /// empty list sends nothing: without `prune`, nothing would read the answer.
    package func continueReading(declared list: DeclaredList) {
        guard list.key == GitHubConfig.labelsKey, list.count > 0 else { return }
        let api = api, startedListing = startedListing
        api.client.whenReady {
            for page in api.guessedLabelPages(expected: list.count) {
                startedListing.start(page) { api.startListingLabels(page: page) }
            }
        }
    }

    package func plan(_ request: PlanRequest) async -> PlanResponse {
        guard let desired = request.desired.github else { return PlanResponse() }
        async let protectionResults = readProtections(desired.branchProtection)
        // Read in this task rather than in an `async let`, whose storage would keep a second
        // reference to the result's arrays until the end of this function.
        let labelResult = await readLabels(desired.labels, index: desired.labelIndex, prune: desired.prune.contains(.labels))
        var checks: [Check] = []
        var changes: [Change] = []
        var coverage: [Coverage] = []
        switch consume labelResult {
        case .success(var labels?):
            // Taken whole: appending a thousand checks to an empty array copied each one, and
            // the result's own copies were then freed, on the way from the last page to the plan.
            swap(&checks, &labels.checks)
            swap(&changes, &labels.changes)
            coverage.append(labels.coverage)
        case .success(nil):
            break
        case .failure(let error):
            checks.append(apiErrorCheck(id: "github.labels", name: "labels", error: error))
        }
        for (protection, result) in await protectionResults {
            switch result {
            case .success(let remote):
                let (check, change) = GitHubReconciler.protection(desired: protection, remote: remote)
                checks.append(check)
                if let change { changes.append(change) }
            case .failure(let error):
                var check = apiErrorCheck(id: "github.branch_protection.\(protection.branch)", name: "branch protection \(protection.branch)", error: error)
                check.source = protection.location
                checks.append(check)
            }
        }
        return PlanResponse(checks: checks, changes: changes, requestCount: metrics.snapshot().requests, coverage: coverage)
    }

    package func refresh(_ request: RefreshRequest) async -> RefreshResponse {
        await request.decoding(GitHubChange.self) { await refresh(request.change, payload: $0) }
    }

    package func apply(_ request: ApplyRequest) async -> ApplyResponse {
        await request.decoding(GitHubChange.self) { await apply(request.change, payload: $0, request: request) }
    }

    func refresh(_ change: Change, payload: GitHubChange) async -> RefreshResponse {
        do {
            let current: JSONValue
            switch payload {
            case .createLabel(let label):
                current = try await api.label(named: label.name)?.json ?? .null
            case .updateLabel(let currentName, _):
                current = try await api.label(named: currentName)?.json ?? .null
            case .protectBranch(let branch, _):
                current = try await api.protection(branch: branch)?.json ?? .null
            case .deleteLabel(let name):
                current = try await api.label(named: name)?.json ?? .null
            }
            return .comparing(change, with: current)
        } catch {
            return .failed(diagnostic(for: error))
        }
    }

    func apply(_ change: Change, payload: GitHubChange, request: ApplyRequest) async -> ApplyResponse {
        do {
            switch payload {
            case .createLabel(let wanted):
                let created = try await api.createLabel(wanted)
                return .applied(before: .null, after: created.json, detail: "created the label '\(created.name)'")
            case .updateLabel(let currentName, let wanted):
                let updated = try await api.updateLabel(currentName: currentName, to: wanted)
                return .applied(before: change.before, after: updated.json, detail: "updated the label '\(updated.name)'")
            case .protectBranch(let branch, let wanted):
                // Read just before the PUT, so a setting changed since the plan is kept too.
                let kept = try await api.undeclaredProtection(branch: branch)
                let protection = try await api.putProtection(branch: branch, wanted, keeping: kept)
                return .applied(before: change.before, after: protection.json, detail: "set branch protection on '\(branch)'")
            case .deleteLabel(let name):
                try await api.deleteLabel(named: name)
                return .applied(before: change.before, after: .null, detail: "deleted the label '\(name)'")
            }
        } catch {
            return .failed(diagnostic(for: error))
        }
    }

    /// Nil when labels are neither declared nor pruned: there is nothing to compare them with.
    private func readLabels(_ desired: [GitHubLabel], index: GitHubLabelIndex, prune: Bool) async -> Result<GitHubReconciler.LabelResult?, any Error> {
        guard !desired.isEmpty || prune else { return .success(nil) }
        do {
            // Compared page by page as the listing arrives, most of it before the last page does.
            let matcher = GitHubLabelMatcher(desired: desired, index: index, prune: prune)
            let remote = try await api.listLabels(expected: desired.count, started: startedListing.takeAll(), onPage: matcher.add)
            let result = matcher.result(remote: remote)
            // The matcher's tables and the listing are freed on another thread, beside the
            // planner's work on the result (docs/performance.md).
            BackgroundRelease.release(matcher, remote)
            return .success(result)
        } catch {
            return .failure(error)
        }
    }

    /// One branch's protection as read, or why it could not be read.
    private struct ProtectionRead: Sendable {
        var index: Int
        var snapshot: ProtectionSnapshot?
        var error: (any Error)?
    }

    private func readProtections(_ desired: [BranchProtection]) async -> [(BranchProtection, Result<ProtectionSnapshot?, any Error>)] {
        let reads = await withTaskGroup(of: ProtectionRead.self, returning: [ProtectionRead].self) { group in
            for (index, protection) in desired.enumerated() {
                group.addTask {
                    do {
                        return ProtectionRead(index: index, snapshot: try await api.protection(branch: protection.branch), error: nil)
                    } catch {
                        return ProtectionRead(index: index, snapshot: nil, error: error)
                    }
                }
            }
            var collected: [ProtectionRead] = []
            for await read in group { collected.append(read) }
            return collected.sorted { $0.index < $1.index }
        }
        return reads.map { read in
            (desired[read.index], read.error.map { .failure($0) } ?? .success(read.snapshot))
        }
    }

    private func apiErrorCheck(id: String, name: String, error: any Error) -> Check {
        let diagnostic = diagnostic(for: error)
        return Check(id: id, scope: .github, name: name, status: .error, message: diagnostic.message, suggestedAction: diagnostic.hint)
    }

    private func diagnostic(for error: any Error) -> Diagnostic {
        if let error = error as? any DiagnosticError { return error.diagnostic }
        return Diagnostic(message: api.client.redactor.redact("GitHub request failed: \(error)"))
    }
}
