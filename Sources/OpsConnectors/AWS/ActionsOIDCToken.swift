import Foundation
import OpsCore

/// The GitHub Actions job's OIDC token: `GET $ACTIONS_ID_TOKEN_REQUEST_URL&audience=…` with
/// `Authorization: Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN` answers `{"value": "<JWT>"}`.
/// Both the request token and the JWT are secrets; the JWT is registered with the redactor
/// before the response is looked at any further.
package struct ActionsOIDCToken: Sendable {
    /// What AWS's STS expects in the token's `aud` claim.
    package static let stsAudience = "sts.amazonaws.com"

    let requestURL: String
    let requestToken: String
    let redactor: Redactor
    let observer: (@Sendable (HTTPLogEvent) -> Void)?

    package init(requestURL: String, requestToken: String, redactor: Redactor, observer: (@Sendable (HTTPLogEvent) -> Void)? = nil) {
        self.requestURL = requestURL
        self.requestToken = requestToken
        self.redactor = redactor
        self.observer = observer
    }

    private struct Answer: Decodable {
        var value: String
    }

    package func fetch(audience: String = ActionsOIDCToken.stsAudience) async throws(AWSCredentialError) -> String {
        let separator = requestURL.contains("?") ? "&" : "?"
        let target = requestURL + separator + "audience=" + PercentEncoding.encode(audience)
        guard let url = URL(string: target), url.scheme == "http" || url.scheme == "https" else {
            throw failure("\(AWSVariables.actionsTokenURL) is not an http(s) URL")
        }
        let client = ServiceHTTPClient(
            configuration: ServiceHTTPConfiguration(
                service: "GitHub Actions OIDC", baseURL: url, defaultHeaders: HTTPHeaders([("Accept", "application/json")]),
                authorizer: .bearer(requestToken), maxConcurrentRequests: 1, timeouts: HTTPTimeouts(perAttempt: .seconds(20), overall: .seconds(60))),
            redactor: redactor, observer: observer)
        let response: ServiceResponse
        do {
            response = try await client.send(.get(target))
        } catch let error as HTTPClientError {
            throw failure(error.message)
        } catch {
            throw failure(String(describing: error))
        }
        // Registered before decoding goes any further, so no later error can quote it.
        if let object = JSONObject.parse(response.body), let token = object["value"] as? String {
            redactor.register(secret: token)
        }
        do {
            let answer = try response.decodeJSON(Answer.self)
            guard !answer.value.isEmpty else { throw failure("the answer's value is empty") }
            return answer.value
        } catch let error as AWSCredentialError {
            throw error
        } catch {
            throw failure(redactor.redact(String(describing: error)))
        }
    }

    private func failure(_ reason: String) -> AWSCredentialError {
        AWSCredentialError(
            message: "could not get the GitHub Actions OIDC token for audience \(ActionsOIDCToken.stsAudience): \(reason)",
            hint: "the workflow job needs `permissions: id-token: write`, and opsctl must run inside that job")
    }
}
