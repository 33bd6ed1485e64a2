import OpsCore

/// `GET /repos/{owner}/{repo}`.
enum RepositoryRoutes {
    static func get(_ context: GitHubRouteContext, _ repository: GitHubRepository) -> HTTPResponse {
        .json(200, context.links.repositoryObject(repository))
    }
}
