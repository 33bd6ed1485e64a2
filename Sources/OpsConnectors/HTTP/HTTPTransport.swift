import Foundation
import OpsCore

/// One fully prepared attempt: absolute URL, final headers (defaults, caller's, credentials).
package struct OutgoingRequest: Sendable, Hashable {
    package var method: String
    package var url: URL
    package var headers: HTTPHeaders
    package var body: [UInt8]
    /// Whether the attempt may travel on a pooled keep-alive connection. Requests that are
    /// not safe to repeat need a fresh one: on a pooled connection the server closed, the
    /// HTTP stack silently re-sends the request, which would repeat a mutation behind our back.
    package var mayReuseConnection: Bool

    package init(method: String, url: URL, headers: HTTPHeaders, body: [UInt8], mayReuseConnection: Bool = true) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.mayReuseConnection = mayReuseConnection
    }
}

/// Moves one attempt over the wire. The client's retry, deadline and gating logic sits above
/// this seam; `CurlTransport` is the one implementation used outside tests.
package protocol HTTPTransport: Sendable {
    /// Sends once, with no retries. Throws `TransportFailure` when no response arrived, or
    /// `CancellationError` when the calling task is cancelled.
    func send(_ request: OutgoingRequest, timeout: Duration) async throws -> HTTPResponse
    /// Runs `job` once the transport can send without waiting for its own set-up (libcurl's
    /// load), on whatever thread finishes that set-up, or now if nothing is pending.
    func whenReady(_ job: @escaping @Sendable () -> Void)
}

extension HTTPTransport {
    package func whenReady(_ job: @escaping @Sendable () -> Void) { job() }
}

/// Why an attempt produced no HTTP response at all.
package enum TransportFailure: Error, Sendable, Hashable {
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
    /// libcurl itself could not be loaded (`SharedLibrary`): nothing was sent.
    case libraryUnavailable(SharedLibraryError)

    var summary: String {
        switch self {
        case .refused: "connection refused"
        case .reset: "connection reset"
        case .timedOut: "timed out"
        case .cancelled: "cancelled"
        case .other(let reason): reason
        case .libraryUnavailable(let error): error.message
        }
    }
}
