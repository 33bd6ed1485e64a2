import OpsCore

extension GitHubEmulator {
    /// `GET`/`POST /repos/{o}/{r}/issues/{n}/comments` and `GET`/`PATCH
    /// /repos/{o}/{r}/issues/comments/{id}` (`issue-comment`), for the pull requests the
    /// emulator has (a pull request is an issue). A body over GitHub's 65,536 characters is
    /// refused with its 422.
    enum IssueCommentRoutes {
        /// GitHub's limit on a comment body, in characters.
        static let maximumBodyLength = 65_536

        static func list(_ context: RouteContext, _ repository: Repository, number: String) throws(RouteFailure) -> HTTPResponse {
            let issue = try issueNumber(repository, number, docs: Docs.listIssueComments)
            return context.page(repository.comments.filter { $0.issueNumber == issue }) { render($0, context) }
        }

        static func create(_ context: RouteContext, _ repository: Repository, _ github: inout State, number: String) throws(RouteFailure) -> HTTPResponse {
            let docs = Docs.createIssueComment
            let issue = try issueNumber(repository, number, docs: docs)
            let text = try body(context, docs: docs)
            var repository = repository
            let comment = IssueComment(
                id: github.allocateID(avoiding: repository), issueNumber: issue, login: context.actor, body: text,
                createdAt: SandboxTimestamp.now().rfc3339)
            repository.comments.append(comment)
            github.store(repository)
            let rendered = render(comment, context)
            return .json(201, rendered, headers: HTTPHeaders([("Location", rendered["url"]?.stringValue ?? "")]))
        }

        static func get(_ context: RouteContext, _ repository: Repository, id: String) throws(RouteFailure) -> HTTPResponse {
            guard let value = Int(id), let comment = repository.comments.first(where: { $0.id == value }) else {
                throw Errors.notFound(docs: Docs.getIssueComment)
            }
            return .json(200, render(comment, context))
        }

        static func update(_ context: RouteContext, _ repository: Repository, _ github: inout State, id: String) throws(RouteFailure) -> HTTPResponse {
            let docs = Docs.updateIssueComment
            guard let value = Int(id), let index = repository.comments.firstIndex(where: { $0.id == value }) else {
                throw Errors.notFound(docs: docs)
            }
            let text = try body(context, docs: docs)
            var repository = repository
            repository.comments[index].body = text
            repository.comments[index].updatedAt = SandboxTimestamp.now().rfc3339
            github.store(repository)
            return .json(200, render(repository.comments[index], context))
        }

        private static func issueNumber(_ repository: Repository, _ number: String, docs: String) throws(RouteFailure) -> Int {
            guard let value = Int(number), repository.pulls.contains(where: { $0.number == value }) else { throw Errors.notFound(docs: docs) }
            return value
        }

        private static func body(_ context: RouteContext, docs: String) throws(RouteFailure) -> String {
            let body = try RequestBody.parse(context.request, docs: docs)
            try body.require(["body"])
            let text = try body.string("body") ?? ""
            guard text.unicodeScalars.count <= maximumBodyLength else {
                throw Errors.validationFailed(
                    resource: "IssueComment", code: "custom", field: "body",
                    message: "body is too long (maximum is \(maximumBodyLength) characters)", docs: docs)
            }
            return text
        }

        /// `issue-comment`.
        static func render(_ comment: IssueComment, _ context: RouteContext) -> JSONValue {
            let links = context.links
            return [
                "id": .int(comment.id), "node_id": .string(links.nodeID("012:IssueComment", comment.id)),
                "url": .string("\(links.repository)/issues/comments/\(comment.id)"),
                "html_url": .string("\(links.html)/pull/\(comment.issueNumber)#issuecomment-\(comment.id)"),
                "body": .string(comment.body), "user": links.user(comment.login),
                "created_at": .string(comment.createdAt), "updated_at": .string(comment.updatedAt),
                "issue_url": .string("\(links.repository)/issues/\(comment.issueNumber)"),
                "author_association": .string(comment.login.lowercased() == links.owner.lowercased() ? "OWNER" : "COLLABORATOR"),
                "performed_via_github_app": .null,
            ]
        }
    }
}
