import OpsCore

/// Every way a service request can fail, with enough context to say what happened in one
/// sentence. All strings inside are redacted before they are stored.
package enum HTTPClientError: DiagnosticError, Hashable {
    /// A status the caller does not accept, after the retries it allowed.
    case status(HTTPRequestContext, status: Int, attempts: Int, message: String?)
    /// The service asked for a wait longer than the deadline leaves.
    /// `status` is nil when the wait was imposed by another request's rate-limit response.
    case rateLimited(HTTPRequestContext, status: Int?, attempts: Int, wait: Duration, deadline: Duration, message: String?)
    /// No response within the deadline.
    case timedOut(HTTPRequestContext, after: Duration, attempts: Int)
    /// No response at all: refused, reset, DNS or TLS failure.
    case connection(HTTPRequestContext, TransportFailure, attempts: Int)
    /// A response whose body is not what the caller expected (HTML where JSON was due, ...).
    case undecodableBody(HTTPRequestContext, status: Int, reason: String)
    /// The base URL and target do not form a URL.
    case invalidURL(service: String, target: String)
    /// A link or target pointing at another origin; following it would leak credentials.
    case foreignURL(HTTPRequestContext, origin: String)
    /// The authorizer could not produce credentials (e.g. signing failed).
    case authorization(HTTPRequestContext, reason: String)
    /// Pagination that does not end: a repeated link, or more pages than allowed.
    case pagination(HTTPRequestContext, reason: String)

    package var diagnostic: Diagnostic {
        Diagnostic(severity: .error, message: message, hint: hint)
    }

    package var message: String {
        switch self {
        case .status(let context, let status, let attempts, let message):
            "\(context.summary) failed with \(status)\(Self.after(attempts))\(Self.quoted(message))"
        case .rateLimited(let context, let status, let attempts, let wait, let deadline, let message):
            "\(context.summary) was rate limited\(status.map { " (\($0))" } ?? "")\(Self.after(attempts)); the service asks to wait "
                + "\(wait.humanReadable), longer than the \(deadline.humanReadable) deadline allows\(Self.quoted(message))"
        case .timedOut(let context, let after, let attempts):
            "\(context.summary) timed out after \(after.humanReadable)\(attempts > 1 ? " (\(attempts) attempts)" : "")"
        case .connection(let context, let failure, let attempts):
            "\(context.summary) failed: \(failure.summary)\(Self.after(attempts))"
        case .undecodableBody(let context, let status, let reason):
            "\(context.summary) returned \(status) with an unreadable body: \(reason)"
        case .invalidURL(let service, let target):
            "\(service): cannot form a URL from \(target)"
        case .foreignURL(let context, let origin):
            "\(context.summary) points at another origin (\(origin)); not following it"
        case .authorization(let context, let reason):
            "\(context.summary) could not be authorized: \(reason)"
        case .pagination(let context, let reason):
            "\(context.summary) pagination stopped: \(reason)"
        }
    }

    package var hint: String {
        switch self {
        case .status(let context, let status, _, _):
            switch status {
            case 401: "check the \(context.service) credentials: the token may be missing, expired or revoked"
            case 403: "the \(context.service) credentials lack permission for this request"
            case 404: "check the names in desired-state.yaml; a token without access also gets 404"
            case 409, 412, 422: "\(context.service) rejected the change; its message above says why"
            case 429: "\(context.service) is rate limiting; re-run later or lower the concurrency"
            case 500...599: "the service may be down; re-run later"
            default: "see the service's message above"
            }
        case .rateLimited(let context, _, _, _, _, _):
            "wait for the \(context.service) rate limit to reset and re-run"
        case .timedOut:
            "the service is slow or unreachable; re-run later"
        case .connection(let context, let failure, _):
            switch failure {
            case .refused, .other("host not found"):
                "check that \(context.service)'s base URL (or OPSCTL_SANDBOX_URL) is right and the service is reachable"
            case .libraryUnavailable(let error):
                error.hint
            default:
                "the connection to \(context.service) is unreliable; re-run later"
            }
        case .undecodableBody:
            "check that the base URL points at the service's API and not at a web page or proxy"
        case .invalidURL(let service, _):
            "check \(service)'s base URL override"
        case .foreignURL:
            "the service returned a link to a different host; report this if it persists"
        case .authorization:
            "check the credentials' format"
        case .pagination:
            "the service's pagination did not terminate; report this if it persists"
        }
    }

    private static func after(_ attempts: Int) -> String {
        attempts > 1 ? " after \(attempts) attempts" : ""
    }

    private static func quoted(_ message: String?) -> String {
        message.map { ": \($0)" } ?? ""
    }
}

extension HTTPClientError: CustomStringConvertible {
    package var description: String { message }
}

extension Duration {
    /// "10 s", "1.5 s", "250 ms": short enough for one-sentence errors.
    package var humanReadable: String {
        let value = seconds
        if value < 1 { return "\(Int((value * 1000).rounded())) ms" }
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths)) s" : "\(tenths) s"
    }
}
