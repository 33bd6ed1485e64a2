import Foundation
import Glibc
import OpsCore
import Synchronization
import Testing

@testable import OpsConnectors

/// A loopback socket that listens and never accepts: the kernel completes the handshake and
/// takes the request into its buffer, and no answer ever comes — a hung peer.
final class SilentListener: Sendable {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(bound == 0 && listen(descriptor, 16) == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        close(descriptor)
    }

    var url: URL { URL(string: "http://127.0.0.1:\(port)/hang")! }
}

/// A loopback peer that answers one connection with fixed bytes, whatever was asked, then
/// closes it: the transport's reading of a response is tested on exactly those bytes.
final class CannedResponder: Sendable {
    let listener: SilentListener

    init(answer: String) throws {
        listener = try SilentListener()
        let descriptor = listener.descriptor
        let bytes = Array(answer.utf8)
        Thread {
            let connection = accept(descriptor, nil, nil)
            guard connection >= 0 else { return }
            defer { close(connection) }
            // Reads the request head, so the answer never races the request it answers.
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !received.ends(with: Array("\r\n\r\n".utf8)) {
                let count = read(connection, &buffer, buffer.count)
                if count <= 0 { return }
                received += buffer[..<count]
            }
            _ = bytes.withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
        }.start()
    }

    var url: URL { URL(string: "http://127.0.0.1:\(listener.port)/canned")! }
}

extension Array where Element: Equatable {
    fileprivate func ends(with suffix: [Element]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}

/// The libcurl transport: it reports refusals and timeouts as the client expects, stops at
/// once when its task is cancelled, and follows redirects only within the origin.
@Suite struct CurlTransportTests {
    /// Jobs given for after libcurl's load run in the order given, whether the load is still
    /// going on (then on the loading thread, once it is over) or not, and a job given once
    /// all have run runs at once, on the caller's thread.
    @Test func jobsWaitingForTheLoadRunInOrderAndLaterOnesAtOnce() async throws {
        let transport = CurlTransport(maxConnections: 2)
        let order = Mutex<[Int]>([])
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            transport.whenReady { order.withLock { $0.append(1) } }
            transport.whenReady {
                order.withLock { $0.append(2) }
                done.resume()
            }
        }
        #expect(order.withLock { $0 } == [1, 2])
        #expect((try? LibCurl.load().get()) != nil)
        let caller = pthread_self()
        let ranOn = Mutex<pthread_t?>(nil)
        transport.whenReady { ranOn.withLock { $0 = pthread_self() } }
        #expect(ranOn.withLock { $0 }.map { pthread_equal($0, caller) != 0 } == true)
    }

