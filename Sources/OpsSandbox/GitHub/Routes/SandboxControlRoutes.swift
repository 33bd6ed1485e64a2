import Foundation
import OpsCore

extension GitHubEmulator {
    /// `/github/_sandbox/...`: what real GitHub does through people, done on request for tests and
    /// the demo (docs/sandbox.md, "GitHub"). Sandbox only; no token needed.
    ///
    /// - `POST /_sandbox/repos/{o}/{r}/pulls/{n}/reviews` `{"login", "event", "body"?, "commit_id"?}`
    ///   submits a review as `login` (`event`: `APPROVE`, `REQUEST_CHANGES`, `COMMENT`).
    /// - `POST /_sandbox/repos/{o}/{r}/push` `{"branch", "login", "path"?, "content"?, "message"?}`
    ///   commits one file to `branch` as `login` (creating the branch from the default branch) and
    ///   records the push in the repository activity log.
    /// - `POST /_sandbox/repos/{o}/{r}/pulls/{n}/merge` `{"login"}` merges the pull request as `login`.
    enum SandboxControlRoutes {
        static let docs = "https://opsctl.invalid/docs/sandbox#github"

        static func handle(_ request: EmulatorRequest, segments: [String], state: SandboxStateStore, scope: String) -> HTTPResponse {
            guard request.method == "POST", segments.count >= 5, segments[1] == "repos" else { return Errors.notFound().response }
            let owner = segments[2]
            let name = segments[3]
            let rest = Array(segments.dropFirst(4))
            return state.transactionOnCopy(State.self, scope: scope) { github throws(RouteFailure) in
                let repository = github.repository(owner: owner, name: name)
                let context = RouteContext(request: request, links: Links(api: request.mountURL, repository: repository))
                let body = try RequestBody.parse(request, docs: docs)
                guard let login = try body.string("login"), !login.isEmpty else { throw body.refusal(.missingMembers(["login"])) }
                switch (rest.first, rest.count) {
                case ("push", 1):
                    return try push(repository, &github, body: body, login: login, context: context)
                case ("pulls", 3) where rest[2] == "reviews":
                    let review = try ReviewRoutes.submit(
                        repository, &github, number: rest[1], login: login, event: try body.string("event"),
                        body: try body.string("body") ?? "", commitID: try body.string("commit_id"), docs: docs)
                    let pull = try ReviewRoutes.pullRequest(github.repository(owner: owner, name: name), rest[1], docs: docs)
                    return .json(201, ReviewRoutes.render(review, pull, context))
                case ("pulls", 3) where rest[2] == "merge":
                    return try PullRequestRoutes.merge(context, repository, &github, number: rest[1], login: login, docs: docs)
                default:
                    throw Errors.notFound()
                }
            } unsaved: { error in
                Errors.basic(500, "The sandbox could not save its state: \(error.message)", docs: Docs.root)
            }
        }

        private static func push(
            _ repository: Repository, _ github: inout State, body: RequestBody, login: String, context: RouteContext
        ) throws(RouteFailure) -> HTTPResponse {
            guard let branch = try body.string("branch"), !branch.isEmpty else { throw body.refusal(.missingMembers(["branch"])) }
            var repository = repository
            let existing = repository.branchHead(branch)
            guard let parentSHA = existing ?? repository.branchHead(repository.defaultBranch), let parent = repository.commits[parentSHA] else {
                throw Errors.notFound()
            }
            let path = try body.string("path") ?? "sandbox/push-\(repository.activities.count + 1).txt"
            let content = Array((try body.string("content") ?? "pushed by \(login) at \(SandboxTimestamp.now().rfc3339)\n").utf8)
            let blobSHA = SHA1.gitBlob(content)
            var tree = parent.tree
            tree[path] = blobSHA
            let commit = Commit(
                tree: tree, parents: [parentSHA], message: try body.string("message") ?? "Update \(path)", authorName: login,
                authorEmail: "\(login)@users.noreply.sandbox.invalid", date: SandboxTimestamp.now().rfc3339)
            repository.blobs[blobSHA] = Data(content).base64EncodedString()
            repository.commits[commit.sha] = commit
            repository.refs["heads/\(branch)"] = commit.sha
            repository.recordActivity(
                existing == nil ? "branch_creation" : "push", branch: branch, before: existing, after: commit.sha, login: login,
                id: github.allocateID(avoiding: repository))
            github.store(repository)
            return .json(201, ["branch": .string(branch), "sha": .string(commit.sha), "login": .string(login)])
        }
    }
}
