import OpsCore

extension GitHubEmulator {
    /// `POST`/`GET /repos/{o}/{r}/pulls` and `GET /repos/{o}/{r}/pulls/{number}`, for branches in
    /// the same repository.
    enum PullRequestRoutes {
        static func create(_ context: RouteContext, _ repository: Repository, _ github: inout State) throws(RouteFailure) -> HTTPResponse {
            let docs = Docs.createPull
            let body = try RequestBody.parse(context.request, docs: docs)
            func invalid(_ field: String, _ code: String = "invalid") -> RouteFailure {
                Errors.validationFailed(resource: "PullRequest", code: code, field: field, docs: docs)
            }
            guard let rawHead = try body.string("head") else { throw invalid("head", "missing_field") }
            guard let base = try body.string("base") else { throw invalid("base", "missing_field") }
            guard let title = try body.string("title"), !title.isEmpty else { throw invalid("title", "missing_field") }
            let text = try body.string("body", nullable: true)
            let draft = try body.bool("draft") ?? false
            let maintainerCanModify = try body.bool("maintainer_can_modify") ?? false

            // `owner:branch` names a branch in a fork; only this repository's owner is known here.
            var head = rawHead
            if let colon = rawHead.firstIndex(of: ":") {
                guard rawHead[..<colon].lowercased() == repository.owner.lowercased() else { throw invalid("head") }
                head = String(rawHead[rawHead.index(after: colon)...])
            }
            guard let headSHA = repository.branchHead(head) else { throw invalid("head") }
            guard let baseSHA = repository.branchHead(base) else { throw invalid("base") }
            if headSHA == baseSHA || head == base {
                throw Errors.validationFailed(resource: "PullRequest", code: "custom", message: "No commits between \(base) and \(head)", docs: docs)
            }
            if repository.pulls.contains(where: { $0.state == "open" && $0.head == head && $0.base == base }) {
                throw Errors.validationFailed(
                    resource: "PullRequest", code: "custom", message: "A pull request already exists for \(repository.owner):\(head).", docs: docs
                )
            }
            var repository = repository
            let number = (repository.pulls.map(\.number).max() ?? 0) + 1
            let pull = PullRequest(
                id: github.allocateID(avoiding: repository), number: number, title: title, body: text, head: head, base: base,
                draft: draft, maintainerCanModify: maintainerCanModify, createdAt: SandboxTimestamp.now().rfc3339
            )
            repository.pulls.append(pull)
            github.store(repository)
            let url = "\(context.links.repository)/pulls/\(number)"
            return .json(201, render(pull, repository, context, full: true), headers: HTTPHeaders([("Location", url)]))
        }

        static func list(_ context: RouteContext, _ repository: Repository) -> HTTPResponse {
            let query = context.request.query
            let state = query["state"] ?? "open"
            var pulls = repository.pulls.filter { state == "all" || $0.state == state }
            if let head = query["head"] {
                pulls = pulls.filter { "\(repository.owner):\($0.head)".lowercased() == head.lowercased() || $0.head == head }
            }
            if let base = query["base"] { pulls = pulls.filter { $0.base == base } }
            let sort = query["sort"] ?? "created"
            let ascending = (query["direction"] ?? (sort == "created" ? "desc" : "asc")) == "asc"
            pulls.sort { ascending ? $0.number < $1.number : $0.number > $1.number }
            return context.page(pulls) { render($0, repository, context, full: false) }
        }

        static func get(_ context: RouteContext, _ repository: Repository, number text: String) throws(RouteFailure) -> HTTPResponse {
            guard let number = Int(text), let pull = repository.pulls.first(where: { $0.number == number }) else {
                throw Errors.notFound(docs: Docs.getPull)
            }
            return .json(200, render(pull, repository, context, full: true))
        }

        /// `PUT /pulls/{n}/merge` (as the token's owner) or the sandbox's merge as any login: a
        /// merge commit on base whose tree is head's, the pull request closed and marked merged by
        /// `login`, and a `pr_merge` activity. 405 when it is not open, 409 when `sha` is not head.
        static func merge(
            _ context: RouteContext, _ repository: Repository, _ github: inout State, number text: String, login: String? = nil,
            docs: String = Docs.mergePull
        ) throws(RouteFailure) -> HTTPResponse {
            guard let number = Int(text), let index = repository.pulls.firstIndex(where: { $0.number == number }) else {
                throw Errors.notFound(docs: docs)
            }
            let body = try RequestBody.parse(context.request, docs: docs, allowEmpty: true)
            var repository = repository
            var pull = repository.pulls[index]
            guard pull.state == "open", let headSHA = repository.branchHead(pull.head), let baseSHA = repository.branchHead(pull.base),
                let head = repository.commits[headSHA]
            else {
                throw RouteFailure(response: Errors.basic(405, "Pull Request is not mergeable", docs: docs))
            }
            if let expected = try body.string("sha"), expected != headSHA {
                throw RouteFailure(response: Errors.basic(409, "Head branch was modified. Review and try the merge again.", docs: docs))
            }
            let merger = login ?? context.actor
            let now = SandboxTimestamp.now().rfc3339
            let commit = Commit(
                tree: head.tree, parents: [baseSHA, headSHA], message: try body.string("commit_title") ?? "Merge pull request #\(number)",
                authorName: merger, authorEmail: "\(merger)@users.noreply.sandbox.invalid", date: now)
            repository.commits[commit.sha] = commit
            repository.refs["heads/\(pull.base)"] = commit.sha
            pull.state = "closed"
            pull.mergedBy = merger
            pull.mergedAt = now
            pull.updatedAt = now
            repository.pulls[index] = pull
            repository.recordActivity("pr_merge", branch: pull.base, before: baseSHA, after: commit.sha, login: merger, id: github.allocateID(avoiding: repository))
            github.store(repository)
            return .json(200, ["sha": .string(commit.sha), "merged": true, "message": "Pull Request successfully merged"])
        }

