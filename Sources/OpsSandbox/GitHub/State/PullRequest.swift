import OpsCore

extension GitHubEmulator {
    /// A pull request as the state file keeps it; head and base SHAs are read from the branches
    /// when rendered, as GitHub shows the branches' current heads.
    struct PullRequest: Sendable, Equatable {
        var id: Int
        var number: Int
        var title: String
        var body: String?
        /// Branch names in this repository.
        var head: String
        var base: String
        /// `open` or `closed`.
        var state: String
        var draft: Bool
        var maintainerCanModify: Bool
        var createdAt: String
        var updatedAt: String
        /// In the order they were submitted, as GitHub lists them.
        var reviews: [Review] = []
        /// Set once merged (`PUT /pulls/{n}/merge`), with who merged it.
        var mergedBy: String?
        var mergedAt: String?

        init(id: Int, number: Int, title: String, body: String?, head: String, base: String, draft: Bool, maintainerCanModify: Bool, createdAt: String) {
            self.id = id
            self.number = number
            self.title = title
            self.body = body
            self.head = head
            self.base = base
            state = "open"
            self.draft = draft
            self.maintainerCanModify = maintainerCanModify
            self.createdAt = createdAt
            updatedAt = createdAt
        }

        init(stateJSON: JSONValue, path: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            number = try reader.int("number")
            id = try reader.optionalInt("id") ?? StableHash.id("pull:\(path):\(number)")
            title = try reader.optionalString("title") ?? ""
            body = try reader.optionalString("body")
            head = try reader.string("head")
            base = try reader.string("base")
            state = try reader.optionalString("state") ?? "open"
            guard state == "open" || state == "closed" else {
                throw StateDecodingError(path: reader.childPath("state"), problem: "expected \"open\" or \"closed\", found \"\(state)\"")
            }
            draft = try reader.bool("draft", default: false)
            maintainerCanModify = try reader.bool("maintainer_can_modify", default: false)
            createdAt = try reader.optionalString("created_at") ?? "2024-01-01T00:00:00Z"
            updatedAt = try reader.optionalString("updated_at") ?? createdAt
            for (value, reviewPath) in try reader.array("reviews") {
                reviews.append(try Review(stateJSON: value, path: reviewPath))
            }
            mergedBy = try reader.optionalString("merged_by")
            mergedAt = try reader.optionalString("merged_at")
        }

        var stateJSON: JSONValue {
            [
                "id": .int(id), "number": .int(number), "title": .string(title), "body": body.map(JSONValue.string) ?? .null,
                "head": .string(head), "base": .string(base), "state": .string(state), "draft": .bool(draft),
                "maintainer_can_modify": .bool(maintainerCanModify), "created_at": .string(createdAt), "updated_at": .string(updatedAt),
                "reviews": .array(reviews.map(\.stateJSON)), "merged_by": mergedBy.map(JSONValue.string) ?? .null,
                "merged_at": mergedAt.map(JSONValue.string) ?? .null,
            ]
        }
    }
}
