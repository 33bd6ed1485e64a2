internal import CCurl
import Foundation
import OpsCore
import Synchronization

/// The production transport: libcurl's multi interface, one request per handle pair, each
/// waited on in `curl_multi_poll` on a thread of its own while it runs (`WaitingThreads`).
///
/// Not URLSession: on Linux, Foundation's URLSession keeps a dispatch write source armed on a
/// socket whose request was sent, so while it waits for a peer that never answers, its libcurl
/// loop wakes for EPOLLOUT without pause and burns 75–85% of a core for the whole deadline.
/// `curl_multi_poll` sleeps in the kernel until the socket is readable, a timer of curl's is due,
/// or `curl_multi_wakeup` says the task was cancelled.
///
/// Requests that are safe to repeat and carry no body reuse idle handles, whose multi handle
/// keeps the connection alive; all others get a handle of their own that forbids reuse, so a
/// mutation is never silently re-sent on a connection the server closed.
package final class CurlTransport: HTTPTransport {
    /// Redirects are followed by hand, within the service's origin only, so that headers with
    /// credentials never travel to a host a `Location` names.
    static let maximumRedirects = 5

    private let idleLanes = Mutex<[CurlLane]>([])
    private let maximumIdleLanes: Int

    package init(maxConnections: Int) {
        LibCurl.preload()
        maximumIdleLanes = max(1, maxConnections)
    }

    package func whenReady(_ job: @escaping @Sendable () -> Void) {
        LibCurl.whenLoaded(job)
    }

    package func send(_ request: OutgoingRequest, timeout: Duration) async throws -> HTTPResponse {
        let deadline = ContinuousClock.now + timeout
        var current = request
        var redirects = 0
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw TransportFailure.timedOut }
            let response = try await sendOnce(current, timeout: remaining)
            guard redirects < Self.maximumRedirects, let next = Self.redirect(current, after: response) else {
                return response
            }
            current = next
            redirects += 1
        }
    }

    /// The request a same-origin redirect asks for, or nil to hand the 3xx back as it is.
    static func redirect(_ request: OutgoingRequest, after response: HTTPResponse) -> OutgoingRequest? {
        guard [301, 302, 303, 307, 308].contains(response.status), let location = response.headers["Location"],
            let target = URL(string: location, relativeTo: request.url)?.absoluteURL,
            ServiceOrigin(url: target) == ServiceOrigin(url: request.url)
        else { return nil }
        var next = request
        next.url = target
        // As browsers and Foundation do: 303, and a POST answered 301 or 302, become a GET.
        if response.status == 303 || (request.method == "POST" && (response.status == 301 || response.status == 302)) {
            next.method = "GET"
            next.body = []
            next.headers.remove("Content-Type")
            next.headers.remove("Content-Length")
        }
        return next
    }

    private func sendOnce(_ request: OutgoingRequest, timeout: Duration) async throws -> HTTPResponse {
        // libcurl sends header text as given: a line break would split it into a second header.
        // Credentials are checked where they are read; this guards every other header. Only
        // the name is reported: the value may be a secret.
        for field in request.headers
        where (field.name + field.value).utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x00 }) {
            throw TransportFailure.other("the \(field.name) header holds a line break, which HTTP cannot carry")
        }
        let pooled = request.mayReuseConnection && request.body.isEmpty
        await LibCurl.loadedWithoutBlocking()
        let lane = try (pooled ? idleLanes.withLock { $0.popLast() } : nil) ?? CurlLane()
        let exchange = CurlExchange(request: request, timeout: timeout, reuseConnection: pooled, lane: lane)
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<CurlOutcome, Never>) in
                // A thread of its own (the wait blocks, and the cooperative pool has one thread per
                // core), one that waits between exchanges: a new one starts late when the
                // processors are busy (`WaitingThreads`).
                WaitingThreads.shared.run { continuation.resume(returning: exchange.perform()) }
            }
        } onCancel: {
            exchange.cancel()
        }
        switch outcome {
        case .response(let response):
            if pooled, !exchange.isCancelled { keepIdle(lane) }
            return response
        case .failure(let failure):
            throw failure
        case .cancelled:
            if Task.isCancelled { throw CancellationError() }
            throw TransportFailure.cancelled
        }
    }

    private func keepIdle(_ lane: CurlLane) {
        idleLanes.withLock { lanes in
            if lanes.count < maximumIdleLanes { lanes.append(lane) }
        }
    }
}

