import Foundation
import OpsCore

/// SSM throttles with HTTP 400 and the error code `ThrottlingException` ("Rate exceeded"),
/// not 429 (docs/services/ssm.md, "Errors"); the code is in `x-amzn-ErrorType` or `__type`.
struct SSMRateLimits: VendorThrottling {
    static let throttlingCodes: Set<String> = ["ThrottlingException", "Throttling", "TooManyUpdates"]

    func isThrottled(status: Int, headers: HTTPHeaders, body: [UInt8], retryAfter: Duration?) -> Bool {
        guard status == 400 else { return false }
        guard let error = AWSErrorCode.parse(headers: headers, object: JSONObject.parse(body)) else { return false }
        return Self.throttlingCodes.contains(error.code)
    }
}

extension RateLimitPolicy {
    static let ssm = RateLimitPolicy(vendor: SSMRateLimits())
}
