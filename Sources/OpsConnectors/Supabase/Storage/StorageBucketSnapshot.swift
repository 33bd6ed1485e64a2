import OpsCore

/// A Storage bucket reduced to what desired-state.yaml declares, so the API's shape and the
/// desired shape compare directly. Owner and timestamps are left out: they are not managed,
/// and `updated_at` would make every fingerprint drift without anything worth reviewing.
struct StorageBucketSnapshot: Sendable, Equatable {
    /// The bucket's id, which the API's paths take; Storage defaults it to the name.
    var id: String
    var name: String
    var isPublic: Bool
    /// In bytes; nil means the project's global upload limit applies.
    var fileSizeLimit: Int?
    /// Sorted and without duplicates, since order means nothing; nil (or an empty list, which
    /// Storage treats the same) allows every type.
    var allowedMimeTypes: [String]?

    init(id: String, name: String, isPublic: Bool, fileSizeLimit: Int?, allowedMimeTypes: [String]?) {
        self.id = id
        self.name = name
        self.isPublic = isPublic
        self.fileSizeLimit = fileSizeLimit
        self.allowedMimeTypes = allowedMimeTypes.flatMap { types in
            let normalized = Array(Set(types.filter { !$0.isEmpty })).sorted()
            return normalized.isEmpty ? nil : normalized
        }
    }

    /// What the desired state asks for; `id` is the existing bucket's when there is one.
    init(desired: StorageBucket, id: String? = nil) {
        self.init(
            id: id ?? desired.name, name: desired.name, isPublic: desired.isPublic, fileSizeLimit: desired.fileSizeLimit,
            allowedMimeTypes: desired.allowedMimeTypes)
    }

    init(_ body: StorageBucketBody) {
        self.init(
            id: body.id, name: body.name ?? body.id, isPublic: body.public ?? false, fileSizeLimit: body.file_size_limit,
            allowedMimeTypes: body.allowed_mime_types)
    }

    /// The plan's `before`/`after` and the change payload.
    var json: JSONValue {
        [
            "id": .string(id),
            "name": .string(name),
            "public": .bool(isPublic),
            "fileSizeLimit": fileSizeLimit.map(JSONValue.int) ?? .null,
            "allowedMimeTypes": allowedMimeTypes.map { .array($0.map(JSONValue.string)) } ?? .null,
        ]
    }

    /// Reads `json` back from a plan's payload; nil when it is not one.
    init?(json: JSONValue) {
        guard let id = json["id"]?.stringValue, let name = json["name"]?.stringValue, let isPublic = json["public"]?.boolValue
        else { return nil }
        var types: [String]?
        if let list = json["allowedMimeTypes"]?.arrayValue {
            let strings = list.compactMap(\.stringValue)
            guard strings.count == list.count else { return nil }
            types = strings
        }
        self.init(id: id, name: name, isPublic: isPublic, fileSizeLimit: json["fileSizeLimit"]?.intValue, allowedMimeTypes: types)
    }

    /// `POST /bucket`. `null` limits and types are sent explicitly: the bucket gets exactly
    /// the declared settings, never a server default.
    var createBody: JSONValue {
        [
            "id": .string(id),
            "name": .string(name),
            "public": .bool(isPublic),
            "file_size_limit": fileSizeLimit.map(JSONValue.int) ?? .null,
            "allowed_mime_types": allowedMimeTypes.map { .array($0.map(JSONValue.string)) } ?? .null,
        ]
    }

    /// `PUT /bucket/{id}`: all three settings, so the bucket ends up exactly as declared.
    var updateBody: JSONValue {
        [
            "public": .bool(isPublic),
            "file_size_limit": fileSizeLimit.map(JSONValue.int) ?? .null,
            "allowed_mime_types": allowedMimeTypes.map { .array($0.map(JSONValue.string)) } ?? .null,
        ]
    }

    /// The settings that differ from `other`, as reviewers read them:
    /// `public false → true`, `fileSizeLimit none → 5242880 bytes`, `allowedMimeTypes any → [image/png]`.
    func differences(from other: StorageBucketSnapshot) -> [String] {
        var found: [String] = []
        if isPublic != other.isPublic { found.append("public \(other.isPublic) → \(isPublic)") }
        if fileSizeLimit != other.fileSizeLimit {
            found.append("fileSizeLimit \(Self.describe(other.fileSizeLimit)) → \(Self.describe(fileSizeLimit))")
        }
        if allowedMimeTypes != other.allowedMimeTypes {
            found.append("allowedMimeTypes \(Self.describe(other.allowedMimeTypes)) → \(Self.describe(allowedMimeTypes))")
        }
        return found
    }

    static func describe(_ limit: Int?) -> String {
        limit.map { "\($0) bytes" } ?? "none"
    }

    static func describe(_ types: [String]?) -> String {
        types.map { "[\($0.joined(separator: ", "))]" } ?? "any"
    }
}
