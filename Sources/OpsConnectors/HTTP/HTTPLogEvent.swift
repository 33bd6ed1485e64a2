import OpsCore

/// What the client reports to an observer (a `--verbose` log, a trace file). Everything in
/// an event has been through the redactor, so observers can print it as it is.
package enum HTTPLogEvent: Sendable, Hashable {
    /// An attempt about to be sent: method, redacted target, redacted headers.
    case request(HTTPRequestContext, attempt: Int, headers: HTTPHeaders)
    /// A response to an attempt, with redacted headers and the redacted body as text.
    case response(HTTPRequestContext, attempt: Int, status: Int, headers: HTTPHeaders, body: String, elapsed: Duration)
    /// A retry about to wait.
    case retry(HTTPRequestContext, attempt: Int, wait: Duration, reason: RetryReason)
    /// The request failed for good.
    case failure(HTTPClientError)
}

/// What an error or log line says about the request it concerns; every field is already
/// redacted, so it can be printed as it is.
package struct HTTPRequestContext: Sendable, Hashable {
    package var service: String
    package var method: String
    /// Path relative to the service's base URL, without the query (`/repos/acme/app/labels`).
    package var path: String
    /// Path with the query, for detail views.
    package var target: String

    package init(service: String, method: String, path: String, target: String) {
        self.service = service
        self.method = method
        self.path = path
        self.target = target
    }

    /// "GitHub GET /repos/acme/app/labels"
    package var summary: String { "\(service) \(method) \(path)" }
}
