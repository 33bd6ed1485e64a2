import Foundation
import OpsCore

/// Throttling signals that live in response bodies rather than headers.
enum VendorRateLimitBody {
    /// Vercel's 429 carries `{"error":{"limit":{"reset": <epoch s>, "resetMs": <epoch ms>}}}`.
    static func resetDelay(_ body: [UInt8], now: Date) -> Duration? {
        guard let object = JSONObject.parse(body),
            let error = object["error"] as? [String: Any],
            let limit = error["limit"] as? [String: Any]
        else { return nil }
        if let resetMs = (limit["resetMs"] as? NSNumber)?.doubleValue {
            return .seconds(double: resetMs / 1000 - now.timeIntervalSince1970)
        }
        if let reset = (limit["reset"] as? NSNumber)?.doubleValue {
            return .seconds(double: reset - now.timeIntervalSince1970)
        }
        return nil
    }

    /// SSM and other AWS JSON 1.1 services: `ThrottlingException` in `x-amzn-ErrorType` or `__type`.
    static func isAWSThrottling(headers: HTTPHeaders, body: [UInt8]) -> Bool {
        let type = headers["x-amzn-ErrorType"] ?? (JSONObject.parse(body)?["__type"] as? String) ?? ""
        let code = AWSErrorCode.normalize(type)
        return code == "ThrottlingException" || code == "Throttling" || code == "TooManyRequestsException"
            || code == "RequestLimitExceeded"
    }
}
