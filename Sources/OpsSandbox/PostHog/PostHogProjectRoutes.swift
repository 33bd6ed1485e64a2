import OpsCore

extension PostHogEmulator {
    enum ProjectRoutes {
        /// `POST /api/projects/` with `{"name": …}`: 201 with the new project; the first one
        /// created becomes current.
        static func create(_ request: EmulatorRequest, _ posthog: inout State) throws(RouteFailure) -> HTTPResponse {
            guard case .object(let body)? = try? JSONParser.parse(request.body) else {
                throw RouteFailure(response: Errors.response(400, type: "validation_error", code: "parse_error", detail: "JSON parse error."))
            }
            guard let name = body["name"]?.stringValue, !name.isEmpty else {
                throw RouteFailure(response: .json(400, ["type": "validation_error", "code": "required", "detail": "This field is required.", "attr": "name"]))
            }
            let id = posthog.nextID
            posthog.nextID += 1
            let project = Project(id: id, name: name, apiToken: Project.token(for: id), timezone: body["timezone"]?.stringValue ?? "UTC")
            posthog.projects.append(project)
            if posthog.currentProjectID == nil { posthog.currentProjectID = id }
            return .json(201, project.wire)
        }

        /// `GET /api/projects/`: `{count, next, previous, results}` of the projects the key sees.
        static func list(key: String, options: Options, _ posthog: State) -> HTTPResponse {
            let hidden = options.forbiddenProjects[key] ?? []
            let visible = posthog.projects.filter { !hidden.contains($0.id) }.map(\.wire)
            return .json(200, ["count": .int(visible.count), "next": .null, "previous": .null, "results": .array(visible)])
        }

        /// `GET /api/projects/{id}/` or `@current`.
        static func get(_ reference: String, key: String, options: Options, _ posthog: State) throws(RouteFailure) -> HTTPResponse {
            let id: Int?
            if reference == "@current" {
                id = options.currentProjectByKey[key] ?? posthog.currentProjectID
            } else {
                id = Int(reference)
            }
            guard let id, let project = posthog.projects.first(where: { $0.id == id }) else { throw RouteFailure(response: Errors.notFound()) }
            guard !(options.forbiddenProjects[key] ?? []).contains(id) else { throw RouteFailure(response: Errors.forbidden()) }
            return .json(200, project.wire)
        }
    }
}
