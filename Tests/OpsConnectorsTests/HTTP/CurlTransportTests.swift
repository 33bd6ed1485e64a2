import Foundation
import Glibc
import OpsCore
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

/// The libcurl transport: it reports refusals and timeouts as the client expects, stops at
/// once when its task is cancelled, and follows redirects only within the origin.
@Suite struct CurlTransportTests {
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