        /// `pull-request` (full) or `pull-request-simple` (in lists).
        static func render(_ pull: PullRequest, _ repository: Repository, _ context: RouteContext, full: Bool) -> JSONValue {
            let links = context.links
            let url = "\(links.repository)/pulls/\(pull.number)"
            let html = "\(links.html)/pull/\(pull.number)"
            let headSHA = repository.branchHead(pull.head) ?? ""
            let baseSHA = repository.branchHead(pull.base) ?? ""
            let repoObject = links.repositoryObject(repository)
            func side(_ ref: String, _ sha: String) -> JSONValue {
                ["label": .string("\(repository.owner):\(ref)"), "ref": .string(ref), "sha": .string(sha), "user": links.user(repository.owner), "repo": repoObject]
            }
            func href(_ target: String) -> JSONValue { ["href": .string(target)] }
            var members: [String: JSONValue] = [
                "id": .int(pull.id), "node_id": .string(links.nodeID("011:PullRequest", pull.id)), "number": .int(pull.number),
                "url": .string(url), "html_url": .string(html), "diff_url": .string("\(html).diff"), "patch_url": .string("\(html).patch"),
                "issue_url": .string("\(links.repository)/issues/\(pull.number)"), "commits_url": .string("\(url)/commits"),
                "review_comments_url": .string("\(url)/comments"), "review_comment_url": .string("\(links.repository)/pulls/comments{/number}"),
                "comments_url": .string("\(links.repository)/issues/\(pull.number)/comments"),
                "statuses_url": .string("\(links.repository)/statuses/\(headSHA)"),
                "state": .string(pull.state), "locked": false, "title": .string(pull.title), "user": links.user(context.actor),
                "body": pull.body.map(JSONValue.string) ?? .null, "labels": [], "milestone": .null, "active_lock_reason": .null,
                "created_at": .string(pull.createdAt), "updated_at": .string(pull.updatedAt),
                "closed_at": pull.mergedAt.map(JSONValue.string) ?? .null, "merged_at": pull.mergedAt.map(JSONValue.string) ?? .null,
                "merge_commit_sha": .null, "assignee": .null, "assignees": [], "requested_reviewers": [], "requested_teams": [],
                "head": side(pull.head, headSHA), "base": side(pull.base, baseSHA),
                "_links": [
                    "self": href(url), "html": href(html), "issue": href("\(links.repository)/issues/\(pull.number)"),
                    "comments": href("\(links.repository)/issues/\(pull.number)/comments"), "review_comments": href("\(url)/comments"),
                    "review_comment": href("\(links.repository)/pulls/comments{/number}"), "commits": href("\(url)/commits"),
                    "statuses": href("\(links.repository)/statuses/\(headSHA)"),
                ],
                "author_association": "OWNER", "auto_merge": .null, "draft": .bool(pull.draft),
            ]
            if full {
                let (commits, changedFiles) = difference(repository, head: headSHA, base: baseSHA)
                members["merged"] = .bool(pull.mergedBy != nil)
                members["mergeable"] = true
                members["rebaseable"] = true
                members["mergeable_state"] = "clean"
                members["merged_by"] = pull.mergedBy.map { links.user($0) } ?? .null
                members["comments"] = 0
                members["review_comments"] = 0
                members["maintainer_can_modify"] = .bool(pull.maintainerCanModify)
                members["commits"] = .int(commits)
                members["additions"] = 0
                members["deletions"] = 0
                members["changed_files"] = .int(changedFiles)
            }
            return .object(members)
        }

        /// Commits on head since it left base (following first parents), and paths that differ.
        private static func difference(_ repository: Repository, head: String, base: String) -> (commits: Int, changedFiles: Int) {
            var ancestors: Set<String> = []
            var cursor: String? = base
            while let sha = cursor, ancestors.insert(sha).inserted { cursor = repository.commits[sha]?.parents.first }
            var commits = 0
            cursor = head
            while let sha = cursor, !ancestors.contains(sha), commits < 10_000 {
                commits += 1
                cursor = repository.commits[sha]?.parents.first
            }
            let headTree = repository.commits[head]?.tree ?? [:]
            let baseTree = repository.commits[base]?.tree ?? [:]
            let changed = Set(headTree.keys).union(baseTree.keys).filter { headTree[$0] != baseTree[$0] }.count
            return (commits, changed)
        }
    }
}
