import Foundation
import OpsCore

/// AWS STS, `AssumeRoleWithWebIdentity` only (docs/services/ssm.md, "GitHub Actions without
/// keys"): the query protocol, a form-encoded POST answered in XML. The call is not signed;
/// the web-identity token is the credential.
package struct STSClient: Sendable {
    let client: ServiceHTTPClient
    let redactor: Redactor

    package init(baseURL: URL, redactor: Redactor, observer: (@Sendable (HTTPLogEvent) -> Void)? = nil) {
        client = ServiceHTTPClient(
            configuration: ServiceHTTPConfiguration(
                service: "AWS STS", baseURL: baseURL, defaultHeaders: HTTPHeaders([("Accept", "text/xml")]), maxConcurrentRequests: 1),
            redactor: redactor, observer: observer)
        self.redactor = redactor
    }

    package func assumeRoleWithWebIdentity(roleARN: String, sessionName: String, webIdentityToken: String, durationSeconds: Int = 3600)
        async throws(AWSCredentialError) -> AWSTemporaryCredentials
    {
        redactor.register(secret: webIdentityToken)
        let form = [
            ("Action", "AssumeRoleWithWebIdentity"), ("Version", "2011-06-15"), ("RoleArn", roleARN),
            ("RoleSessionName", sessionName), ("WebIdentityToken", webIdentityToken), ("DurationSeconds", String(durationSeconds)),
        ].map { "\(PercentEncoding.encode($0.0))=\(PercentEncoding.encode($0.1))" }.joined(separator: "&")
        let request = ServiceRequest(
            method: "POST", target: "/", headers: HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]),
            body: Array(form.utf8), idempotency: .idempotent, acceptedStatuses: [400, 403])
        let response: ServiceResponse
        do {
            response = try await client.send(request)
        } catch let error as HTTPClientError {
            throw failure(roleARN, error.message, hint: error.hint)
        } catch {
            throw failure(roleARN, redactor.redact(String(describing: error)), hint: nil)
        }
        let document = String(decoding: response.body, as: UTF8.self)
        // Registered first: nothing below may quote a credential the redactor does not know.
        for element in ["SecretAccessKey", "SessionToken"] {
            if let secret = STSXML.text(of: element, in: document) { redactor.register(secret: secret) }
        }
        guard response.isSuccess else {
            let code = STSXML.text(of: "Code", in: document) ?? "HTTP \(response.status)"
            let message = STSXML.text(of: "Message", in: document).map { ": " + redactor.redact($0) } ?? ""
            throw failure(roleARN, "\(code)\(message)", hint: Self.hint(code: code))
        }
        guard let accessKey = STSXML.text(of: "AccessKeyId", in: document), let secret = STSXML.text(of: "SecretAccessKey", in: document),
            let token = STSXML.text(of: "SessionToken", in: document)
        else {
            throw failure(roleARN, "the answer has no Credentials (AccessKeyId, SecretAccessKey and SessionToken)", hint: nil)
        }
        let expiration = STSXML.text(of: "Expiration", in: document).flatMap(Self.parseDate)
        return AWSTemporaryCredentials(
            credentials: SigV4.Credentials(accessKeyID: accessKey, secretAccessKey: secret, sessionToken: token), expiration: expiration)
    }

    /// `reason` arrives redacted: redacting the whole sentence again would take a leading
    /// `InvalidIdentityToken: ` for a credential header and mask the message after it.
    private func failure(_ roleARN: String, _ reason: String, hint: String?) -> AWSCredentialError {
        AWSCredentialError(
            message: "AWS STS AssumeRoleWithWebIdentity for \(roleARN) failed: \(reason)",
            hint: hint ?? "check AWS_ROLE_ARN and the role's trust policy")
    }

    static func hint(code: String) -> String {
        switch code {
        case "InvalidIdentityToken", "IDPRejectedClaim":
            "the role's trust policy must trust token.actions.githubusercontent.com for audience sts.amazonaws.com and this repository's `sub`"
        case "AccessDenied", "AccessDeniedException":
            "the role's trust policy does not let this workflow assume it; check its conditions on `token.actions.githubusercontent.com:sub`"
        case "ExpiredTokenException":
            "the job's OIDC token expired before it was exchanged; re-run the job"
        case "ValidationError":
            "check AWS_ROLE_ARN: it must look like arn:aws:iam::123456789012:role/NAME"
        default:
            "check AWS_ROLE_ARN and the role's trust policy"
        }
    }

    /// `2026-12-01T19:00:00Z`, with or without fractional seconds.
    static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
