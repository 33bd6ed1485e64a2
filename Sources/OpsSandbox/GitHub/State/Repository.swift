import OpsCore

extension GitHubEmulator {
    /// One repository of the GitHub emulator: labels, a miniature git (refs, commits, blobs),
    /// classic branch protection per branch, and pull requests.
    struct Repository: Sendable, Equatable {
        var owner: String
        var name: String
        var id: Int
        var defaultBranch: String
        var isPrivate: Bool
        var description: String?
        var createdAt: String
        var labels: [Label]
        /// Ref name without `refs/` (`heads/main`) → commit SHA.
        var refs: [String: String]
        var commits: [String: Commit]
        /// Blob SHA → contents, base64 without line breaks.
        var blobs: [String: String]
        /// Branch name → protection.
        var protections: [String: BranchProtection]
        var pulls: [PullRequest]
        /// Issue and pull-request comments, in the order they were made.
        var comments: [IssueComment] = []
        /// The repository activity log, oldest first (`GET /activity` lists newest first).
        var activities: [Activity] = []

        var fullName: String { "\(owner)/\(name)" }

        /// The key under `repos` in the state: GitHub matches owner and name without regard to case.
        static func key(owner: String, name: String) -> String {
            "\(owner)/\(name)".lowercased()
        }

        /// A repository as it exists on first use: an empty `main` with one root commit.
        static func created(owner: String, name: String) -> Repository {
            let root = Commit.initial(repository: "\(owner)/\(name)")
            return Repository(
                owner: owner, name: name, id: StableHash.id("repo:\(key(owner: owner, name: name))"), defaultBranch: "main",
                isPrivate: false, description: nil, createdAt: "2024-01-01T00:00:00Z", labels: [],
                refs: ["heads/main": root.sha], commits: [root.sha: root], blobs: [:], protections: [:], pulls: []
            )
        }

        /// Decodes a repository from the state file. Only labels and the like need be written by
        /// hand: owner and name default to the key, and a repository without refs gets the same
        /// root commit on `main` it would get on first use.
        init(stateJSON: JSONValue, key: String, path: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            let parts = key.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw StateDecodingError(path: path, problem: "repository keys must be \"owner/name\"")
            }
            let fresh = Repository.created(owner: try reader.optionalString("owner") ?? String(parts[0]), name: try reader.optionalString("name") ?? String(parts[1]))
            guard Repository.key(owner: fresh.owner, name: fresh.name) == key.lowercased() else {
                throw StateDecodingError(path: path, problem: "owner and name say \(fresh.fullName), but the key is \(key)")
            }
            owner = fresh.owner
            name = fresh.name
            id = try reader.optionalInt("id") ?? fresh.id
            defaultBranch = try reader.optionalString("default_branch") ?? "main"
            isPrivate = try reader.bool("private", default: false)
            description = try reader.optionalString("description")
            createdAt = try reader.optionalString("created_at") ?? fresh.createdAt

            labels = []
            // A set, not a scan of the labels so far: a state of 10,000 labels would take
            // 50 million comparisons to load.
            var seenNames: Set<String> = []
            for (value, labelPath) in try reader.array("labels") {
                let label = try Label(stateJSON: value, path: labelPath, repository: fresh.fullName)
                guard seenNames.insert(label.name.lowercased()).inserted else {
                    throw StateDecodingError(path: labelPath, problem: "a label named \"\(label.name)\" is already listed (names ignore case)")
                }
                labels.append(label)
            }

