import OpsCore

extension SupabaseEmulator {
    /// Storage's error envelopes (`src/http/error-handler.ts`, `src/internal/errors/codes.ts`):
    /// `{"statusCode": "<logical>", "code", "error", "message"}` under HTTP 400 for every
    /// refusal that is not a 500, so clients must read the body to know what happened.
    enum StorageErrors {
        static func envelope(_ httpStatus: Int, statusCode: String, code: String?, error: String, message: String) -> HTTPResponse {
            var body: [String: JSONValue] = ["statusCode": .string(statusCode), "error": .string(error), "message": .string(message)]
            if let code { body["code"] = .string(code) }
            return .json(httpStatus, .object(body))
        }

        /// A refusal: HTTP 400 with the logical status in the body.
        static func refusal(_ statusCode: Int, code: String, error: String, message: String) -> RouteFailure {
            RouteFailure(response: envelope(400, statusCode: String(statusCode), code: code, error: error, message: message))
        }

        static func noSuchBucket() -> RouteFailure {
            refusal(404, code: "NoSuchBucket", error: "Bucket not found", message: "Bucket not found")
        }

        static func bucketAlreadyExists() -> RouteFailure {
            refusal(409, code: "BucketAlreadyExists", error: "Duplicate", message: "The resource already exists")
        }

        static func invalidBucketName() -> RouteFailure {
            refusal(400, code: "InvalidBucketName", error: "Invalid Input", message: "Bucket name invalid")
        }

        static func invalidFileSizeLimit() -> RouteFailure {
            refusal(400, code: "InvalidRequest", error: "InvalidRequest", message: "Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B")
        }

        static func fileSizeLimitTooLarge() -> RouteFailure {
            refusal(422, code: "InvalidRequest", error: "max_file_size", message: "the requested max_file_size exceed the global limit")
        }

        static func accessDenied(_ message: String) -> HTTPResponse {
            envelope(400, statusCode: "403", code: "AccessDenied", error: "Unauthorized", message: message)
        }

        /// Fastify's schema-validation answer: its own HTTP 400, no `code`.
        static func validation(_ message: String) -> RouteFailure {
            RouteFailure(response: envelope(400, statusCode: "400", code: nil, error: "Bad Request", message: message))
        }

        /// Fastify's default not-found answer, whose `statusCode` is a number.
        static func routeNotFound(_ method: String, _ path: String) -> RouteFailure {
            RouteFailure(response: .json(404, [
                "statusCode": 404, "error": "Not Found", "message": .string("Route \(method):\(path) not found"),
            ]))
        }
    }
}
