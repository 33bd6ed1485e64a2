import OpsConnectors
import OpsCore
import OpsRender

/// `plan --pr N` (or a pull-request event in GitHub Actions): the plan records the pull
/// request and its head before it is written, and opsctl's comment on the pull request shows
/// it afterwards (docs/approvals.md, "GitHub pull-request reviews").
struct PlanPullRequestPosting {
    let number: Int
    /// `--pr` was given: a failure is the command's failure. From an Actions event it is a
    /// warning, so a workflow without GitHub credentials still plans.
    let explicit: Bool
    let conversation: GitHubPullRequestConversation

    /// Nil when there is no pull request to post to, or (with a warning, or an error when
    /// `--pr` asked for it) when GitHub cannot be reached with the configured credentials.
    static func prepare(_ arguments: PlanArguments, runtime: Runtime, context: CommandContext) -> Result<PlanPullRequestPosting?, Failed> {
        let explicit = arguments.pullRequest != nil
        guard let number = arguments.pullRequest ?? PullRequestEvent.number(in: context.environment) else { return .success(nil) }
        switch GitHubPullRequestConversation.make(context: runtime.connectorContext) {
        case .success(let conversation):
            return .success(PlanPullRequestPosting(number: number, explicit: explicit, conversation: conversation))
        case .failure(let missing):
            let message = "cannot post the plan to pull request #\(number): \(missing.message)"
            let hint = "set OPS_GITHUB_TOKEN, OPS_GITHUB_OWNER and OPS_GITHUB_REPO for the repository the pull request is in"
            if explicit {
                context.report(Diagnostic(message: message, hint: hint))
                return .failure(Failed())
            }
            context.warn(message, hint: hint)
            return .success(nil)
        }
    }

    struct Failed: Error {}

    /// The pull request and its head now; nil after reporting why not.
    func pullRequest(context: CommandContext) async -> PlanPullRequest? {
        do {
            return try await conversation.pullRequest(number)
        } catch {
            complain(error, context: context)
            return nil
        }
    }

    /// Posts or updates opsctl's comment; false after reporting why it failed.
    func post(_ plan: Plan, planDigest: String, planFile: String, runtime: Runtime, context: CommandContext) async -> Bool {
        let body = PlanCommentView(redactor: runtime.redactor).render(plan, planDigest: planDigest, planFile: planFile, inActions: runtime.isGitHubActions)
        do {
            let posted = try await conversation.postPlanComment(number, body: body)
            if context.globals.verbosity != .quiet {
                context.standardError.write(
                    "\(posted.created ? "Posted" : "Updated") the plan on \(conversation.repository)#\(number): \(runtime.redactor.redact(posted.url))\n")
            }
            return true
        } catch {
            complain(error, context: context)
            return false
        }
    }

    private func complain(_ error: any Error, context: CommandContext) {
        var diagnostic = (error as? any DiagnosticError)?.diagnostic ?? Diagnostic(message: "\(error)")
        diagnostic.message = "pull request #\(number): " + diagnostic.message
        if explicit { context.report(diagnostic) } else { context.warn(diagnostic.message, hint: diagnostic.hint) }
    }
}
