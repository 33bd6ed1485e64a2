import OpsCore

extension SupabaseEmulator {
    /// A Storage bucket as the state file keeps it (`src/storage/schemas/bucket.ts`).
    struct Bucket: Sendable, Equatable {
        var id: String
        var name: String
        var owner: String?
        var isPublic: Bool
        /// `STANDARD` or `ANALYTICS`.
        var type: String
        /// Bytes; nil means the project's global limit applies.
        var fileSizeLimit: Int?
        /// Nil allows every type.
        var allowedMimeTypes: [String]?
        var createdAt: String
        var updatedAt: String

        init(
            id: String, name: String, owner: String? = nil, isPublic: Bool, type: String = "STANDARD", fileSizeLimit: Int?,
            allowedMimeTypes: [String]?, createdAt: String, updatedAt: String
        ) {
            self.id = id
            self.name = name
            self.owner = owner
            self.isPublic = isPublic
            self.type = type
            self.fileSizeLimit = fileSizeLimit
            self.allowedMimeTypes = allowedMimeTypes
            self.createdAt = createdAt
            self.updatedAt = updatedAt
        }

        /// Only `name` may be omitted from a hand-written state file (it defaults to the id).
        init(stateJSON: JSONValue, id: String, path: String) throws(StateDecodingError) {
            let reader = try JSONFieldReader(stateJSON, path: path)
            self.id = id
            name = try reader.optionalString("name") ?? id
            owner = try reader.optionalString("owner")
            isPublic = try reader.bool("public", default: false)
            type = try reader.optionalString("type") ?? "STANDARD"
            guard type == "STANDARD" || type == "ANALYTICS" else {
                throw StateDecodingError(path: reader.childPath("type"), problem: "expected \"STANDARD\" or \"ANALYTICS\", found \"\(type)\"")
            }
            fileSizeLimit = try reader.optionalInt("file_size_limit")
            if let limit = fileSizeLimit, limit < 0 {
                throw StateDecodingError(path: reader.childPath("file_size_limit"), problem: "expected a size in bytes, found \(limit)")
            }
            switch reader.members["allowed_mime_types"] {
            case nil, .null?: allowedMimeTypes = nil
            default: allowedMimeTypes = try reader.stringArray("allowed_mime_types")
            }
            createdAt = try reader.optionalString("created_at") ?? "2024-01-01T00:00:00.000000+00:00"
            updatedAt = try reader.optionalString("updated_at") ?? createdAt
        }

        var stateJSON: JSONValue {
            [
                "name": .string(name), "owner": owner.map(JSONValue.string) ?? .null, "public": .bool(isPublic), "type": .string(type),
                "file_size_limit": fileSizeLimit.map(JSONValue.int) ?? .null,
                "allowed_mime_types": allowedMimeTypes.map { .array($0.map(JSONValue.string)) } ?? .null,
                "created_at": .string(createdAt), "updated_at": .string(updatedAt),
            ]
        }

        /// The columns `GET /bucket` and `GET /bucket/{id}` return.
        var rendered: JSONValue {
            [
                "id": .string(id), "name": .string(name), "owner": owner.map(JSONValue.string) ?? .null, "public": .bool(isPublic),
                "type": .string(type), "file_size_limit": fileSizeLimit.map(JSONValue.int) ?? .null,
                "allowed_mime_types": allowedMimeTypes.map { .array($0.map(JSONValue.string)) } ?? .null,
                "created_at": .string(createdAt), "updated_at": .string(updatedAt),
            ]
        }
    }
}
