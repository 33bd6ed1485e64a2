import Foundation
import OpsCore

/// Answers in AWS's JSON 1.1 protocol: `Content-Type: application/x-amz-json-1.1`, an
/// `x-amzn-RequestId` on every answer, and errors as `{"__type": ..., "message": ...}`.
/// Request-layer errors also carry `x-amzn-ErrorType` with AWS's `:`-suffix, as AWS sends it.
package enum AWSJSONResponse {
    package static let contentType = "application/x-amz-json-1.1"

    package static func success(_ body: String) -> HTTPResponse {
        HTTPResponse(status: 200, headers: headers(), body: Array(body.utf8))
    }

    package static func success(_ value: JSONValue) -> HTTPResponse {
        success(JSONWriter.canonical(value))
    }

    package static func error(_ refusal: AWSRefusal) -> HTTPResponse {
        var headers = headers()
        if refusal.namespaced {
            headers.set("x-amzn-ErrorType", "\(refusal.code):http://internal.amazon.com/coral/com.amazon.coral.service/")
        }
        let body: JSONValue = ["__type": .string(refusal.qualifiedCode), "message": .string(refusal.message)]
        return HTTPResponse(status: refusal.status, headers: headers, body: JSONWriter.canonicalBytes(body))
    }

    private static func headers() -> HTTPHeaders {
        HTTPHeaders([("Content-Type", contentType), ("x-amzn-RequestId", UUID().uuidString.lowercased())])
    }
}
