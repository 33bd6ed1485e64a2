import OpsCore

extension GitHubEmulator {
    /// The `github` section of the sandbox state: every repository, by lowercased `owner/name`.
    struct State: SandboxStateSection {
        var repositories: [String: Repository]
        /// The next id for labels and pull requests.
        var nextID: Int

        static let empty = State(repositories: [:], nextID: 1000)

        init(repositories: [String: Repository], nextID: Int) {
            self.repositories = repositories
            self.nextID = nextID
        }

        init(stateJSON: JSONValue) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: "")
            var repositories: [String: Repository] = [:]
            for (key, value, path) in try reader.object("repos") {
                let repository = try Repository(stateJSON: value, key: key, path: path)
                let normalized = Repository.key(owner: repository.owner, name: repository.name)
                guard repositories[normalized] == nil else {
                    throw StateDecodingError(path: path, problem: "\(key) is listed twice (names ignore case)")
                }
                repositories[normalized] = repository
            }
            self.repositories = repositories
            nextID = try reader.optionalInt("next_id") ?? 1000
        }

        var stateJSON: JSONValue {
            var repos: [String: JSONValue] = [:]
            for repository in repositories.values { repos[repository.fullName] = repository.stateJSON }
            return ["next_id": .int(nextID), "repos": .object(repos)]
        }

        /// The repository, or the one GitHub would have if it were created now: any owner/name
        /// exists on first use. Reads of a repository never written leave the state unchanged.
        func repository(owner: String, name: String) -> Repository {
            repositories[Repository.key(owner: owner, name: name)] ?? .created(owner: owner, name: name)
        }

        mutating func store(_ repository: Repository) {
            repositories[Repository.key(owner: repository.owner, name: repository.name)] = repository
        }

        /// An id not used by any label or pull request of `repository`.
        mutating func allocateID(avoiding repository: Repository) -> Int {
            var id = nextID
            while repository.labels.contains(where: { $0.id == id }) || repository.pulls.contains(where: { $0.id == id })
                || repository.comments.contains(where: { $0.id == id })
                || repository.pulls.contains(where: { $0.reviews.contains { $0.id == id } })
                || repository.activities.contains(where: { $0.id == id })
            {
                id += 1
            }
            nextID = id + 1
            return id
        }
    }
}
