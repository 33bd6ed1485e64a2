import OpsCore

extension VercelEmulator {
    /// `/v10/projects/{idOrName}/env`, `/v1/projects/{idOrName}/env[/{id}]`, `/v9/projects/{idOrName}/env/{id}`.
    enum EnvRoutes {
        /// Newest first. Paged only when the client names `limit` (or the sandbox is configured
        /// with a default page size): then `until` takes the previous page's `pagination.next`.
        static func list(_ context: RouteContext, _ project: Project) -> HTTPResponse {
            let query = context.request.query
            var envs = project.envs.sorted { $0.createdAt > $1.createdAt }
            if let branch = query["gitBranch"] { envs = envs.filter { $0.gitBranch == branch } }
            if let until = query["until"].flatMap(Int.init) { envs = envs.filter { $0.createdAt < until } }
            let decrypt = query["decrypt"] == "true"
            var next: JSONValue = .null
            if let limit = query["limit"].flatMap(Int.init).map({ max(1, $0) }) ?? context.options.defaultEnvPageSize, envs.count > limit {
                envs = Array(envs.prefix(limit))
                next = .int(envs[envs.count - 1].createdAt)
            }
            let prev: JSONValue = query["until"] != nil && !envs.isEmpty ? .int(envs[0].createdAt) : .null
            return .json(200, [
                "envs": .array(envs.map { $0.json(decrypt: decrypt) }),
                "pagination": ["count": .int(envs.count), "next": next, "prev": prev],
            ])
        }

        /// One object or an array of them. A single object that clashes with an existing
        /// variable is refused whole (403, or 400 with `upsert` when the targets differ); in an
        /// array, clashing items go to `failed` and the rest are created.
        static func create(_ context: RouteContext, project idOrName: String, account: Account, _ vercel: inout State) throws(RouteFailure) -> HTTPResponse {
            let body = try context.jsonBody()
            let single: Bool
            let items: [JSONValue]
            switch body {
            case .object: (single, items) = (true, [body])
            case .array(let list) where !list.isEmpty: (single, items) = (false, list)
            default: throw Errors.badRequest("Invalid request: body must be an object or a non-empty array of objects.")
            }
            var drafts: [EnvDraft] = []
            for (index, item) in items.enumerated() {
                drafts.append(try EnvDraft(item, at: single ? "body" : "body[\(index)]"))
            }
            let upsert = context.request.query["upsert"] == "true"
            var project = vercel.project(idOrName, in: account)
            var created: [JSONValue] = []
            var failed: [JSONValue] = []
            for draft in drafts {
                let clash = project.envs.firstIndex {
                    $0.clashes(key: draft.key, targets: draft.targets, gitBranch: draft.gitBranch, customEnvironmentIDs: draft.customEnvironmentIDs)
                }
                guard let clash else {
                    let now = vercel.timestamp()
                    let env = EnvVar(
                        id: vercel.allocateID(prefix: "env"), key: draft.key, value: draft.value, type: draft.type, targets: draft.targets,
                        gitBranch: draft.gitBranch, comment: draft.comment, customEnvironmentIDs: draft.customEnvironmentIDs, createdAt: now, updatedAt: now
                    )
                    project.envs.append(env)
                    created.append(env.json(decrypt: false))
                    continue
                }
                let existing = project.envs[clash]
                if upsert, Set(existing.targets) == Set(draft.targets), Set(existing.customEnvironmentIDs) == Set(draft.customEnvironmentIDs) {
                    var updated = existing
                    updated.value = draft.value
                    updated.type = draft.type
                    if let comment = draft.comment { updated.comment = comment }
                    updated.updatedAt = vercel.timestamp()
                    project.envs[clash] = updated
                    created.append(updated.json(decrypt: false))
                    continue
                }
                let shared = existing.targets.first(where: draft.targets.contains) ?? existing.customEnvironmentIDs.first ?? "production"
                let error: [String: JSONValue] = [
                    "code": .string(upsert ? "ENV_CONFLICT" : "ENV_ALREADY_EXISTS"),
                    "message": .string("A variable with the name `\(draft.key)` already exists for the target \(shared)"),
                    "key": .string(draft.key), "envVarId": .string(existing.id), "envVarKey": .string(existing.key),
                    "target": .array(existing.targets.map(JSONValue.string)),
                ]
                if single { throw RouteFailure(response: .json(upsert ? 400 : 403, ["error": .object(error)])) }
                failed.append(["error": .object(error)])
            }
            if !created.isEmpty {
                project.updatedAt = vercel.timestamp()
                vercel.store(project)
            }
            return .json(201, ["created": single ? created.first ?? .null : .array(created), "failed": .array(failed)])
        }

