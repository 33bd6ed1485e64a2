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
            if name == other { return true }
            // ASCII names (nearly all) fold case byte by byte, without two allocations per
            // label of a look-up that scans them all.
            if name.utf8.allSatisfy({ $0 < 0x80 }) && other.utf8.allSatisfy({ $0 < 0x80 }) {
                return name.utf8.count == other.utf8.count && zip(name.utf8, other.utf8).allSatisfy { Self.foldedASCII($0) == Self.foldedASCII($1) }
            }
            return name.lowercased() == other.lowercased()
        }

        private static func foldedASCII(_ byte: UInt8) -> UInt8 {
            byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
        }
    }
}
