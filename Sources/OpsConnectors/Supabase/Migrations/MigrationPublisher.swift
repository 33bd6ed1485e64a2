import Foundation
import OpsCore

/// Delivers a database migration as a pull request on the GitHub repository named by `OPS_GITHUB_*`
/// (schema changes arrive as a migration file unless policy allows direct apply;
/// docs/services/supabase.md, "Migrations as pull requests"): default branch → its head → a new
/// `opsctl/migration-<ts>-<slug>` branch → the file `supabase/migrations/<ts>_opsctl_<slug>.sql` →
/// the pull request.
///
/// Publishing is idempotent, because `apply` may be re-run after a crash or a lost response:
/// an open pull request from an opsctl branch for the same slug whose file holds the same SQL
/// is returned instead of opening another; a branch left without a pull request is reused
/// when it holds exactly this migration (or nothing yet); any other taken branch name gets a
/// `-2`, `-3`, ... suffix.
struct MigrationPublisher: Sendable {
    let api: GitHubAPI
    /// The redactor holding every registered secret; nothing it would change may be published.
    let redactor: Redactor
    /// Branch names tried in all: the plain one, then suffixed ones.
    var maximumBranchAttempts = 10

    init(api: GitHubAPI, redactor: Redactor, maximumBranchAttempts: Int = 10) {
        self.api = api
        self.redactor = redactor
        self.maximumBranchAttempts = max(1, maximumBranchAttempts)
    }

    /// A publisher for the repository the GitHub connector audits, with the same credentials,
    /// base URL rules (`OPS_GITHUB_API_URL`, then the sandbox) and HTTP configuration.
    static func make(context: ConnectorContext) -> Result<MigrationPublisher, MissingCredentials> {
        let variables = (GitHubConnector.tokenVariable, GitHubConnector.ownerVariable, GitHubConnector.repoVariable)
        return context.settings(secrets: [variables.0], plain: [variables.1, variables.2]).flatMap { settings in
            let base = context.baseURL(
                scope: .github, overrideVariable: GitHubConnector.baseURLVariable, defaultURL: "https://api.github.com")
            guard let url = URL(string: base), url.scheme == "http" || url.scheme == "https" else {
                return .failure(MissingCredentials(
                    variables: [GitHubConnector.baseURLVariable], problem: "the GitHub API URL '\(base)' is not an http(s) URL"))
            }
            let client = ServiceHTTPClient(configuration: .github(baseURL: url, token: settings[variables.0]), redactor: context.redactor, observer: HTTPRequestLog.observer(for: context))
            let api = GitHubAPI(client: client, owner: settings[variables.1] ?? "", repo: settings[variables.2] ?? "")
            return .success(MigrationPublisher(api: api, redactor: context.redactor))
        }
    }

    func publish(_ proposal: MigrationProposal) async throws(MigrationPublishError) -> MigrationPullRequest {
        let text = MigrationPullRequestText(proposal)
        try refuseSecrets(in: proposal.sql, part: "the SQL script")
        try refuseSecrets(in: text.title, part: "the pull request title")
        try refuseSecrets(in: text.body, part: "the pull request body")
        try refuseSecrets(in: text.commitMessage, part: "the commit message")

        if let existing = try await openPullRequest(for: proposal) { return existing }

        let base = try await step("reading the repository's default branch") { try await api.defaultBranch() }
        guard let baseSHA = try await step("reading the branch '\(base)'", { try await api.branchHead(base) }) else {
            throw .baseBranchMissing(branch: base)
        }
        if let onBase = try await step("reading \(proposal.path) on '\(base)'", { try await api.file(at: proposal.path, ref: base) }) {
            throw onBase.content == proposal.fileContent
                ? .alreadyOnBase(path: proposal.path, base: base) : .conflictingFileOnBase(path: proposal.path, base: base)
        }

        let (branch, hasFile) = try await claimBranch(for: proposal, from: baseSHA)
        if !hasFile {
            _ = try await step("committing \(proposal.path) to '\(branch)'") {
                try await api.createFile(at: proposal.path, branch: branch, content: proposal.fileContent, message: text.commitMessage)
            }
        }

        let creation = try await step("opening the pull request from '\(branch)'") {
            try await api.createPullRequest(title: text.title, head: branch, base: base, body: text.body)
        }
        switch creation {
        case .created(let pull):
            return MigrationPullRequest(
                number: pull.number, htmlURL: pull.htmlURL, branch: branch, base: base, path: proposal.path, reused: false)
        case .rejected(let message):
            // "A pull request already exists": someone (or a lost response) opened it meanwhile.
            let open = try await step("listing pull requests from '\(branch)'") { try await api.openPullRequests(head: branch) }
            guard let pull = open.first(where: { $0.headRef == branch }) else {
                throw .pullRequestRejected(branch: branch, message: message)
            }
            return MigrationPullRequest(
                number: pull.number, htmlURL: pull.htmlURL, branch: branch, base: pull.baseRef, path: proposal.path, reused: true)
        }
    }