enum CurlOutcome: Sendable {
    case response(HTTPResponse)
    case failure(TransportFailure)
    case cancelled
}

/// A multi handle with one easy handle: the unit that owns a connection. Used by one exchange
/// at a time (the transport hands it out from its idle list or makes a new one); only
/// `wakeUp` is called from other threads, and libcurl allows that.
final class CurlLane: @unchecked Sendable {
    let curl: LibCurl
    let multi: UnsafeMutableRawPointer
    let easy: UnsafeMutableRawPointer

    init() throws(TransportFailure) {
        switch LibCurl.load() {
        case .success(let library): curl = library
        case .failure(let error): throw .libraryUnavailable(error)
        }
        guard let multi = curl.api.multi_init() else { throw TransportFailure.other("libcurl could not start") }
        guard let easy = curl.api.easy_init() else {
            _ = curl.api.multi_cleanup(multi)
            throw TransportFailure.other("libcurl could not start")
        }
        self.multi = multi
        self.easy = easy
    }

    deinit {
        curl.api.easy_cleanup(easy)
        _ = curl.api.multi_cleanup(multi)
    }

    func wakeUp() {
        _ = curl.api.multi_wakeup(multi)
    }
}

/// One attempt on one lane: sets the handle up, runs the transfer to its end, and collects the
/// response. `perform` runs on the exchange's own thread; `cancel` on any.
final class CurlExchange: @unchecked Sendable {
    private let request: OutgoingRequest
    private let timeout: Duration
    private let reuseConnection: Bool
    private let lane: CurlLane
    private let cancelled = Atomic<Bool>(false)

    /// Filled by libcurl's callbacks on the exchange's thread.
    private var status = 0
    private var headers = HTTPHeaders()
    private var body: [UInt8] = []

    init(request: OutgoingRequest, timeout: Duration, reuseConnection: Bool, lane: CurlLane) {
        self.request = request
        self.timeout = timeout
        self.reuseConnection = reuseConnection
        self.lane = lane
    }

    var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

    func cancel() {
        cancelled.store(true, ordering: .releasing)
        lane.wakeUp()
    }

    func perform() -> CurlOutcome {
        let easy = lane.easy
        let multi = lane.multi
        let curl = lane.curl
        curl.api.easy_reset(easy)
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl.api.slist_free_all(headerList) }
        configure(easy, headerList: &headerList)

        guard curl.api.multi_add_handle(multi, easy) == CURLM_OK else { return .failure(.other("libcurl refused the request")) }
        defer { _ = curl.api.multi_remove_handle(multi, easy) }
        var running: Int32 = 1
        while running > 0 {
            if isCancelled { return .cancelled }
            guard curl.api.multi_perform(multi, &running) == CURLM_OK else { return .failure(.other("libcurl failed")) }
            if running == 0 { break }
            // Sleeps until the socket is ready, a curl timer is due, or `cancel` wakes it.
            _ = curl.api.multi_poll(multi, nil, 0, 1000, nil)
        }
        if isCancelled { return .cancelled }

