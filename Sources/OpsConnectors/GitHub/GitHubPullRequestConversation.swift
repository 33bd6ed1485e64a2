import Foundation
import OpsCore

/// The pull request a plan is reviewed on, in the repository the GitHub connector manages
/// (`OPS_GITHUB_OWNER`/`OPS_GITHUB_REPO`, same token and client settings): posts opsctl's plan
/// comment, and reads what `apply` needs to count reviews as approvals (docs/approvals.md,
/// "GitHub pull-request reviews").
package struct GitHubPullRequestConversation: PullRequestReviewReader {
    let api: GitHubAPI

    /// `owner/name`.
    package var repository: String { "\(api.owner)/\(api.repo)" }

    package static func make(context: ConnectorContext) -> Result<GitHubPullRequestConversation, MissingCredentials> {
        GitHubConnector.api(context: context, metrics: HTTPMetrics()).map(GitHubPullRequestConversation.init)
    }

    /// Where the plan is posted: the pull request's number and its head commit now.
    package func pullRequest(_ number: Int) async throws -> PlanPullRequest {
        let head = try await api.pullRequestHead(number)
        return PlanPullRequest(repository: repository, number: number, headSHA: head.sha)
    }

    /// What posting did.
    package struct PostedComment: Sendable, Equatable {
        package var id: Int
        package var url: String
        /// False when opsctl's earlier comment was updated instead.
        package var created: Bool
    }

    /// Updates opsctl's comment (found by its marker) or creates one, so a pull request never
    /// collects one comment per push.
    package func postPlanComment(_ number: Int, body: String) async throws -> PostedComment {
        if let existing = try await api.issueComments(number).first(where: { PlanCommentBlock.isOpsctlComment($0.body) }) {
            let updated = try await api.updateIssueComment(existing.id, body: body)
            return PostedComment(id: updated.id, url: updated.htmlURL, created: false)
        }
        let created = try await api.createIssueComment(number, body: body)
        return PostedComment(id: created.id, url: created.htmlURL, created: true)
    }

    package func snapshot(of pullRequest: PlanPullRequest) async throws -> PullRequestReviewSnapshot {
        guard pullRequest.repository.lowercased() == repository.lowercased() else {
            throw ReviewRepositoryMismatch(planned: pullRequest.repository, configured: repository)
        }
        let head = try await api.pullRequestHead(pullRequest.number)
        async let reviews = api.reviews(pullRequest.number)
        async let comments = api.issueComments(pullRequest.number)
        async let pusher = api.lastPusher(branch: head.branch, headSHA: head.sha)
        let comment = try await comments.first { PlanCommentBlock.isOpsctlComment($0.body) }
        return PullRequestReviewSnapshot(
            headSHA: head.sha, lastPusher: try await pusher, commentedPlanDigest: comment.flatMap { PlanCommentBlock.planDigest(in: $0.body) },
            commentUpdatedAt: comment?.updatedAt, reviews: try await reviews)
    }
}

/// The plan names a pull request of another repository than the one opsctl is set up for.
package struct ReviewRepositoryMismatch: DiagnosticError {
    package var planned: String
    package var configured: String

    package var diagnostic: Diagnostic {
        Diagnostic(
            message: "the plan was posted to a pull request of \(planned), but OPS_GITHUB_OWNER/OPS_GITHUB_REPO name \(configured)",
            hint: "run apply with the repository the plan was made for")
    }
}