    // MARK: - Steps

    /// Redaction is the test: text the redactor would alter holds a registered secret or a
    /// credential-shaped token, and must not be committed where every reader of the repository
    /// sees it. The caller learns which part, never the value.
    private func refuseSecrets(in text: String, part: String) throws(MigrationPublishError) {
        if redactor.redact(text) != text { throw .secretInContent(part: part) }
    }

    /// An open pull request from an opsctl branch for this slug whose migration file holds the
    /// same SQL, whatever its timestamp: a re-run after a crash finds the earlier one.
    private func openPullRequest(for proposal: MigrationProposal) async throws(MigrationPublishError) -> MigrationPullRequest? {
        let open = try await step("listing open pull requests") { try await api.openPullRequests() }
        let candidates = open.compactMap { pull -> (GitHubPullRequestSummary, String)? in
            MigrationNaming.timestamp(ofBranch: pull.headRef, slug: proposal.slug).map { (pull, $0) }
        }
        // The exact branch first: it is the likeliest match and costs one read.
        let ordered = candidates.sorted { $0.0.headRef == proposal.branch && $1.0.headRef != proposal.branch }
        for (pull, stamp) in ordered {
            let path = MigrationNaming.path(timestamp: stamp, slug: proposal.slug)
            let file = try await step("reading \(path) on '\(pull.headRef)'") { try await api.file(at: path, ref: pull.headRef) }
            if file?.content == proposal.fileContent {
                return MigrationPullRequest(
                    number: pull.number, htmlURL: pull.htmlURL, branch: pull.headRef, base: pull.baseRef, path: path, reused: true)
            }
        }
        return nil
    }

    /// Creates the migration's branch at `baseSHA`, or takes over a branch of that name that
    /// an earlier run left behind (holding exactly this file, or nothing beyond the base);
    /// otherwise tries suffixed names. Returns the branch and whether the file is already on it.
    private func claimBranch(for proposal: MigrationProposal, from baseSHA: String) async throws(MigrationPublishError)
        -> (branch: String, hasFile: Bool)
    {
        for attempt in 1...maximumBranchAttempts {
            let branch = MigrationNaming.branch(timestamp: proposal.timestamp, slug: proposal.slug, attempt: attempt)
            let creation = try await step("creating the branch '\(branch)'") { try await api.createBranch(branch, at: baseSHA) }
            if creation == .created { return (branch, false) }
            let file = try await step("reading \(proposal.path) on '\(branch)'") { try await api.file(at: proposal.path, ref: branch) }
            if let file {
                if file.content == proposal.fileContent { return (branch, true) }
                continue
            }
            if try await step("reading the branch '\(branch)'", { try await api.branchHead(branch) }) == baseSHA {
                return (branch, false)
            }
        }
        throw .branchNamesExhausted(branch: proposal.branch, attempts: maximumBranchAttempts)
    }

    /// Runs one GitHub call, naming the step if it fails. Errors arrive redacted from the
    /// client; anything else is redacted here before it becomes a message.
    private func step<T: Sendable>(_ name: String, _ call: () async throws -> T) async throws(MigrationPublishError) -> T {
        do {
            return try await call()
        } catch let error as any DiagnosticError {
            throw .github(step: name, error.diagnostic)
        } catch {
            throw .github(step: name, Diagnostic(message: redactor.redact(String(describing: error))))
        }
    }
}