        var result = CURLE_OK
        var remaining: Int32 = 0
        while let message = curl.api.multi_info_read(multi, &remaining) {
            if message.pointee.msg == CURLMSG_DONE { result = message.pointee.data.result }
        }
        guard result == CURLE_OK else { return .failure(Self.failure(result, curl: curl)) }
        var code = 0
        _ = opsctl_curl_get_long(curl.table, easy, CURLINFO_RESPONSE_CODE, &code)
        return .response(HTTPResponse(status: code, headers: headers, body: body))
    }

    private func configure(_ easy: UnsafeMutableRawPointer, headerList: inout UnsafeMutablePointer<curl_slist>?) {
        let curl = lane.curl
        let table = curl.table
        _ = opsctl_curl_set_string(table, easy, CURLOPT_URL, request.url.absoluteString)
        _ = opsctl_curl_set_long(table, easy, CURLOPT_NOSIGNAL, 1)
        _ = opsctl_curl_set_string(table, easy, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = opsctl_curl_set_long(table, easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1))
        // A hard limit on the whole attempt, which activity does not extend: a server that
        // trickles bytes cannot hold it open.
        let milliseconds = max(1, Int((timeout.seconds * 1000).rounded(.up)))
        _ = opsctl_curl_set_long(table, easy, CURLOPT_TIMEOUT_MS, milliseconds)
        _ = opsctl_curl_set_long(table, easy, CURLOPT_CONNECTTIMEOUT_MS, milliseconds)
        // Decompressed as URLSession did; the service's Content-Encoding header stays.
        _ = opsctl_curl_set_string(table, easy, CURLOPT_ACCEPT_ENCODING, "")
        if !reuseConnection {
            _ = opsctl_curl_set_long(table, easy, CURLOPT_FRESH_CONNECT, 1)
            _ = opsctl_curl_set_long(table, easy, CURLOPT_FORBID_REUSE, 1)
        }

        switch request.method {
        case "GET":
            _ = opsctl_curl_set_long(table, easy, CURLOPT_HTTPGET, 1)
        case "HEAD":
            _ = opsctl_curl_set_long(table, easy, CURLOPT_NOBODY, 1)
        default:
            _ = opsctl_curl_set_string(table, easy, CURLOPT_CUSTOMREQUEST, request.method)
        }
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" || request.method == "PATCH" {
            _ = opsctl_curl_set_offset(table, easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count))
            if request.body.isEmpty {
                _ = opsctl_curl_set_string(table, easy, CURLOPT_COPYPOSTFIELDS, "")
            } else {
                request.body.withUnsafeBytes { bytes in
                    // Copied by libcurl, so the bytes need not outlive this call.
                    _ = opsctl_curl_set_pointer(table, easy, CURLOPT_COPYPOSTFIELDS, bytes.baseAddress)
                }
            }
        }

        var list: UnsafeMutablePointer<curl_slist>?
        for field in request.headers {
            // `Name;` is libcurl's spelling of a header with an empty value.
            list = curl.api.slist_append(list, field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        if !reuseConnection { list = curl.api.slist_append(list, "Connection: close") }
        // No `Expect: 100-continue` round trip before a body.
        list = curl.api.slist_append(list, "Expect:")
        headerList = list
        _ = opsctl_curl_set_pointer(table, easy, CURLOPT_HTTPHEADER, list)

        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = opsctl_curl_set_data_callback(table, easy, CURLOPT_HEADERFUNCTION, curlHeaderLine)
        _ = opsctl_curl_set_pointer(table, easy, CURLOPT_HEADERDATA, context)
        _ = opsctl_curl_set_data_callback(table, easy, CURLOPT_WRITEFUNCTION, curlBodyBytes)
        _ = opsctl_curl_set_pointer(table, easy, CURLOPT_WRITEDATA, context)
    }

    /// Read as bytes (`HTTPFieldLine`): Foundation's `trimmingCharacters` cost more than the
    /// rest of a response's handling.
    fileprivate func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        if bytes.starts(with: "HTTP/".utf8) {
            // A new response begins (after a `100 Continue`, say): only the last one counts.
            headers = HTTPHeaders()
            return
        }
        guard let field = HTTPFieldLine(bytes) else { return }
        headers.add(field.name, field.value)
        // The body's buffer made once at its announced length (a start, when the body comes
        // compressed): grown by doubling, a listing of megabytes was copied into fresh memory
        // several times, a page fault per 4 KiB (docs/performance.md). Capped, so an announced
        // length reserves no more than a body opsctl reads could plausibly need.
        if body.isEmpty, HTTPHeaders.sameName(field.name, "Content-Length"), let length = Int(field.value), length > 0 {
            body.reserveCapacity(min(length, Self.largestReservation))
        }
    }

    private static let largestReservation = 64 << 20

    fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) {
        body.append(contentsOf: bytes)
    }

    static func failure(_ code: CURLcode, curl: LibCurl) -> TransportFailure {
        switch code {
        case CURLE_COULDNT_CONNECT:
            return .refused
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE:
            return .reset
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .other("host not found")
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return .other("TLS failure")
        default:
            return .other(curl.api.easy_strerror(code).map { String(cString: $0) } ?? "libcurl error \(code.rawValue)")
        }
    }
}

private func curlHeaderLine(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?)
    -> Int
{
    guard let data, let context else { return 0 }
    let exchange = Unmanaged<CurlExchange>.fromOpaque(context).takeUnretainedValue()
    exchange.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
    return size * count
}

private func curlBodyBytes(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?)
    -> Int
{
    guard let data, let context else { return 0 }
    let exchange = Unmanaged<CurlExchange>.fromOpaque(context).takeUnretainedValue()
    exchange.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
    return size * count
}
