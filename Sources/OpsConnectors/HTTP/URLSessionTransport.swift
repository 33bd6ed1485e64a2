import Foundation
import FoundationNetworking
import OpsCore
import Synchronization

/// The production transport: ephemeral URLSessions per service (no cookies, no cache, no
/// credential storage), with every timeout set explicitly.
package final class URLSessionTransport: HTTPTransport {
    /// Pooled keep-alive connections, for bodiless requests that are safe to repeat.
    private let session: URLSession
    /// One connection per request (`Connection: close`), for everything else: its pool never
    /// holds an idle connection, so nothing can be silently re-sent on a stale one.
    private let freshSession: URLSession

    package init(timeouts: HTTPTimeouts, maxConnections: Int) {
        session = URLSession(configuration: Self.configuration(timeouts: timeouts, maxConnections: maxConnections))
        freshSession = URLSession(configuration: Self.configuration(timeouts: timeouts, maxConnections: maxConnections))
    }

    private static func configuration(timeouts: HTTPTimeouts, maxConnections: Int) -> URLSessionConfiguration {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = Self.wholeSeconds(timeouts.perAttempt)
        // Without this the session allows seven days.
        configuration.timeoutIntervalForResource = Self.wholeSeconds(timeouts.overall)
        configuration.httpMaximumConnectionsPerHost = max(1, maxConnections)
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCredentialStorage = nil
        return configuration
    }

    deinit {
        session.finishTasksAndInvalidate()
        freshSession.finishTasksAndInvalidate()
    }

    package func send(_ request: OutgoingRequest, timeout: Duration) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        // Foundation on Linux truncates this to whole seconds; the race below is the precise limit.
        urlRequest.timeoutInterval = Self.wholeSeconds(timeout)
        urlRequest.cachePolicy = .reloadIgnoringLocalCacheData
        for field in request.headers {
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name)
        }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        // Foundation on Linux re-sends a request whose pooled connection turns out dead, but
        // without its body, so the server waits for bytes that never come; requests with a
        // body therefore never ride a pooled connection either.
        let pooled = request.mayReuseConnection && request.body.isEmpty
        if !pooled { urlRequest.setValue("close", forHTTPHeaderField: "Connection") }
        let session = pooled ? session : freshSession

        // A hard per-attempt limit: URLSession's timers reset on activity, so a server that
        // trickles bytes could otherwise hold an attempt open indefinitely.
        let prepared = urlRequest
        return try await withThrowingTaskGroup(of: HTTPResponse?.self) { group in
            group.addTask { try await Self.perform(prepared, on: session, origin: request.url) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else {
                if Task.isCancelled { throw CancellationError() }
                throw TransportFailure.timedOut
            }
            return response
        }
    }

    private static func perform(_ request: URLRequest, on session: URLSession, origin: URL) async throws -> HTTPResponse {
        let handle = TaskHandle()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                let task = session.dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: Self.failure(from: error))
                        return
                    }
                    guard let http = response as? HTTPURLResponse else {
                        continuation.resume(throwing: TransportFailure.other("the response was not HTTP"))
                        return
                    }
                    continuation.resume(returning: Self.response(from: http, body: data))
                }
                task.delegate = RedirectGuard(origin: origin)
                handle.start(task)
            }
        } onCancel: {
            handle.cancel()
        }
    }

    static func response(from http: HTTPURLResponse, body: Data?) -> HTTPResponse {
        var headers = HTTPHeaders()
        for (name, value) in http.allHeaderFields {
            headers.add(String(describing: name), String(describing: value))
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: body.map { Array($0) } ?? [])
    }

    static func failure(from error: any Error) -> any Error {
        guard let urlError = error as? URLError else {
            return TransportFailure.other(String(describing: error))
        }
        switch urlError.code {
        case .cancelled:
            return Task.isCancelled ? CancellationError() : TransportFailure.cancelled
        case .cannotConnectToHost:
            return TransportFailure.refused
        case .networkConnectionLost, .badServerResponse, .zeroByteResource:
            // Curl reports a peer that closed or reset mid-exchange as one of these.
            return TransportFailure.reset
        case .timedOut:
            return TransportFailure.timedOut
        case .cannotFindHost, .dnsLookupFailed:
            return TransportFailure.other("host not found")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return TransportFailure.other("TLS failure")
        default:
            return TransportFailure.other(urlError.localizedDescription)
        }
    }

    private static func wholeSeconds(_ duration: Duration) -> TimeInterval {
        // Rounded up and padded so the session's own timer never fires before ours.
        (duration.seconds + 1).rounded(.up)
    }
}

/// Holds the URLSession task so the cancellation handler, which may run before the task
/// exists or after it finished, can reach it safely.
private final class TaskHandle: Sendable {
    private struct State {
        var task: URLSessionDataTask?
        var cancelled = false
    }

    private let state = Mutex(State())

    func start(_ task: URLSessionDataTask) {
        let cancelled = state.withLock { state in
            state.task = task
            return state.cancelled
        }
        if cancelled { task.cancel() } else { task.resume() }
    }

    func cancel() {
        let task = state.withLock { state in
            state.cancelled = true
            return state.task
        }
        task?.cancel()
    }
}

/// Follows redirects within the service's origin only. Foundation otherwise re-sends every
/// header, `Authorization` included, to whatever host a `Location` names.
private final class RedirectGuard: NSObject, URLSessionTaskDelegate, Sendable {
    private let origin: URL

    init(origin: URL) {
        self.origin = origin
    }

    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        let sameOrigin = request.url.map { ServiceOrigin(url: $0) == ServiceOrigin(url: origin) } ?? false
        completionHandler(sameOrigin ? request : nil)
    }
}