        static func getDecrypted(_ context: RouteContext, _ project: Project, id: String) throws(RouteFailure) -> HTTPResponse {
            guard let index = project.envIndex(id: id) else { throw Errors.notFound("The environment variable was not found.") }
            return .json(200, project.envs[index].json(decrypt: true, sensitiveValue: context.options.sensitiveValue))
        }

        static let editableMembers: Set<String> = ["key", "target", "gitBranch", "type", "value", "customEnvironmentIds", "comment"]

        static func edit(_ context: RouteContext, project idOrName: String, account: Account, id: String, _ vercel: inout State) throws(RouteFailure) -> HTTPResponse {
            var project = vercel.project(idOrName, in: account)
            guard let index = project.envIndex(id: id) else { throw Errors.notFound("The environment variable was not found.") }
            let body = try context.objectBody()
            let members = body.members
            if let unknown = members.keys.sorted().first(where: { !editableMembers.contains($0) }) {
                throw Errors.badRequest("Invalid request: should NOT have additional property `\(unknown)`.")
            }
            var env = project.envs[index]
            if let key = try body.string("key") { env.key = try EnvDraft.checkedKey(key) }
            if members["target"] != nil { env.targets = try EnvDraft.checkedTargets(members["target"]) }
            if members["customEnvironmentIds"] != nil {
                env.customEnvironmentIDs = try EnvDraft.stringList(members["customEnvironmentIds"], name: "customEnvironmentIds")
            }
            if body.has("gitBranch") {
                let branch = try body.string("gitBranch", nullable: true)
                env.gitBranch = branch?.isEmpty == false ? branch : nil
            }
            for name in ["type", "value", "comment"] {
                guard let text = try body.string(name) else { continue }
                switch name {
                case "type": env.type = try EnvDraft.checkedType(text)
                case "value": env.value = text
                default: env.comment = text
                }
            }
            guard !env.targets.isEmpty || !env.customEnvironmentIDs.isEmpty else {
                throw Errors.badRequest("At least one environment variable failed validation: a target is required.")
            }
            try EnvDraft.checkCombination(type: env.type, targets: env.targets, gitBranch: env.gitBranch, comment: env.comment)
            let others = project.envs.enumerated().filter { $0.offset != index }.map(\.element)
            if let clash = others.first(where: { $0.clashes(key: env.key, targets: env.targets, gitBranch: env.gitBranch, customEnvironmentIDs: env.customEnvironmentIDs) }) {
                let shared = clash.targets.first(where: env.targets.contains) ?? "production"
                throw Errors.failure(400, code: "ENV_CONFLICT", message: "A variable with the name `\(env.key)` already exists for the target \(shared)", extra: [
                    "key": .string(env.key), "envVarId": .string(clash.id),
                ])
            }
            env.updatedAt = vercel.timestamp()
            project.envs[index] = env
            project.updatedAt = env.updatedAt
            vercel.store(project)
            return .json(200, env.json(decrypt: false))
        }

        static func delete(_ context: RouteContext, project idOrName: String, account: Account, id: String, _ vercel: inout State) throws(RouteFailure) -> HTTPResponse {
            var project = vercel.project(idOrName, in: account)
            guard let index = project.envIndex(id: id) else { throw Errors.notFound("The environment variable was not found.") }
            let removed = project.envs.remove(at: index)
            project.updatedAt = vercel.timestamp()
            vercel.store(project)
            return .json(200, removed.json(decrypt: false))
        }

        /// `DELETE /v1/projects/{idOrName}/env` with `{"ids": [...]}` → `{"deleted": n, "ids": [...]}`.
        static func deleteMany(_ context: RouteContext, project idOrName: String, account: Account, _ vercel: inout State) throws(RouteFailure) -> HTTPResponse {
            guard case .object(let members) = try context.jsonBody(), members["ids"] != nil else {
                throw Errors.badRequest("Invalid request: missing required property `ids`.")
            }
            let ids = try EnvDraft.stringList(members["ids"], name: "ids")
            var project = vercel.project(idOrName, in: account)
            let removed = project.envs.filter { ids.contains($0.id) }.map(\.id)
            if !removed.isEmpty {
                project.envs.removeAll { ids.contains($0.id) }
                project.updatedAt = vercel.timestamp()
                vercel.store(project)
            }
            return .json(200, ["deleted": .int(removed.count), "ids": .array(removed.map(JSONValue.string))])
        }
    }
}
