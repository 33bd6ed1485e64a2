/// Supabase Storage's JSON shapes (docs/services/supabase.md, "Storage buckets"), as far as opsctl
/// reads them.
struct StorageBucketBody: Decodable, Sendable {
    var id: String
    var name: String?
    var `public`: Bool?
    var file_size_limit: Int?
    var allowed_mime_types: [String]?
}

/// The error envelope: `{"statusCode": "404", "code": "NoSuchBucket", "error": "Bucket not found",
/// "message": "Bucket not found"}`, usually under HTTP 400. `statusCode` is a string in
/// current servers and a number in old ones and in some gateway answers, so both are read.
struct StorageErrorBody: Decodable, Sendable {
    var statusCode: String?
    var code: String?
    var error: String?
    var message: String?

    private enum CodingKeys: String, CodingKey {
        case statusCode, code, error, message
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let text = try? container.decodeIfPresent(String.self, forKey: .statusCode) {
            statusCode = text
        } else if let number = try? container.decodeIfPresent(Int.self, forKey: .statusCode) {
            statusCode = String(number)
        }
        code = try? container.decodeIfPresent(String.self, forKey: .code)
        error = try? container.decodeIfPresent(String.self, forKey: .error)
        message = try? container.decodeIfPresent(String.self, forKey: .message)
    }
}
