import OpsCore

extension GitHubEmulator {
    /// `GET /repos/{owner}/{repo}`.
    enum RepositoryRoutes {
        static func get(_ context: RouteContext, _ repository: Repository) -> HTTPResponse {
            .json(200, context.links.repositoryObject(repository))
        }
    }
}
