import OpsCore

extension GitHubEmulator {
    /// `/repos/{owner}/{repo}/labels[/{name}]`.
    enum LabelRoutes {
        /// One label as the general encoder writes it; pages are written by `LabelPageJSON`,
        /// which must produce the same bytes (GitHubLabelPagingTests checks that it does).
        static func render(_ label: Label, _ links: Links) -> JSONValue {
            [
                "id": .int(label.id), "node_id": .string(links.nodeID("05:Label", label.id)), "url": .string(links.label(label.name)),
                "name": .string(label.name), "color": .string(label.color),
                "description": label.description.map(JSONValue.string) ?? .null, "default": .bool(label.isDefault),
            ]
        }

        /// Labels in creation order (by id), which keeps pages stable while names change.
        static func list(_ context: RouteContext, _ repository: Repository) -> HTTPResponse {
            // Usually already in id order (labels are appended with growing ids): no sort then.
            let inOrder = repository.labels.withUnsafeBufferPointer { labels in
                labels.indices.dropFirst().allSatisfy { labels[$0 - 1].id < labels[$0].id }
            }
            let labels = inOrder ? repository.labels : repository.labels.sorted { $0.id < $1.id }
            return context.page(labels, writingBody: { LabelPageJSON.bytes($0, links: context.links) })
        }

        static func get(_ context: RouteContext, _ repository: Repository, name: String) throws(RouteFailure) -> HTTPResponse {
            guard let index = repository.labelIndex(named: name) else { throw Errors.notFound(docs: Docs.getLabel) }
            return .json(200, render(repository.labels[index], context.links))
        }

        static func create(_ context: RouteContext, _ repository: Repository, _ github: inout State) throws(RouteFailure) -> HTTPResponse {
            let docs = Docs.createLabel
            let body = try RequestBody.parse(context.request, docs: docs)
            guard let name = try body.string("name"), !name.trimmingOWS.isEmpty else {
                throw Errors.validationFailed(resource: "Label", code: "missing_field", field: "name", docs: docs)
            }
            let color = try validColor(try body.string("color"), docs: docs) ?? "ededed"
            let description = try validDescription(try body.string("description", nullable: true), docs: docs)
            if repository.labelIndex(named: name) != nil {
                throw Errors.validationFailed(resource: "Label", code: "already_exists", field: "name", docs: docs)
            }
            var repository = repository
            let label = Label(id: github.allocateID(avoiding: repository), name: name, color: color, description: description, isDefault: false)
            repository.labels.append(label)
            github.store(repository)
            let url = context.links.label(name)
            return .json(201, render(label, context.links), headers: HTTPHeaders([("Location", url)]))
        }

        static func update(_ context: RouteContext, _ repository: Repository, _ github: inout State, name: String) throws(RouteFailure) -> HTTPResponse {
            let docs = Docs.updateLabel
            guard let index = repository.labelIndex(named: name) else { throw Errors.notFound(docs: docs) }
            let body = try RequestBody.parse(context.request, docs: docs, allowEmpty: true)
            var label = repository.labels[index]
            if let newName = try body.string("new_name") {
                guard !newName.trimmingOWS.isEmpty else {
                    throw Errors.validationFailed(resource: "Label", code: "missing_field", field: "name", docs: docs)
                }
                if let clash = repository.labelIndex(named: newName), clash != index {
                    throw Errors.validationFailed(resource: "Label", code: "already_exists", field: "name", docs: docs)
                }
                label.name = newName
            }
            if let color = try validColor(try body.string("color"), docs: docs) { label.color = color }
            if body.has("description") { label.description = try validDescription(try body.string("description", nullable: true), docs: docs) }
            var repository = repository
            repository.labels[index] = label
            github.store(repository)
            return .json(200, render(label, context.links))
        }

        static func delete(_ repository: Repository, _ github: inout State, name: String) throws(RouteFailure) -> HTTPResponse {
            guard let index = repository.labelIndex(named: name) else { throw Errors.notFound(docs: Docs.deleteLabel) }
            var repository = repository
            repository.labels.remove(at: index)
            github.store(repository)
            return .empty(204)
        }

        /// Six hex digits without `#`, as the API documents.
        private static func validColor(_ color: String?, docs: String) throws(RouteFailure) -> String? {
            guard let color else { return nil }
            let hex = color.utf8.count == 6 && color.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }
            guard hex else { throw Errors.validationFailed(resource: "Label", code: "invalid", field: "color", docs: docs) }
            return color
        }

        private static func validDescription(_ description: String?, docs: String) throws(RouteFailure) -> String? {
            guard let description else { return nil }
            if description.count > 100 {
                throw Errors.validationFailed(
                    resource: "Label", code: "custom", field: "description", message: "description is too long (maximum is 100 characters)", docs: docs
                )
            }
            return description
        }
    }
}
