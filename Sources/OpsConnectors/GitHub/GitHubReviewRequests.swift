import Foundation
import OpsCore

/// The GitHub calls behind review approvals (docs/services/github.md, "Pull-request reviews"):
/// a pull request's head, its reviews, its issue comments (read, create, update) and who pushed
/// a branch last. Each call answers one question; `GitHubPullRequestConversation` puts them
/// together.
extension GitHubAPI {
    private var reviewRepoPath: String { "/repos/\(PathSegment.encode(owner))/\(PathSegment.encode(repo))" }

    /// `GET /pulls/{n}` → the head's branch and commit.
    func pullRequestHead(_ number: Int) async throws -> GitHubPullRequestHead {
        let body = try await client.send(.get("\(reviewRepoPath)/pulls/\(number)")).decodeJSON(GitHubPullHeadBody.self)
        return GitHubPullRequestHead(number: body.number, branch: body.head.ref, sha: body.head.sha, state: body.state)
    }

    /// `GET /pulls/{n}/reviews`, every page, in GitHub's (chronological) order.
    func reviews(_ number: Int) async throws -> [GitHubReviewApprovals.Review] {
        var reviews: [GitHubReviewApprovals.Review] = []
        for try await page in client.paginateLinks(.get("\(reviewRepoPath)/pulls/\(number)/reviews?per_page=100")) {
            for body in try page.decodeJSON([GitHubReviewBody].self) {
                // A review whose author was deleted has no user; it cannot approve anything.
                guard let login = body.user?.login else { continue }
                reviews.append(GitHubReviewApprovals.Review(
                    id: body.id, login: login, state: body.state, commitID: body.commit_id ?? "", submittedAt: body.submitted_at ?? "",
                    body: body.body ?? ""))
            }
        }
        return reviews
    }

    /// `GET /issues/{n}/comments`, every page (a pull request is an issue).
    func issueComments(_ number: Int) async throws -> [GitHubIssueComment] {
        var comments: [GitHubIssueComment] = []
        for try await page in client.paginateLinks(.get("\(reviewRepoPath)/issues/\(number)/comments?per_page=100")) {
            comments += try page.decodeJSON([GitHubIssueCommentBody].self).map(GitHubIssueComment.init)
        }
        return comments
    }

    /// `POST /issues/{n}/comments`.
    func createIssueComment(_ number: Int, body: String) async throws -> GitHubIssueComment {
        let response = try await client.send(.json("POST", "\(reviewRepoPath)/issues/\(number)/comments", body: ["body": .string(body)]))
        return GitHubIssueComment(try response.decodeJSON(GitHubIssueCommentBody.self))
    }

    /// `PATCH /issues/comments/{id}`: replaces the body, so repeating it is safe.
    func updateIssueComment(_ id: Int, body: String) async throws -> GitHubIssueComment {
        var request = ServiceRequest.json("PATCH", "\(reviewRepoPath)/issues/comments/\(id)", body: ["body": .string(body)])
        request.idempotency = .idempotent
        return GitHubIssueComment(try await client.send(request).decodeJSON(GitHubIssueCommentBody.self))
    }

    /// Who last moved `branch`: the actor of the newest push, force push or branch creation
    /// on it, from `GET /repos/{o}/{r}/activity?ref=refs/heads/{branch}` (newest first). The
    /// activity whose `after` is the head wins, so a later push elsewhere cannot hide it.
    /// Nil when GitHub has no such activity (the branch was created before the activity log).
    func lastPusher(branch: String, headSHA: String) async throws -> String? {
        let ref = ServiceRequest.encodeQueryComponent("refs/heads/\(branch)")
        let target = "\(reviewRepoPath)/activity?ref=\(ref)&direction=desc&per_page=100"
        let pushes = try await client.send(.get(target)).decodeJSON([GitHubActivityBody].self).filter {
            ["push", "force_push", "branch_creation"].contains($0.activity_type)
        }
        let producer = pushes.first { $0.after == headSHA } ?? pushes.first
        return producer?.actor?.login
    }
}

/// A pull request's head as `GET /pulls/{n}` gives it.
struct GitHubPullRequestHead: Sendable, Equatable {
    var number: Int
    var branch: String
    var sha: String
    var state: String
}

/// An issue comment as opsctl reads it.
struct GitHubIssueComment: Sendable, Equatable {
    var id: Int
    var body: String
    var login: String?
    var updatedAt: String
    var htmlURL: String

    init(_ body: GitHubIssueCommentBody) {
        id = body.id
        self.body = body.body ?? ""
        login = body.user?.login
        updatedAt = body.updated_at
        htmlURL = body.html_url
    }
}

// MARK: - Wire shapes (GitHub's OpenAPI description: pull-request, pull-request-review,
// issue-comment, activity), as far as opsctl reads them

struct GitHubUserBody: Decodable, Sendable {
    var login: String
}

struct GitHubPullHeadBody: Decodable, Sendable {
    struct Side: Decodable, Sendable {
        var ref: String
        var sha: String
    }

    var number: Int
    var state: String
    var head: Side
}

struct GitHubReviewBody: Decodable, Sendable {
    var id: Int
    /// `nullable-simple-user`.
    var user: GitHubUserBody?
    var body: String?
    var state: String
    var commit_id: String?
    var submitted_at: String?
}

struct GitHubIssueCommentBody: Decodable, Sendable {
    var id: Int
    var body: String?
    var user: GitHubUserBody?
    var updated_at: String
    var html_url: String
}

struct GitHubActivityBody: Decodable, Sendable {
    var after: String
    var activity_type: String
    var actor: GitHubUserBody?
}