    @Test func hungPeerTimesOutAtTheAttemptLimit() async throws {
        let listener = try SilentListener()
        let transport = CurlTransport(maxConnections: 2)
        let started = ContinuousClock.now
        await #expect(throws: TransportFailure.timedOut) {
            try await transport.send(OutgoingRequest(method: "GET", url: listener.url, headers: HTTPHeaders(), body: []), timeout: .milliseconds(300))
        }
        // Not before the limit. (No upper bound: under load the awaiting task may be resumed
        // late, which says nothing about the transport.)
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .milliseconds(290), "\(elapsed)")
    }

    @Test func cancellingAHungRequestEndsIt() async throws {
        let listener = try SilentListener()
        let transport = CurlTransport(maxConnections: 2)
        let request = OutgoingRequest(method: "POST", url: listener.url, headers: HTTPHeaders(), body: Array("{}".utf8))
        let task = Task { try await transport.send(request, timeout: .seconds(120)) }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        // A wait that ignored the cancellation would end in curl's timeout instead, as
        // `TransportFailure.timedOut`, two minutes later.
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func nothingListeningIsRefused() async throws {
        let port: Int
        do {
            let listener = try SilentListener()
            port = listener.port
        }
        let transport = CurlTransport(maxConnections: 1)
        await #expect(throws: TransportFailure.refused) {
            try await transport.send(
                OutgoingRequest(method: "GET", url: URL(string: "http://127.0.0.1:\(port)/")!, headers: HTTPHeaders(), body: []),
                timeout: .seconds(10))
        }
    }

    @Test func headerWithALineBreakIsNeverSentAndItsValueNeverShown() async throws {
        let listener = try SilentListener()
        let transport = CurlTransport(maxConnections: 1)
        let request = OutgoingRequest(
            method: "GET", url: listener.url, headers: HTTPHeaders([("Authorization", "Bearer s3cret\nX-Injected: 1")]),
            body: [])
        await #expect(throws: TransportFailure.other("the Authorization header holds a line break, which HTTP cannot carry")) {
            try await transport.send(request, timeout: .seconds(5))
        }
    }

    @Test func responseHeadersKeepTheirValuesWithoutTheSpaceAroundThem() async throws {
        // An interim `100 Continue` first: only the final response's fields count.
        let peer = try CannedResponder(answer: [
            "HTTP/1.1 100 Continue", "X-Interim: dropped", "",
            "HTTP/1.1 200 OK", "Content-Length: 2", "link: \t<https://example.test/?page=2>; rel=\"next\" \t",
            "X-Empty:", "X-Inner:  a  b ", "X-Colons: c:d:e", "Connection: close", "", "{}",
        ].joined(separator: "\r\n"))
        let transport = CurlTransport(maxConnections: 1)
        let response = try await transport.send(
            OutgoingRequest(method: "GET", url: peer.url, headers: HTTPHeaders(), body: []), timeout: .seconds(10))
        #expect(response.status == 200)
        #expect(response.body == Array("{}".utf8))
        #expect(response.headers["Link"] == "<https://example.test/?page=2>; rel=\"next\"")
        #expect(response.headers.values("LINK") == ["<https://example.test/?page=2>; rel=\"next\""])
        #expect(response.headers["x-empty"] == "")
        #expect(response.headers["X-Inner"] == "a  b")
        #expect(response.headers["X-Colons"] == "c:d:e")
        #expect(response.headers["X-Interim"] == nil)
    }

    /// The body's buffer is made at the announced length, within a cap: a server announcing
    /// an absurd length and then closing is a failed request, not an allocation that stops
    /// the process.
    @Test func anAbsurdAnnouncedLengthFailsTheRequestRatherThanTheProcess() async throws {
        let peer = try CannedResponder(answer: [
            "HTTP/1.1 200 OK", "Content-Length: 4611686018427387904", "Connection: close", "", "{}",
        ].joined(separator: "\r\n"))
        let transport = CurlTransport(maxConnections: 1)
        await #expect(throws: TransportFailure.self) {
            try await transport.send(OutgoingRequest(method: "GET", url: peer.url, headers: HTTPHeaders(), body: []), timeout: .seconds(10))
        }
    }

    /// A body of 100 KB in a buffer made at its announced length arrives whole.
    @Test func aLargeBodyWithItsLengthAnnouncedArrivesWhole() async throws {
        let body = String(repeating: "0123456789", count: 10_000)
        let peer = try CannedResponder(answer: [
            "HTTP/1.1 200 OK", "Content-Length: \(body.utf8.count)", "Connection: close", "", body,
        ].joined(separator: "\r\n"))
        let transport = CurlTransport(maxConnections: 1)
        let response = try await transport.send(
            OutgoingRequest(method: "GET", url: peer.url, headers: HTTPHeaders(), body: []), timeout: .seconds(10))
        #expect(response.body == Array(body.utf8))
    }

    @Test func headerNamesMatchIgnoringTheCaseOfLettersOnly() {
        #expect(HTTPHeaders.sameName("Content-Type", "content-TYPE"))
        #expect(HTTPHeaders.sameName("", ""))
        #expect(!HTTPHeaders.sameName("Link", "Links"))
        #expect(!HTTPHeaders.sameName("Links", "Link"))
        // Bytes a case bit apart that are not letters: `@` and a backquote, `[` and `{`.
        #expect(!HTTPHeaders.sameName("X@", "X`"))
        #expect(!HTTPHeaders.sameName("X[", "X{"))
        var headers = HTTPHeaders([("ETag", "1"), ("etag", "2"), ("Vary", "x")])
        headers.remove("ETAG")
        #expect(headers.fields.map(\.name) == ["Vary"])
    }

    @Test func redirectsAreFollowedWithinTheOriginOnly() {
        let request = OutgoingRequest(
            method: "POST", url: URL(string: "https://api.github.com/repos/a/b/labels")!,
            headers: HTTPHeaders([("Authorization", "Bearer t"), ("Content-Type", "application/json")]), body: [1])
        func response(_ status: Int, _ location: String) -> HTTPResponse {
            HTTPResponse(status: status, headers: HTTPHeaders([("Location", location)]))
        }
        let moved = CurlTransport.redirect(request, after: response(307, "/repositories/1/labels"))
        #expect(moved?.url.absoluteString == "https://api.github.com/repositories/1/labels")
        #expect(moved?.method == "POST" && moved?.body == [1])
        let seeOther = CurlTransport.redirect(request, after: response(303, "https://api.github.com/x"))
        #expect(seeOther?.method == "GET" && seeOther?.body == [] && seeOther?.headers["Content-Type"] == nil)
        #expect(seeOther?.headers["Authorization"] == "Bearer t")
        #expect(CurlTransport.redirect(request, after: response(302, "https://evil.example/steal")) == nil)
        #expect(CurlTransport.redirect(request, after: response(301, "http://api.github.com/x")) == nil)
        #expect(CurlTransport.redirect(request, after: HTTPResponse(status: 200)) == nil)
    }
}
