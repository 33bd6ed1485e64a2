import OpsCore

extension SupabaseEmulator {
    /// The bucket routes of the Storage API (`src/http/routes/bucket/`), below `/storage/v1`.
    enum StorageRoutes {
        /// The project's global upload limit; a bucket's own limit may not exceed it. 500 GB is
        /// the largest Supabase offers, so only absurd values are refused.
        static let globalFileSizeLimit = 500_000_000_000

        static func dispatch(_ request: EmulatorRequest, rest: [String], _ storage: inout StorageState) throws(RouteFailure) -> HTTPResponse {
            let method = request.method
            switch (rest.first, rest.count, method) {
            case ("bucket", 1, "GET"): return try list(request, storage)
            case ("bucket", 1, "POST"): return try create(request, &storage)
            case ("bucket", 2, "GET"): return try get(id: rest[1], storage)
            case ("bucket", 2, "PUT"): return try update(request, id: rest[1], &storage)
            case ("bucket", 2, "DELETE"): return try delete(id: rest[1], &storage)
            case ("bucket", 3, "POST") where rest[2] == "empty": return try empty(id: rest[1], storage)
            default: throw StorageErrors.routeNotFound(method, request.path)
            }
        }

        /// `GET /bucket?limit=&offset=&sortColumn=&sortOrder=&search=` → a bare array.
        static func list(_ request: EmulatorRequest, _ storage: StorageState) throws(RouteFailure) -> HTTPResponse {
            let query = request.query
            let column = query["sortColumn"] ?? "name"
            guard ["id", "name", "created_at", "updated_at"].contains(column) else {
                throw StorageErrors.validation("querystring/sortColumn must be equal to one of the allowed values")
            }
            let order = query["sortOrder"] ?? "asc"
            guard order == "asc" || order == "desc" else {
                throw StorageErrors.validation("querystring/sortOrder must be equal to one of the allowed values")
            }
            let limit = try nonNegative(query["limit"], name: "limit")
            let offset = try nonNegative(query["offset"], name: "offset") ?? 0
            var buckets = Array(storage.buckets.values)
            if let search = query["search"], !search.isEmpty {
                buckets = buckets.filter { $0.name.lowercased().contains(search.lowercased()) }
            }
            func key(_ bucket: Bucket) -> String {
                switch column {
                case "id": bucket.id
                case "created_at": bucket.createdAt
                case "updated_at": bucket.updatedAt
                default: bucket.name
                }
            }
            buckets.sort { (key($0), $0.id) < (key($1), $1.id) }
            if order == "desc" { buckets.reverse() }
            let start = min(offset, buckets.count)
            let end = limit.map { min(buckets.count, start + $0) } ?? buckets.count
            return .json(200, .array(buckets[start..<end].map(\.rendered)))
        }

        static func get(id: String, _ storage: StorageState) throws(RouteFailure) -> HTTPResponse {
            guard let bucket = storage.buckets[id] else { throw StorageErrors.noSuchBucket() }
            return .json(200, bucket.rendered)
        }

        /// `POST /bucket` → 200 `{"name"}`; the id defaults to the name, `public` to false.
        static func create(_ request: EmulatorRequest, _ storage: inout StorageState) throws(RouteFailure) -> HTTPResponse {
            let body = try StorageRequestBody.parse(request)
            guard let name = try body.string("name") else {
                throw body.refusal(.missingMembers(["name"]))
            }
            let id = try body.string("id").flatMap { $0.isEmpty ? nil : $0 } ?? name
            guard isValidBucketName(name), isValidBucketName(id) else { throw StorageErrors.invalidBucketName() }
            let isPublic = try body.bool("public") ?? false
            let type = try body.string("type") ?? "STANDARD"
            guard type == "STANDARD" || type == "ANALYTICS" else {
                throw StorageErrors.validation("body/type must be equal to one of the allowed values")
            }
            var limit: Int?
            if case .present(let value) = try body.fileSizeLimit() { limit = try withinGlobalLimit(value) }
            var types: [String]?
            if case .present(let value) = try body.allowedMimeTypes() { types = value }
            guard storage.buckets[id] == nil, storage.bucket(named: name) == nil else { throw StorageErrors.bucketAlreadyExists() }
            let now = SandboxTimestamp.now().postgresTimestamptz
            storage.buckets[id] = Bucket(
                id: id, name: name, isPublic: isPublic, type: type, fileSizeLimit: limit, allowedMimeTypes: types,
                createdAt: now, updatedAt: now)
            return .json(200, ["name": .string(name)])
        }

        /// `PUT /bucket/{id}` → 200 `{"message":"Successfully updated"}`. Absent settings are
        /// kept; `null` clears one.
        static func update(_ request: EmulatorRequest, id: String, _ storage: inout StorageState) throws(RouteFailure) -> HTTPResponse {
            guard isValidBucketName(id) else { throw StorageErrors.invalidBucketName() }
            let body = try StorageRequestBody.parse(request)
            let isPublic = try body.bool("public")
            let limit = try body.fileSizeLimit()
            let types = try body.allowedMimeTypes()
            guard var bucket = storage.buckets[id] else { throw StorageErrors.noSuchBucket() }
            if let isPublic { bucket.isPublic = isPublic }
            if case .present(let value) = limit { bucket.fileSizeLimit = try withinGlobalLimit(value) }
            if case .present(let value) = types { bucket.allowedMimeTypes = value }
            bucket.updatedAt = SandboxTimestamp.now().postgresTimestamptz
            storage.buckets[id] = bucket
            return .json(200, ["message": "Successfully updated"])
        }

        /// `DELETE /bucket/{id}`; the sandbox stores no objects, so every bucket is empty.
        static func delete(id: String, _ storage: inout StorageState) throws(RouteFailure) -> HTTPResponse {
            guard storage.buckets.removeValue(forKey: id) != nil else { throw StorageErrors.noSuchBucket() }
            return .json(200, ["message": "Successfully deleted"])
        }

        static func empty(id: String, _ storage: StorageState) throws(RouteFailure) -> HTTPResponse {
            guard storage.buckets[id] != nil else { throw StorageErrors.noSuchBucket() }
            return .json(200, ["message": "Successfully emptied"])
        }

        /// Storage's rule (`src/storage/limits.ts`): 1 to 100 characters of letters, digits,
        /// `_` and the S3-safe punctuation ``! - . * ' ( ) space & $ @ = ; : + , ?``.
        static func isValidBucketName(_ name: String) -> Bool {
            let allowed = Set("!-.*'() &$@=;:+,?_")
            return (1...100).contains(name.count) && name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || allowed.contains($0) }
        }

        private static func withinGlobalLimit(_ bytes: Int?) throws(RouteFailure) -> Int? {
            if let bytes, bytes > globalFileSizeLimit { throw StorageErrors.fileSizeLimitTooLarge() }
            return bytes
        }

        private static func nonNegative(_ text: String?, name: String) throws(RouteFailure) -> Int? {
            guard let text else { return nil }
            guard let value = Int(text), value >= 0 else { throw StorageErrors.validation("querystring/\(name) must be integer") }
            return value
        }
    }
}
