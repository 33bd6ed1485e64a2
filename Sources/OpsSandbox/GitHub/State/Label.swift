import OpsCore

extension GitHubEmulator {
    /// A repository label as the state file keeps it; URLs and node ids are derived when rendered.
    struct Label: Sendable, Equatable {
        var id: Int
        var name: String
        /// Six hex digits without `#`, as given by the client.
        var color: String
        var description: String?
        var isDefault: Bool

        init(id: Int, name: String, color: String, description: String?, isDefault: Bool) {
            self.id = id
            self.name = name
            self.color = color
            self.description = description
            self.isDefault = isDefault
        }

        /// `id` may be left out of a hand-written state file; it is then derived from the name.
        init(stateJSON: JSONValue, path: String, repository: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            name = try reader.string("name")
            id = try reader.optionalInt("id") ?? StableHash.id("label:\(repository):\(name.lowercased())")
            color = try reader.optionalString("color") ?? "ededed"
            description = try reader.optionalString("description")
            isDefault = try reader.bool("default", default: false)
        }

        var stateJSON: JSONValue {
            [
                "id": .int(id), "name": .string(name), "color": .string(color),
                "description": description.map(JSONValue.string) ?? .null, "default": .bool(isDefault),
            ]
        }

        /// GitHub compares label names without regard to case.
        func isNamed(_ other: String) -> Bool {
            name.lowercased() == other.lowercased()
        }
    }
}