            commits = [:]
            for (sha, value, commitPath) in try reader.object("commits") {
                commits[sha] = try Commit(stateJSON: value, path: commitPath)
            }
            refs = [:]
            for (ref, value, refPath) in try reader.object("refs") {
                guard case .string(let sha) = value else {
                    throw StateDecodingError(path: refPath, problem: "expected a commit SHA string, found \(JSONFieldReader.kind(of: value))")
                }
                refs[ref] = sha
            }
            if refs.isEmpty {
                let root = Commit.initial(repository: fresh.fullName)
                refs["heads/\(defaultBranch)"] = root.sha
                commits[root.sha] = root
            }
            for (ref, sha) in refs where commits[sha] == nil {
                throw StateDecodingError(path: "\(reader.childPath("refs"))[\(JSONWriter.canonical(.string(ref)))]", problem: "points at commit \(sha), which is not under commits")
            }
            blobs = [:]
            for (sha, value, blobPath) in try reader.object("blobs") {
                guard case .string(let content) = value else {
                    throw StateDecodingError(path: blobPath, problem: "expected base64 text, found \(JSONFieldReader.kind(of: value))")
                }
                blobs[sha] = content
            }
            protections = [:]
            for (branch, value, protectionPath) in try reader.object("branch_protection") {
                protections[branch] = try BranchProtection(stateJSON: value, path: protectionPath)
            }
            pulls = []
            for (value, pullPath) in try reader.array("pulls") {
                pulls.append(try PullRequest(stateJSON: value, path: pullPath))
            }
            for (value, commentPath) in try reader.array("comments") {
                comments.append(try IssueComment(stateJSON: value, path: commentPath))
            }
            for (value, activityPath) in try reader.array("activity") {
                activities.append(try Activity(stateJSON: value, path: activityPath))
            }
        }

        private init(
            owner: String, name: String, id: Int, defaultBranch: String, isPrivate: Bool, description: String?, createdAt: String,
            labels: [Label], refs: [String: String], commits: [String: Commit], blobs: [String: String],
            protections: [String: BranchProtection], pulls: [PullRequest]
        ) {
            self.owner = owner
            self.name = name
            self.id = id
            self.defaultBranch = defaultBranch
            self.isPrivate = isPrivate
            self.description = description
            self.createdAt = createdAt
            self.labels = labels
            self.refs = refs
            self.commits = commits
            self.blobs = blobs
            self.protections = protections
            self.pulls = pulls
        }

        var stateJSON: JSONValue {
            [
                "owner": .string(owner), "name": .string(name), "id": .int(id), "default_branch": .string(defaultBranch),
                "private": .bool(isPrivate), "description": description.map(JSONValue.string) ?? .null, "created_at": .string(createdAt),
                "labels": .array(labels.map(\.stateJSON)),
                "refs": .object(refs.mapValues(JSONValue.string)),
                "commits": .object(commits.mapValues(\.stateJSON)),
                "blobs": .object(blobs.mapValues(JSONValue.string)),
                "branch_protection": .object(protections.mapValues(\.stateJSON)),
                "pulls": .array(pulls.map(\.stateJSON)),
                "comments": .array(comments.map(\.stateJSON)),
                "activity": .array(activities.map(\.stateJSON)),
            ]
        }

        // MARK: Queries

        /// Records that `login` moved `branch` to `after` (pushes, branch creation, merges).
        mutating func recordActivity(_ type: String, branch: String, before: String?, after: String, login: String, id: Int) {
            activities.append(Activity(
                id: id, ref: "refs/heads/\(branch)", before: before ?? String(repeating: "0", count: 40), after: after, activityType: type,
                login: login, timestamp: SandboxTimestamp.now().rfc3339))
        }

        func branchHead(_ branch: String) -> String? {
            refs["heads/\(branch)"]
        }

        func labelIndex(named name: String) -> Int? {
            labels.firstIndex { $0.isNamed(name) }
        }

        /// A branch name, `heads/<branch>`, `refs/heads/<branch>` or a commit SHA, as the
        /// contents API's `ref` parameter accepts.
        func resolveCommit(_ ref: String) -> String? {
            if let sha = refs["heads/\(ref)"] ?? refs[ref] { return sha }
            if ref.hasPrefix("refs/"), let sha = refs[String(ref.dropFirst(5))] { return sha }
            return commits[ref] == nil ? nil : ref
        }
    }
}
