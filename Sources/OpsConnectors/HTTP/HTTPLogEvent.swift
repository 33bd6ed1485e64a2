import OpsCore

/// What the client reports to an observer (a `--verbose` log, a trace file). Everything in
/// an event has been through the redactor, so observers can print it as it is.
public enum HTTPLogEvent: Sendable, Hashable {
    /// An attempt about to be sent: method, redacted target, redacted headers.
    case request(HTTPRequestContext, attempt: Int, headers: HTTPHeaders)
    /// A response to an attempt, with redacted headers and the redacted body as text.
    case response(HTTPRequestContext, attempt: Int, status: Int, headers: HTTPHeaders, body: String, elapsed: Duration)
    /// A retry about to wait.
    case retry(HTTPRequestContext, attempt: Int, wait: Duration, reason: RetryReason)
    /// The request failed for good.
    case failure(HTTPClientError)
}
