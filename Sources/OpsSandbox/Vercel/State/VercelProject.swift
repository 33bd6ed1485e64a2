import OpsCore

extension VercelEmulator {
    /// A project as the state file keeps it.
    struct Project: Sendable, Equatable {
        var accountID: String
        var id: String
        var name: String
        var createdAt: Int
        var updatedAt: Int
        var envs: [EnvVar]
        /// Absent until a production deployment outputs crons.
        var crons: Crons?

        /// Any id or name exists on first use: a `prj_…` id keeps itself as id and name, a name
        /// gets an id derived from it.
        static func created(idOrName: String, account: Account, at time: Int) -> Project {
            let id = idOrName.hasPrefix("prj_") ? idOrName : "prj_" + String(StableHash.fnv1a("\(account.id)/\(idOrName)"), radix: 36)
            return Project(accountID: account.id, id: id, name: idOrName, createdAt: time, updatedAt: time, envs: [], crons: nil)
        }

        init(accountID: String, id: String, name: String, createdAt: Int, updatedAt: Int, envs: [EnvVar], crons: Crons?) {
            self.accountID = accountID
            self.id = id
            self.name = name
            self.createdAt = createdAt
            self.updatedAt = updatedAt
            self.envs = envs
            self.crons = crons
        }

        init(stateJSON: JSONValue, key: String, path: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            if let slash = key.firstIndex(of: "/") {
                accountID = String(key[..<slash])
                id = String(key[key.index(after: slash)...])
            } else {
                accountID = Account.personal
                id = key
            }
            guard !accountID.isEmpty, !id.isEmpty else {
                throw StateDecodingError(path: path, problem: "a project key is a project id, or an account and a project id as team_x/prj_y")
            }
            name = try reader.optionalString("name") ?? id
            createdAt = try reader.optionalInt("createdAt") ?? 0
            updatedAt = try reader.optionalInt("updatedAt") ?? createdAt
            var envs: [EnvVar] = []
            var seenIDs: Set<String> = []
            for (value, envPath) in try reader.array("envs") {
                let env = try EnvVar(stateJSON: value, path: envPath)
                guard seenIDs.insert(env.id).inserted else {
                    throw StateDecodingError(path: envPath, problem: "the env id \(env.id) is used twice")
                }
                envs.append(env)
            }
            self.envs = envs
            crons = try reader.reader("crons").map { cronReader throws(StateDecodingError) in try Crons(reader: cronReader) }
        }

        /// The project's member name in the state file's `projects`.
        var stateKey: String { accountID == Account.personal ? id : "\(accountID)/\(id)" }

        var stateJSON: JSONValue {
            [
                "name": .string(name), "createdAt": .int(createdAt),
                "updatedAt": .int(updatedAt), "envs": .array(envs.map(\.stateJSON)), "crons": crons?.json ?? .null,
            ]
        }

        /// `GET /v9/projects/{idOrName}`: the members the description requires, plus `crons`
        /// once a deployment has set them.
        var json: JSONValue {
            var members: [String: JSONValue] = [
                "accountId": .string(accountID), "id": .string(id), "name": .string(name),
                "createdAt": .int(createdAt), "updatedAt": .int(updatedAt),
                "framework": .null, "nodeVersion": "22.x", "directoryListing": false,
                "resourceConfig": ["functionDefaultRegions": ["iad1"]],
                "defaultResourceConfig": ["functionDefaultRegions": ["iad1"]],
            ]
            if let crons { members["crons"] = crons.json }
            return .object(members)
        }

        func envIndex(id: String) -> Int? { envs.firstIndex { $0.id == id } }
    }
}
