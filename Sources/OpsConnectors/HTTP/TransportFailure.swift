/// Why an attempt produced no HTTP response at all.
public enum TransportFailure: Error, Sendable, Hashable {
    /// Nothing listened, so the request never reached a server.
    case refused
    /// The connection broke after it was opened; the server may have acted on the request.
    case reset
    /// No complete response within the attempt's timeout.
    case timedOut
    /// The caller's task was cancelled.
    case cancelled
    /// Anything else (DNS, TLS, malformed response), described for the error message.
    case other(String)

    var summary: String {
        switch self {
        case .refused: "connection refused"
        case .reset: "connection reset"
        case .timedOut: "timed out"
        case .cancelled: "cancelled"
        case .other(let reason): reason
        }
    }
}
