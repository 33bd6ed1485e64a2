import OpsCore

extension VercelEmulator {
    /// The `vercel` section of the sandbox state: every project of every account.
    struct State: SandboxStateSection {
        var projects: [Project]
        /// The last timestamp handed out, so timestamps only ever grow: two edits in one
        /// millisecond still get different `updatedAt`s, which clients use to spot edits.
        var clock: Int
        /// Feeds the ids of env vars and deployments.
        var nextID: Int

        static let empty = State(projects: [], clock: 0, nextID: 1)

        init(projects: [Project], clock: Int, nextID: Int) {
            self.projects = projects
            self.clock = clock
            self.nextID = nextID
        }

        /// `projects` is an object keyed like `prj_abc` for the personal account and
        /// `team_x/prj_abc` for a team's project, as `github.repos` is keyed by `owner/name`.
        init(stateJSON: JSONValue) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: "")
            var projects: [Project] = []
            for (key, value, path) in try reader.object("projects") {
                let project = try Project(stateJSON: value, key: key, path: path)
                if projects.contains(where: { $0.accountID == project.accountID && ($0.id == project.id || $0.name == project.name) }) {
                    throw StateDecodingError(path: path, problem: "the project \(project.id) (\(project.name)) of \(project.accountID) is listed twice")
                }
                projects.append(project)
            }
            self.projects = projects
            clock = try reader.optionalInt("clock") ?? 0
            nextID = try reader.optionalInt("next_id") ?? 1
        }

        var stateJSON: JSONValue {
            let keyed = projects.map { ($0.stateKey, $0.stateJSON) }
            return [
                "clock": .int(clock), "next_id": .int(nextID),
                "projects": .object(Dictionary(keyed, uniquingKeysWith: { first, _ in first })),
            ]
        }

        /// The project, or the one Vercel would have if it were created now.
        func project(_ idOrName: String, in account: Account) -> Project {
            projects.first { $0.accountID == account.id && ($0.id == idOrName || $0.name == idOrName) }
                ?? .created(idOrName: idOrName, account: account, at: SandboxTimestamp.now().epochMilliseconds)
        }

        mutating func store(_ project: Project) {
            if let index = projects.firstIndex(where: { $0.accountID == project.accountID && $0.id == project.id }) {
                projects[index] = project
            } else {
                projects.append(project)
            }
        }

        /// Now, in epoch milliseconds, later than every timestamp handed out before.
        mutating func timestamp() -> Int {
            clock = max(SandboxTimestamp.now().epochMilliseconds, clock + 1)
            return clock
        }

        /// `env_…` or `dpl_…`: 24 characters like Vercel's, derived from a counter.
        mutating func allocateID(prefix: String) -> String {
            let number = nextID
            nextID += 1
            let digits = String(StableHash.fnv1a("\(prefix):\(number)"), radix: 36)
            return prefix + "_" + String(repeating: "0", count: max(0, 13 - digits.count)) + digits + String(number, radix: 36)
        }
    }
}
