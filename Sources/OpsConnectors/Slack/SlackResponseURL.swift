import Foundation
import OpsCore

/// Answers an interaction through the `response_url` Slack gave with it (docs/services/slack.md,
/// "Approvals"): a JSON `POST` that needs no token, so none is sent, through the shared client.
package enum SlackResponseURL {
    package static func post(_ body: JSONValue, to url: String, context: ConnectorContext) async throws {
        guard let target = URL(string: url), target.scheme == "https" || target.scheme == "http" else {
            throw HTTPClientError.invalidURL(service: "Slack response_url", target: url)
        }
        var configuration = ServiceHTTPConfiguration.slack(baseURL: target, token: nil, maxConcurrentRequests: 1)
        configuration.service = "Slack response_url"
        let client = ServiceHTTPClient(configuration: configuration, redactor: context.redactor)
        var request = ServiceRequest.json("POST", url, body: body, headers: HTTPHeaders([("Content-Type", "application/json; charset=utf-8")]))
        request.idempotency = .notIdempotent
        _ = try await client.send(request)
    }
}
