import OpsCore

extension VercelEmulator {
    /// `GET /v9/projects/{idOrName}`.
    enum ProjectRoutes {
        static func get(_ project: Project) -> HTTPResponse {
            .json(200, project.json)
        }
    }
}
