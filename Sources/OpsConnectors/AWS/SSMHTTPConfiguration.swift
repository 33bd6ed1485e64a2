import Foundation
import OpsCore

extension ServiceHTTPConfiguration {
    /// AWS SSM Parameter Store (docs/services/ssm.md): JSON 1.1, every operation a
    /// `POST /` named by `X-Amz-Target`, signed with SigV4 per attempt; throttling is a 400
    /// `ThrottlingException`. SSM's default throughput for the
    /// GetParameter* family is modest, so few requests run at once.
    package static func ssm(baseURL: URL, authorizer: RequestAuthorizer, maxConcurrentRequests: Int = 3) -> ServiceHTTPConfiguration {
        ServiceHTTPConfiguration(
            service: "AWS SSM",
            baseURL: baseURL,
            defaultHeaders: HTTPHeaders([("Accept", "application/json")]),
            authorizer: authorizer,
            maxConcurrentRequests: maxConcurrentRequests,
            // Every SSM call is a POST, reads included: serialising "mutations" would serialise everything.
            serialMutations: false,
            rateLimits: .ssm
        )
    }
}
