import OpsCore

extension GitHubEmulator {
    /// `GET /repos/{o}/{r}/git/ref/{ref}` and `POST /repos/{o}/{r}/git/refs`: enough of the Git
    /// database API to branch off `main` before writing files.
    enum GitRefRoutes {
        static func render(ref: String, sha: String, _ links: Links) -> JSONValue {
            let full = "refs/\(ref)"
            return [
                "ref": .string(full),
                "node_id": .string(links.nodeID("03:Ref", StableHash.id("\(links.owner)/\(links.name):\(full)"))),
                "url": .string("\(links.repository)/git/\(links.encodedPath(full))"),
                "object": ["type": "commit", "sha": .string(sha), "url": .string("\(links.repository)/git/commits/\(sha)")],
            ]
        }

        /// `ref` is `heads/<branch>` (the singular `ref` path takes it without `refs/`).
        static func get(_ context: RouteContext, _ repository: Repository, ref: String) throws(RouteFailure) -> HTTPResponse {
            guard let sha = repository.refs[ref] else { throw Errors.notFound(docs: Docs.getRef) }
            return .json(200, render(ref: ref, sha: sha, context.links))
        }

        static func create(_ context: RouteContext, _ repository: Repository, _ github: inout State) throws(RouteFailure) -> HTTPResponse {
            let docs = Docs.createRef
            let body = try RequestBody.parse(context.request, docs: docs)
            try body.require(["ref", "sha"])
            guard let fullRef = try body.string("ref"), let sha = try body.string("sha") else {
                throw body.refusal(.missingMembers(["ref", "sha"]))
            }
            // "If it doesn't start with 'refs' and have at least two slashes, it will be rejected."
            guard fullRef.hasPrefix("refs/"), fullRef.filter({ $0 == "/" }).count >= 2, !fullRef.hasSuffix("/"), !fullRef.contains("//") else {
                throw RouteFailure(response: Errors.basic(422, "Reference name must start with 'refs/' and have at least two slashes.", docs: docs))
            }
            guard repository.commits[sha] != nil else {
                throw RouteFailure(response: Errors.basic(422, "Object does not exist", docs: docs))
            }
            let ref = String(fullRef.dropFirst(5))
            guard repository.refs[ref] == nil else {
                throw RouteFailure(response: Errors.basic(422, "Reference already exists", docs: docs))
            }
            var repository = repository
            repository.refs[ref] = sha
            if ref.hasPrefix("heads/") {
                repository.recordActivity(
                    "branch_creation", branch: String(ref.dropFirst(6)), before: nil, after: sha, login: context.actor,
                    id: github.allocateID(avoiding: repository))
            }
            github.store(repository)
            let object = render(ref: ref, sha: sha, context.links)
            return .json(201, object, headers: HTTPHeaders([("Location", object["url"]?.stringValue ?? "")]))
        }
    }
}
