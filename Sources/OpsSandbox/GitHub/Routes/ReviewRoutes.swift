import OpsCore

extension GitHubEmulator {
    /// `GET`/`POST /repos/{o}/{r}/pulls/{n}/reviews` and
    /// `PUT /repos/{o}/{r}/pulls/{n}/reviews/{id}/dismissals`, as GitHub's OpenAPI description
    /// gives them (`pull-request-review`). A review made through the API is the token's (the
    /// repository owner's, who also opened every pull request, so GitHub's "Can not approve your
    /// own pull request" applies); `/_sandbox/…/reviews` submits one as any login.
    enum ReviewRoutes {
        static func list(_ context: RouteContext, _ repository: Repository, number: String) throws(RouteFailure) -> HTTPResponse {
            let pull = try pullRequest(repository, number, docs: Docs.listReviews)
            return context.page(pull.reviews) { render($0, pull, context) }
        }

        static func create(_ context: RouteContext, _ repository: Repository, _ github: inout State, number: String) throws(RouteFailure) -> HTTPResponse {
            let docs = Docs.createReview
            let body = try RequestBody.parse(context.request, docs: docs, allowEmpty: true)
            let event = try body.string("event")
            let text = try body.string("body") ?? ""
            let commitID = try body.string("commit_id")
            let review = try submit(
                repository, &github, number: number, login: context.actor, event: event, body: text, commitID: commitID, docs: docs)
            let pull = try pullRequest(github.repository(owner: repository.owner, name: repository.name), number, docs: docs)
            return .json(200, render(review, pull, context))
        }

        /// Adds a review as `login`, with GitHub's refusals: an unknown `event`, a missing body
        /// where one is required, the author approving their own pull request, an unknown commit.
        /// No event leaves the review `PENDING`.
        static func submit(
            _ repository: Repository, _ github: inout State, number: String, login: String, event: String?, body: String,
            commitID: String?, docs: String
        ) throws(RouteFailure) -> Review {
            var pull = try pullRequest(repository, number, docs: docs)
            var state = "PENDING"
            if let event {
                guard let submitted = Review.state(forEvent: event) else {
                    throw Errors.invalidRequest("For 'properties/event', \"\(event)\" is not one of [\"APPROVE\", \"REQUEST_CHANGES\", \"COMMENT\"].", docs: docs)
                }
                state = submitted
            }
            if state == "CHANGES_REQUESTED" || state == "COMMENTED", body.isEmpty {
                throw RouteFailure(response: Errors.basic(422, "Unprocessable Entity", docs: docs))
            }
            if login.lowercased() == repository.owner.lowercased(), state == "APPROVED" || state == "CHANGES_REQUESTED" {
                let verb = state == "APPROVED" ? "approve" : "request changes on"
                throw RouteFailure(response: .json(422, [
                    "message": "Unprocessable Entity", "errors": .array([.string("Can not \(verb) your own pull request")]),
                    "documentation_url": .string(docs),
                ]))
            }
            let head = repository.branchHead(pull.head) ?? ""
            let commit = commitID ?? head
            guard repository.commits[commit] != nil else {
                throw Errors.validationFailed(resource: "PullRequestReview", code: "custom", field: "commit_id", message: "commit_id is not part of the pull request", docs: docs)
            }
            let review = Review(
                id: github.allocateID(avoiding: repository), login: login, state: state, body: body, commitID: commit,
                submittedAt: SandboxTimestamp.now().rfc3339)
            pull.reviews.append(review)
            var repository = repository
            repository.pulls = repository.pulls.map { $0.number == pull.number ? pull : $0 }
            github.store(repository)
            return review
        }

        static func dismiss(
            _ context: RouteContext, _ repository: Repository, _ github: inout State, number: String, reviewID: String
        ) throws(RouteFailure) -> HTTPResponse {
            let docs = Docs.dismissReview
            var pull = try pullRequest(repository, number, docs: docs)
            guard let id = Int(reviewID), let index = pull.reviews.firstIndex(where: { $0.id == id }) else {
                throw Errors.notFound(docs: docs)
            }
            let body = try RequestBody.parse(context.request, docs: docs)
            try body.require(["message"])
            let state = pull.reviews[index].state
            guard state == "APPROVED" || state == "CHANGES_REQUESTED" else {
                let kind = state == "PENDING" ? "pending" : "commented"
                throw RouteFailure(response: Errors.basic(422, "Can not dismiss a \(kind) pull request review", docs: docs))
            }
            pull.reviews[index].state = "DISMISSED"
            var repository = repository
            repository.pulls = repository.pulls.map { $0.number == pull.number ? pull : $0 }
            github.store(repository)
            return .json(200, render(pull.reviews[index], pull, context))
        }

        static func pullRequest(_ repository: Repository, _ number: String, docs: String) throws(RouteFailure) -> PullRequest {
            guard let value = Int(number), let pull = repository.pulls.first(where: { $0.number == value }) else {
                throw Errors.notFound(docs: docs)
            }
            return pull
        }

        /// `pull-request-review`.
        static func render(_ review: Review, _ pull: PullRequest, _ context: RouteContext) -> JSONValue {
            let links = context.links
            let pullURL = "\(links.repository)/pulls/\(pull.number)"
            let html = "\(links.html)/pull/\(pull.number)#pullrequestreview-\(review.id)"
            var members: [String: JSONValue] = [
                "id": .int(review.id), "node_id": .string(links.nodeID("017:PullRequestReview", review.id)),
                "user": links.user(review.login), "body": .string(review.body), "state": .string(review.state),
                "html_url": .string(html), "pull_request_url": .string(pullURL),
                "_links": ["html": ["href": .string(html)], "pull_request": ["href": .string(pullURL)]],
                "commit_id": .string(review.commitID),
                "author_association": .string(review.login.lowercased() == links.owner.lowercased() ? "OWNER" : "COLLABORATOR"),
            ]
            // A pending review has not been submitted.
            if review.state != "PENDING" { members["submitted_at"] = .string(review.submittedAt) }
            return .object(members)
        }
    }
}
