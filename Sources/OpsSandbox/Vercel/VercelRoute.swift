extension VercelEmulator {
    /// The endpoints the emulator answers, from the path below `/vercel`. The v9 list and
    /// create routes are absent from the description (docs/services/vercel.md, "Requests"), so
    /// they are unknown here.
    enum Route: Equatable {
        /// `/v10/projects/{idOrName}/env`: list (GET), create (POST).
        case envs(project: String)
        /// `/v1/projects/{idOrName}/env`: batch delete (DELETE).
        case envBatch(project: String)
        /// `/v1/projects/{idOrName}/env/{id}`: one variable, decrypted (GET).
        case decryptedEnv(project: String, id: String)
        /// `/v9/projects/{idOrName}/env/{id}`: edit (PATCH), delete (DELETE).
        case env(project: String, id: String)
        /// `/v9/projects/{idOrName}` (GET).
        case project(String)
        /// `/v13/deployments` (POST).
        case deployments

        init?(segments: [String]) {
            let isEnvPath = segments.count >= 4 && segments[1] == "projects" && segments[3] == "env"
            switch (segments.count, segments.first) {
            case (2, "v13") where segments[1] == "deployments": self = .deployments
            case (3, "v9") where segments[1] == "projects": self = .project(segments[2])
            case (4, "v10") where isEnvPath: self = .envs(project: segments[2])
            case (4, "v1") where isEnvPath: self = .envBatch(project: segments[2])
            case (5, "v1") where isEnvPath: self = .decryptedEnv(project: segments[2], id: segments[4])
            case (5, "v9") where isEnvPath: self = .env(project: segments[2], id: segments[4])
            default: return nil
            }
        }

        /// The methods the route answers, as `Allow` lists them.
        var methods: [String] {
            switch self {
            case .envs: ["GET", "POST"]
            case .envBatch: ["DELETE"]
            case .decryptedEnv, .project: ["GET"]
            case .env: ["PATCH", "DELETE"]
            case .deployments: ["POST"]
            }
        }

        func allows(_ method: String) -> Bool { methods.contains(method) }
    }
}
