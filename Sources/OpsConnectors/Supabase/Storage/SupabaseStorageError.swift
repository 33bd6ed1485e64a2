import OpsCore

/// What Supabase Storage said no to, decoded from its error envelope. Storage answers HTTP 400 for
/// nearly every refusal and puts the real status in the body's `statusCode`
/// (docs/services/supabase.md, "Storage buckets"), so the HTTP client's status-based messages would
/// say "failed with 400" for a missing bucket; these say what happened. Every string inside is
/// redacted before it is stored.
enum SupabaseStorageError: DiagnosticError, Equatable {
    /// `statusCode` "404" / `NoSuchBucket`.
    case bucketNotFound(bucket: String)
    /// `statusCode` "409" / `BucketAlreadyExists` (or `ResourceAlreadyExists`).
    case bucketAlreadyExists(bucket: String)
    /// The gateway's 401 or Storage's `AccessDenied` / `InvalidJWT`: the key is wrong.
    case accessDenied(operation: String, message: String)
    /// Any other refusal, with the envelope's logical status, code and message.
    case rejected(operation: String, statusCode: String, code: String?, message: String)

    var diagnostic: Diagnostic {
        Diagnostic(message: message, hint: hint)
    }

    var message: String {
        switch self {
        case .bucketNotFound(let bucket):
            "Supabase Storage has no bucket '\(bucket)'"
        case .bucketAlreadyExists(let bucket):
            "Supabase Storage already has a bucket '\(bucket)'"
        case .accessDenied(let operation, let message):
            "Supabase Storage refused \(operation): \(message)"
        case .rejected(let operation, let statusCode, let code, let message):
            "Supabase Storage rejected \(operation) (\(statusCode)\(code.map { " \($0)" } ?? "")): \(message)"
        }
    }

    var hint: String {
        switch self {
        case .bucketNotFound:
            "the bucket was deleted or renamed since the plan; re-run 'opsctl plan'"
        case .bucketAlreadyExists:
            "someone created the bucket since the plan; re-run 'opsctl plan' to compare it with desired-state.yaml"
        case .accessDenied:
            "check \(SupabaseStorageEndpoint.serviceRoleKeyVariable): it must be the project's service-role key, not the anon key"
        case .rejected(_, let statusCode, let code, _):
            switch (statusCode, code) {
            case ("413", _), ("422", _), (_, "EntityTooLarge"):
                "fileSizeLimit exceeds the project's global upload limit; lower it in desired-state.yaml or raise the limit in Supabase"
            case (_, "InvalidBucketName"):
                "bucket names may hold letters, digits and - _ . only"
            case ("429", _), (_, "SlowDown"):
                "Supabase Storage is overloaded; re-run later"
            default:
                "check the bucket's settings in desired-state.yaml against Supabase Storage's message"
            }
        }
    }

    /// The error for a refusal of `operation` on `bucket` (nil for listings).
    static func from(_ body: StorageErrorBody?, httpStatus: Int, operation: String, bucket: String?, redactor: Redactor)
        -> SupabaseStorageError
    {
        let statusCode = body?.statusCode ?? String(httpStatus)
        let code = body?.code
        let text = redactor.redact(body?.message ?? body?.error ?? "HTTP \(httpStatus)")
        switch (statusCode, code) {
        case ("404", "NoSuchBucket"), ("404", nil):
            if let bucket { return .bucketNotFound(bucket: bucket) }
        case ("409", "BucketAlreadyExists"), ("409", "ResourceAlreadyExists"), ("409", nil):
            if let bucket { return .bucketAlreadyExists(bucket: bucket) }
        case ("401", _), ("403", _), (_, "AccessDenied"), (_, "InvalidJWT"):
            return .accessDenied(operation: operation, message: text)
        default:
            break
        }
        return .rejected(operation: operation, statusCode: statusCode, code: code.map(redactor.redact), message: text)
    }
}
