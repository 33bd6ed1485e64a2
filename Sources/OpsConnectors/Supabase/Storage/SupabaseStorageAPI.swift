import Foundation
import OpsCore

/// The Storage API calls opsctl makes for buckets (docs/services/supabase.md, "Storage buckets"),
/// over the shared client. Refusals come back as `SupabaseStorageError`; transport failures,
/// throttling and 5xx stay the client's `HTTPClientError`s, retried as the client's policy says.
struct SupabaseStorageAPI: Sendable {
    let client: ServiceHTTPClient
    /// Buckets asked for per listing request.
    var pageSize = 1000

    /// Statuses Storage and its gateway use for refusals; they are decoded here rather than
    /// thrown as bare statuses by the client. 429 and 5xx are left to the client's retries.
    static let refusalStatuses: Set<Int> = [400, 401, 403, 404, 409, 413, 415, 422, 423]

    init(client: ServiceHTTPClient, pageSize: Int = 1000) {
        self.client = client
        self.pageSize = max(1, pageSize)
    }

    /// Every bucket, by `limit`/`offset` pages. Servers that predate paging ignore both and
    /// send everything at once, so a page adding no new id ends the listing too.
    func listBuckets() async throws -> [StorageBucketSnapshot] {
        var buckets: [StorageBucketSnapshot] = []
        var seen: Set<String> = []
        var offset = 0
        while true {
            let target = "/bucket?limit=\(pageSize)&offset=\(offset)&sortColumn=id&sortOrder=asc"
            let page = try await send(.get(target), operation: "listing buckets", bucket: nil)
                .decodeJSON([StorageBucketBody].self)
            let fresh = page.map(StorageBucketSnapshot.init).filter { seen.insert($0.id).inserted }
            buckets += fresh
            if page.count < pageSize || fresh.isEmpty { return buckets }
            offset += page.count
        }
    }

    /// One bucket by id, or nil when Storage has none.
    func bucket(id: String) async throws -> StorageBucketSnapshot? {
        do {
            return StorageBucketSnapshot(
                try await send(.get("/bucket/\(PathSegment.encode(id))"), operation: "reading the bucket '\(id)'", bucket: id)
                    .decodeJSON(StorageBucketBody.self))
        } catch SupabaseStorageError.bucketNotFound {
            return nil
        }
    }

    /// `POST /bucket` → 200 `{"name"}`.
    func createBucket(_ bucket: StorageBucketSnapshot) async throws {
        _ = try await send(.json("POST", "/bucket", body: bucket.createBody), operation: "creating the bucket '\(bucket.name)'", bucket: bucket.name)
    }

    /// `PUT /bucket/{id}` → 200 `{"message":"Successfully updated"}`.
    func updateBucket(_ bucket: StorageBucketSnapshot) async throws {
        var request = ServiceRequest.json("PUT", "/bucket/\(PathSegment.encode(bucket.id))", body: bucket.updateBody)
        // The PUT sets all three settings to fixed values, so repeating it after a lost response is safe.
        request.idempotency = .idempotent
        _ = try await send(request, operation: "updating the bucket '\(bucket.name)'", bucket: bucket.name)
    }

    /// Sends a request and turns Storage's refusals into `SupabaseStorageError`.
    private func send(_ request: ServiceRequest, operation: String, bucket: String?) async throws -> ServiceResponse {
        var request = request
        request.acceptedStatuses = Self.refusalStatuses
        let response = try await client.send(request)
        guard !response.isSuccess else { return response }
        let body = try? JSONDecoder().decode(StorageErrorBody.self, from: Data(response.body))
        throw SupabaseStorageError.from(body, httpStatus: response.status, operation: operation, bucket: bucket, redactor: client.redactor)
    }
}
